import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from config.environment import cache_from_url, env_bool


@pytest.mark.parametrize(
    "url, expected",
    [
        (
            "redis://127.0.0.1:6379/0",
            {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://127.0.0.1:6379/0",
            },
        ),
        (
            "redis://cache:6379/1?key_prefix=newsroom",
            {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://cache:6379/1",
                "KEY_PREFIX": "newsroom",
            },
        ),
        ("locmem://", {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}),
        ("dummy://", {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}),
    ],
)
def test_cache_url(url, expected):
    assert cache_from_url(url) == expected


@pytest.mark.parametrize("url", ["memcached://x", "redis://x?timeout=3", "nonsense"])
def test_a_cache_url_we_cannot_use_is_refused(url):
    with pytest.raises(ImproperlyConfigured):
        cache_from_url(url)


def test_a_boolean_that_is_neither_is_refused(monkeypatch):
    monkeypatch.setenv("DEBUG", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be true or false"):
        env_bool("DEBUG", default=False)


def start_django(**environment):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **environment},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    "environment, message",
    [
        ({"DEBUG": "0", "ALLOWED_HOSTS": "news.example.go.id"}, "SECRET_KEY is not set"),
        ({"DEBUG": "0", "SECRET_KEY": "s" * 50}, "ALLOWED_HOSTS is not set"),
    ],
)
def test_production_refuses_to_start_without_its_secrets(environment, message):
    result = start_django(**environment)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_starts_when_configured():
    result = start_django(DEBUG="0", SECRET_KEY="s" * 50, ALLOWED_HOSTS="news.example.go.id")
    assert result.returncode == 0, result.stderr
