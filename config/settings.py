"""Newsroom's settings: one file, driven by environment variables.

With nothing configured but DEBUG=1, Newsroom runs on the embedded default: SQLite, local media
files and an in-process cache. Production sets SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and
CACHE_URL; with DEBUG off, a missing or weak SECRET_KEY or a missing ALLOWED_HOSTS stops the
start at once. HTTPS=1 turns on what only a site served over HTTPS can do (README, Security).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.environment import (
    cache_from_url,
    env_bool,
    env_int,
    env_list,
    secret_key_problem,
    url_prefix,
)

BASE_DIR = Path(__file__).resolve().parent.parent

# The embedded default keeps its state (database, media, collected static files) here.
VAR_DIR = Path(os.environ.get("NEWSROOM_VAR_DIR", BASE_DIR / "var"))

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not DEBUG and (problem := secret_key_problem(SECRET_KEY)):
    raise ImproperlyConfigured(
        f"SECRET_KEY {problem}. Production (DEBUG off) needs a long random secret key, the same "
        'on every app server: python3 -c "import secrets; print(secrets.token_urlsafe(50))" '
        "makes one."
    )
if not SECRET_KEY:
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 (never used with DEBUG off)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS is not set. Name the site's host names, separated by commas."
        )
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# HTTPS=1 where the site is served over HTTPS, as production must be: plain http is redirected,
# cookies travel over HTTPS only and browsers are told to use nothing else for a year (HSTS).
# Off by default, because `make run` and the tests speak plain http.
HTTPS = env_bool("HTTPS", default=False)
SECURE_SSL_REDIRECT = HTTPS
# A load balancer checks the app servers' health over plain http.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=365 * 24 * 60 * 60) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
# Reverse proxies (load balancer, CDN) in front of the app servers. Their headers are believed
# only when they are said to be there, since a client could send the same headers itself: the
# scheme from X-Forwarded-Proto, and the client's address from X-Forwarded-For, to which each of
# them adds the address it saw (newsroom.desk.signin.client_address).
NEWSROOM_PROXY_COUNT = env_int("NEWSROOM_PROXY_COUNT", default=0)
if NEWSROOM_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The desk's address. Another than the well-known /admin/ keeps it out of the way of the scripts
# that try /admin/ on every site; the sign-in rules below are what protect it.
NEWSROOM_ADMIN_PATH = url_prefix("NEWSROOM_ADMIN_PATH", default="admin/")

# The name readers see in every page's header and title.
NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "Newsroom")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "corsheaders",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "reversion",
    "django_prose_editor",
    "imagekit",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "newsroom.core",
    "newsroom.agencies",
    "newsroom.articles",
    "newsroom.events",
    "newsroom.operations",
    "newsroom.caching",
    "newsroom.api",
    "newsroom.desk",
    "newsroom.importer",
]

# Middleware above the page cache applies to cached pages too; what is below it runs only when
# a page is rendered.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # A stored page is replayed whole, with the headers the middleware below gave it when it
    # was rendered, so that a hit skips their work; a policy changed by a new release reaches
    # stored pages when their version next changes (newsroom/caching/state.py: LONGEST_LIFE).
    "newsroom.caching.middleware.PageCacheMiddleware",
    # The security headers go on every response, static files and cached pages included.
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of a public page comes from its address (/en/…), never from a cookie.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whether the signed-in person gave their code (request.user.is_verified()), and those who
    # must use two-factor sign-in kept out of the desk until they have.
    "django_otp.middleware.OTPMiddleware",
    "newsroom.desk.signin.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", default=60),
        conn_health_checks=True,
    )
}
if "DATABASE_URL" not in os.environ:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and (
    os.environ.get("DATABASE_PARALLEL_WORKERS", "").strip() != "server"
):
    # Parallel workers speed up one long query on an idle server. A site's pages run many short,
    # bounded queries at once, and starting a worker costs more than they take: a search within
    # an agency at a million articles read its ids in 22 ms with a worker, 6 ms without.
    # "server" keeps the server's own setting (for a pooler that refuses startup options).
    workers = env_int("DATABASE_PARALLEL_WORKERS", default=0)
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = (
        f"{options.get('options', '')} -c max_parallel_workers_per_gather={workers}".strip()
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while an editor saves; IMMEDIATE avoids "database is locked"
    # errors when two writers meet.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# The embedded default keeps its cache in a folder, so that every worker of `make run` sees a
# change at once: a cache in each process would go on serving the pages it stored before it.
CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", f"file://{VAR_DIR / 'cache'}"))}
# Anonymous readers' pages are cached whole (newsroom/caching). Shared caches (a CDN) may keep
# a page this many seconds before asking again; 0 means they ask every time, with an ETag.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_SHARED_MAX_AGE = env_int("PAGE_CACHE_SHARED_MAX_AGE", default=0)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Length is what makes a password hard to guess; twelve characters is a short sentence.
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in to the desk (README, Security). AxesStandaloneBackend comes first: it refuses a sign-in
# that is locked out before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failures are counted per account and address, so that someone guessing from elsewhere does not
# lock the editor out at the office. They are forgotten once the cool-off has passed since the
# last one, or after a sign-in that succeeds; an administrator can unlock sooner (Users).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env_int("NEWSROOM_SIGN_IN_ATTEMPTS", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("NEWSROOM_SIGN_IN_LOCKOUT_MINUTES", default=15))
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "newsroom.desk.signin.client_address"
AXES_LOCKOUT_CALLABLE = "newsroom.desk.signin.locked_out"
# Not Axes's banner ("AXES: BEGIN …") at the start of every process and manage.py command: it
# tells an administrator nothing. Failed sign-ins and lockouts are still logged.
AXES_VERBOSE = False
# A sign-in lasts a working day from the moment it is made: it is not renewed by each request, so
# a stolen session cookie is good for eight hours at most and no request pays for a session
# write. Closing the browser ends it sooner, for the office's shared computers.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Two-factor sign-in with an authenticator app (TOTP, django-otp): compulsory for the roles named
# here (Contributor, Editor, Administrator; superusers count as administrators), open to anyone.
ROLES = ("Contributor", "Editor", "Administrator")
NEWSROOM_REQUIRE_2FA = tuple(
    next((role for role in ROLES if role.lower() == name.lower()), name)
    for name in env_list("NEWSROOM_REQUIRE_2FA")
)
if unknown := set(NEWSROOM_REQUIRE_2FA) - set(ROLES):
    raise ImproperlyConfigured(
        f"NEWSROOM_REQUIRE_2FA names roles, among {', '.join(ROLES)}; not {', '.join(unknown)}."
    )
OTP_TOTP_ISSUER = NEWSROOM_SITE_NAME

# Security headers (README, Security). Public pages have no script of their own (their
# application/ld+json data blocks are not scripts to CSP); the desk's rich-text editor needs a
# nonce for its import map, which is never cached, and Swagger UI loads its script from a URL.
# The editor (Tiptap, inside django-prose-editor 0.28) adds its base stylesheet to the page in a
# <style> element, which can carry no nonce: that stylesheet alone is allowed, by its hash. A test
# checks the hash against the installed editor.
TIPTAP_STYLE_HASHES = ["'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"]
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, *TIPTAP_STYLE_HASHES],
        # Swagger UI's stylesheet draws its icons from data: URLs.
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "upgrade-insecure-requests": HTTPS,
    },
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture",
        "encrypted-media", "geolocation", "gyroscope", "hid", "magnetometer", "microphone",
        "midi", "payment", "serial", "usb",
    )
}  # fmt: skip

# Indonesian first; English available.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
# The page cache leaves these alone: the desk, the health check, and the static files, which
# WhiteNoise (below the cache) answers with no lookup.
PAGE_CACHE_EXCLUDED_PATHS = (f"/{NEWSROOM_ADMIN_PATH}", "/healthz", f"/{STATIC_URL}")
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# The embedded default serves uploaded media itself, so that `make run` shows lead images with
# DEBUG off. Production leaves this off and serves media from its storage (S3, a web server).
NEWSROOM_SERVE_MEDIA = env_bool("NEWSROOM_SERVE_MEDIA", default="DATABASE_URL" not in os.environ)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The read-only JSON API under /api/v1/: anonymous, JSON only, filtered by the lists' own
# FilterSets, documented in OpenAPI 3 with Swagger UI served from this site.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "newsroom.api.pagination.PageNumberPagination",
    "DEFAULT_SCHEMA_CLASS": "newsroom.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "newsroom.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": f"{NEWSROOM_SITE_NAME} API",
    "DESCRIPTION": (
        "Read-only open data: the published news, events, agencies, people and topics. Lists "
        "take the same filters as the site's pages; 20 results a page (page_size up to 100). "
        "Errors are JSON with a `detail` message, and `errors` per parameter for a 400. "
        "Answers carry an ETag: send it back in If-None-Match to get 304 Not Modified. "
        "Messages are in Indonesian unless Accept-Language asks for English."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "AgencyKindEnum": "newsroom.agencies.models.Agency.Kind",
        "EventKindEnum": "newsroom.events.models.Event.Kind",
    },
}
# Anyone may read the API from a web page on another site; nothing else is shared.
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "accept-language", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["etag"]
# Lead image renditions are made on first use and kept beside the media files.
IMAGEKIT_CACHEFILE_DIR = "renditions"
IMAGEKIT_SPEC_CACHEFILE_NAMER = "imagekit.cachefiles.namers.source_name_dot_hash"

# Uploaded images: a file larger than this, or with more pixels, is refused.
NEWSROOM_IMAGE_MAX_BYTES = env_int("NEWSROOM_IMAGE_MAX_BYTES", default=15 * 1024 * 1024)
NEWSROOM_IMAGE_MAX_PIXELS = env_int("NEWSROOM_IMAGE_MAX_PIXELS", default=40_000_000)

# How long a preview link of unpublished work stays valid, in seconds (default three days).
NEWSROOM_PREVIEW_MAX_AGE = env_int("NEWSROOM_PREVIEW_MAX_AGE", default=3 * 24 * 60 * 60)

# The spam guard (newsroom/core/spam.py): domains that links in titles, captions and other
# plain text may point to, besides government sites (go.id) and this site's own host names.
# Administrators add more, and the phrases and domains to refuse, in the admin.
NEWSROOM_ALLOWED_LINK_DOMAINS = env_list("NEWSROOM_ALLOWED_LINK_DOMAINS")

# Errors go to the server log, never to the reader.
# Mail carries the spam guard's alerts to administrators. Without EMAIL_HOST it is written to
# the log (standard error), so an alert is never lost on a machine without a mail server.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_PORT = env_int("EMAIL_PORT", default=587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = SERVER_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
# Addresses, separated by commas, that get every alert besides the administrators' own.
ADMINS = [("", address) for address in env_list("ADMINS")]

# Backups (manage.py backup) keep times to the microsecond, so a restored site is the same.
SERIALIZATION_MODULES = {"backup": "newsroom.operations.serializers"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
