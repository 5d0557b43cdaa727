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
                "BACKEND": "newsroom.caching.redis.RedisCache",
                "LOCATION": "redis://127.0.0.1:6379/0",
                "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
            },
        ),
        (
            "redis://cache:6379/1?key_prefix=newsroom",
            {
                "BACKEND": "newsroom.caching.redis.RedisCache",
                "LOCATION": "redis://cache:6379/1",
                "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
                "KEY_PREFIX": "newsroom",
            },
        ),
        (
            "file:///var/cache/newsroom",
            {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": "/var/cache/newsroom",
                "OPTIONS": {"MAX_ENTRIES": 10_000},
            },
        ),
        ("locmem://", {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}),
        ("dummy://", {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}),
    ],
)
def test_cache_url(url, expected):
    assert cache_from_url(url) == expected


@pytest.mark.parametrize(
    "url", ["memcached://x", "redis://x?timeout=3", "file://", "file://relative", "nonsense"]
)
def test_a_cache_url_we_cannot_use_is_refused(url):
    with pytest.raises(ImproperlyConfigured):
        cache_from_url(url)


def test_a_boolean_that_is_neither_is_refused(monkeypatch):
    monkeypatch.setenv("DEBUG", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be true or false"):
        env_bool("DEBUG", default=False)


# A key as `make run` makes them (secrets.token_urlsafe(50)); for these tests only.
GOOD_KEY = "q3J8vN0xK2mT5rW9yB1cE4hL7pS6uZ0aD3fG8jM2nQ5tV9xY1bC4eH7kP0sU3wZ6"
# What the README's Security section sets in production, with servers that are never reached
# (check does not connect to them).
PRODUCTION = {
    "SECRET_KEY": GOOD_KEY,
    "ALLOWED_HOSTS": "berita.example.go.id",
    "CSRF_TRUSTED_ORIGINS": "https://berita.example.go.id",
    "HTTPS": "1",
    "NEWSROOM_PROXY_COUNT": "1",
    "DATABASE_URL": "postgres://newsroom@127.0.0.1:1/newsroom",
    "CACHE_URL": "redis://127.0.0.1:1/0",
}
# The settings only these tests set: the environment of the test run does not leak into them
# (the browser tests allow Django's synchronous calls from Playwright's event loop, for one).
CONFIGURED = {
    *PRODUCTION, "DEBUG", "NEWSROOM_ADMIN_PATH", "NEWSROOM_REQUIRE_2FA", "SECURE_HSTS_SECONDS",
    "NEWSROOM_SERVE_MEDIA", "PAGE_CACHE_ENABLED", "DJANGO_ALLOW_ASYNC_UNSAFE", "EMAIL_HOST",
    "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD", "EMAIL_USE_TLS", "ADMINS",
    "DEFAULT_FROM_EMAIL", "DATABASE_PARALLEL_WORKERS",
}  # fmt: skip


def start_django(*command, **environment):
    """Django started in a process of its own, as an app server would be."""
    clean = {k: v for k, v in os.environ.items() if k not in CONFIGURED}
    return subprocess.run(
        [sys.executable, *(command or ["-c", "import django; django.setup()"])],
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **environment},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize(
    "environment, message",
    [
        ({"ALLOWED_HOSTS": "news.example.go.id"}, "SECRET_KEY is not set"),
        ({"SECRET_KEY": "", "ALLOWED_HOSTS": "news.example.go.id"}, "SECRET_KEY is not set"),
        (
            {"SECRET_KEY": "short-but-random-8Jx2", "ALLOWED_HOSTS": "news.example.go.id"},
            "SECRET_KEY is too short or too plain: it needs at least 50 characters",
        ),
        (
            {"SECRET_KEY": "ab" * 30, "ALLOWED_HOSTS": "news.example.go.id"},
            "SECRET_KEY is too short or too plain",
        ),
        (
            {"SECRET_KEY": "django-insecure-" + GOOD_KEY, "ALLOWED_HOSTS": "news.example.go.id"},
            "SECRET_KEY is a placeholder, not a secret",
        ),
        (
            {"SECRET_KEY": "change-me-" + GOOD_KEY, "ALLOWED_HOSTS": "news.example.go.id"},
            "SECRET_KEY is a placeholder, not a secret",
        ),
        ({"SECRET_KEY": GOOD_KEY}, "ALLOWED_HOSTS is not set"),
        ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": " , "}, "ALLOWED_HOSTS is not set"),
    ],
)
def test_production_refuses_to_start_without_its_secrets(environment, message):
    result = start_django(DEBUG="0", **environment)
    assert result.returncode != 0
    assert f"ImproperlyConfigured: {message}" in result.stderr


def test_production_starts_when_configured():
    result = start_django(DEBUG="0", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="news.example.go.id")
    assert result.returncode == 0, result.stderr


def test_development_starts_with_nothing_configured():
    result = start_django(DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_the_readme_production_settings_pass_the_deployment_checks():
    result = start_django(
        "manage.py", "check", "--deploy", "--fail-level", "WARNING", DEBUG="0", **PRODUCTION
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_without_https_the_deployment_checks_say_what_is_missing():
    plain = {**PRODUCTION, "HTTPS": "0"}
    result = start_django("manage.py", "check", "--deploy", DEBUG="0", **plain)
    for check in ["security.W004", "security.W008", "security.W012", "security.W016"]:
        assert check in result.stderr


@pytest.mark.parametrize("value", ["", "/", "a b/", "desk/../x/", "meja?/"])
def test_an_admin_path_we_cannot_use_is_refused(value):
    result = start_django(DEBUG="1", NEWSROOM_ADMIN_PATH=value)
    assert result.returncode != 0
    assert "NEWSROOM_ADMIN_PATH must be a path such as 'admin/'" in result.stderr


@pytest.mark.parametrize("value", ["Editor,Administrator", "editor, administrator", "EDITOR"])
def test_the_roles_that_must_use_two_factor_sign_in_are_read_in_any_case(value):
    code = "import django; django.setup(); from django.conf import settings as s; "
    code += "print(s.NEWSROOM_REQUIRE_2FA)"
    result = start_django("-c", code, DEBUG="1", NEWSROOM_REQUIRE_2FA=value)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() in {"('Editor', 'Administrator')", "('Editor',)"}


def test_a_role_that_does_not_exist_is_refused():
    result = start_django(DEBUG="1", NEWSROOM_REQUIRE_2FA="Editor,Redaktur")
    assert result.returncode != 0
    assert "NEWSROOM_REQUIRE_2FA names roles" in result.stderr


def test_the_desk_moves_to_the_address_it_is_given():
    code = """
import django
django.setup()
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve, reverse
print(reverse("admin:index"), reverse("admin:login"), reverse("two-factor"))
print(settings.PAGE_CACHE_EXCLUDED_PATHS[0])
try:
    resolve("/admin/")
except Resolver404:
    print("no /admin/")
print("Disallow" in Client().get("/robots.txt").text)
"""
    environment = {"DEBUG": "1", "ALLOWED_HOSTS": "testserver"}
    result = start_django("-c", code, NEWSROOM_ADMIN_PATH="/kantor/meja-redaksi", **environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "/kantor/meja-redaksi/ /kantor/meja-redaksi/login/ /kantor/meja-redaksi/two-factor/",
        "/kantor/meja-redaksi/",
        "no /admin/",
        # An address of one's own is not published in robots.txt.
        "False",
    ]


MAIL = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.ADMINS, s.SERVER_EMAIL, "
    "sep='|')"
)


def test_without_a_mail_server_alerts_go_to_the_log():
    result = start_django("-c", MAIL, DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("django.core.mail.backends.console.EmailBackend")


def test_a_mail_server_is_configured_from_the_environment():
    result = start_django(
        "-c", MAIL, DEBUG="1", EMAIL_HOST="smtp.example.go.id", ADMINS="a@example.go.id, b@x.id",
        DEFAULT_FROM_EMAIL="berita@example.go.id",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().split("|") == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.go.id",
        "587",
        "True",
        "[('', 'a@example.go.id'), ('', 'b@x.id')]",
        "berita@example.go.id",
    ]


@pytest.mark.parametrize(
    "url, workers, expected",
    [
        ("postgres://newsroom@db:5432/newsroom", None, "-c max_parallel_workers_per_gather=0"),
        ("postgres://newsroom@db:5432/newsroom", "2", "-c max_parallel_workers_per_gather=2"),
        ("postgres://newsroom@db:5432/newsroom", "server", None),
        ("sqlite:////tmp/newsroom.sqlite3", None, None),
    ],
)
def test_postgresql_runs_the_sites_queries_without_parallel_workers(url, workers, expected):
    """Unless told otherwise: a page's short queries run faster without starting a worker."""
    environment = {
        "DATABASE_URL": url,
        **({"DATABASE_PARALLEL_WORKERS": workers} if workers else {}),
    }
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default'].get('OPTIONS', {}).get('options'))"
    )
    result = start_django("-c", code, DEBUG="1", **environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(expected)


def test_a_number_of_parallel_workers_that_is_not_one_is_refused():
    result = start_django(
        DEBUG="1",
        DATABASE_URL="postgres://newsroom@db:5432/newsroom",
        DATABASE_PARALLEL_WORKERS="many",
    )
    assert "DATABASE_PARALLEL_WORKERS must be a whole number" in result.stderr
