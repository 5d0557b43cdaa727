"""Reading configuration from environment variables, the only source of settings."""

import os
import re
from urllib.parse import parse_qs, urlsplit

from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}
# What examples and templates put where a secret belongs.
PLACEHOLDER = re.compile(
    r"change[-_ ]?me|replace[-_ ]?me|your[-_ ]secret|secret[-_ ]key[-_ ]here", re.I
)
URL_PREFIX = re.compile(r"[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*")


def env_bool(name: str, *, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in TRUE_WORDS:
        return True
    if value.strip().lower() in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name: str) -> list[str]:
    """A comma-separated list, e.g. ALLOWED_HOSTS=news.example.go.id,www.example.go.id."""
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def env_int(name: str, *, default: int) -> int:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def cache_from_url(url: str) -> dict:
    """Django's CACHES entry for a CACHE_URL.

    redis://host:6379/0 (or rediss://) uses Django's own Redis backend, shared by every app
    server; file:///var/cache/newsroom keeps it in a folder, shared by the app server processes
    of one machine; locmem:// keeps it in each process, which suits one process only (tests);
    dummy:// disables it. A query string ?key_prefix=… sets the prefix.
    """
    parts = urlsplit(url)
    options = parse_qs(parts.query)
    key_prefix = options.pop("key_prefix", [""])[0]
    if parts.scheme in {"redis", "rediss"}:
        location = parts._replace(query="").geturl()
        config = {
            "BACKEND": "newsroom.caching.redis.RedisCache",
            "LOCATION": location,
            # A Redis that hangs must not hang the pages: they are served without the cache.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    elif parts.scheme == "file" and parts.path:
        config = {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": parts.path,
            # Past this many entries, a third of them are removed to make room.
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    elif parts.scheme == "locmem":
        config = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    elif parts.scheme == "dummy":
        config = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    else:
        raise ImproperlyConfigured(
            "CACHE_URL must start with redis://, rediss://, file:///, locmem:// or dummy://, "
            f"not {url!r}."
        )
    if options:
        raise ImproperlyConfigured(f"CACHE_URL has unknown options: {', '.join(options)}.")
    if key_prefix:
        config["KEY_PREFIX"] = key_prefix
    return config


def secret_key_problem(key: str) -> str | None:
    """Why a secret key cannot sign production's sessions and links, or None if it can.

    The bar is Django's own (check --deploy): at least 50 characters, 5 of them different, not
    the "django-insecure-" prefix that startproject writes; and not a placeholder copied from an
    example.
    """
    if not key:
        return "is not set"
    if len(key) < SECRET_KEY_MIN_LENGTH or len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS:
        return (
            f"is too short or too plain: it needs at least {SECRET_KEY_MIN_LENGTH} characters, "
            f"{SECRET_KEY_MIN_UNIQUE_CHARACTERS} of them different"
        )
    if key.startswith(SECRET_KEY_INSECURE_PREFIX) or PLACEHOLDER.search(key):
        return "is a placeholder, not a secret"
    return None


def url_prefix(name: str, *, default: str) -> str:
    """A path below the site's root, as Django's path() takes it: "desk/" or "office/desk/"."""
    value = os.environ.get(name, default).strip().strip("/")
    if not value or not URL_PREFIX.fullmatch(value):
        raise ImproperlyConfigured(
            f"{name} must be a path such as {default!r} (letters, digits, - and _, separated "
            f"by /), not {os.environ.get(name)!r}."
        )
    return value + "/"
