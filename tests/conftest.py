import importlib
import os

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.signals import setting_changed

from tests.factories import AgencyFactory

# Tests that need a real server or a browser say so with a marker. Where it is absent they
# skip, so the suite passes on SQLite alone; NEWSROOM_REQUIRE_SERVICES=postgres,redis,chromium
# (as in .ci/run) turns those skips into failures.
REQUIRED_SERVICES = {
    name.strip() for name in os.environ.get("NEWSROOM_REQUIRE_SERVICES", "").split(",") if name
}


def postgres_missing():
    if connection.vendor != "postgresql":
        return "needs PostgreSQL: set DATABASE_URL=postgres://…"
    return None


def redis_missing():
    if settings.CACHES["default"]["BACKEND"] != "newsroom.caching.redis.RedisCache":
        return "needs Redis: set CACHE_URL=redis://…"
    try:
        cache.get("newsroom-test-ping")
    except Exception as error:  # noqa: BLE001 (any failure means the server is not usable)
        return f"needs Redis, which does not answer at CACHE_URL: {error}"
    return None


def chromium_missing():
    from tests.browser.conftest import chromium_missing

    return chromium_missing()


SERVICE_CHECKS = {
    "postgres": postgres_missing,
    "redis": redis_missing,
    "chromium": chromium_missing,
}


def pytest_configure(config):
    # Tests do not run collectstatic: templates skip the manifest, and WhiteNoise serves the
    # files from where they are, as it does for development.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Tests change content inside transactions that never commit, so the page cache would not
    # hear of it; the cache's own tests turn it on.
    settings.PAGE_CACHE_ENABLED = False
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    # The tests read the interface in Indonesian, from the catalogue as it is now. Django read
    # the catalogues while importing models, before this hook: the signal makes it read again.
    call_command("compile_translations", verbosity=0)
    setting_changed.send(
        sender=type(settings), setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False
    )


def pytest_runtest_setup(item):
    for service, missing in SERVICE_CHECKS.items():
        if item.get_closest_marker(service) and (reason := missing()):
            if service in REQUIRED_SERVICES:
                pytest.fail(f"{reason} (required by NEWSROOM_REQUIRE_SERVICES)")
            pytest.skip(reason)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def agency_tree(db):
    """Kemendagri → Ditjen Polpum, and a regency → its Setda → a division, and Bawaslu."""
    kemendagri = AgencyFactory(slug="kemendagri", short_name="Kemendagri")
    polpum = AgencyFactory(slug="ditjen-polpum", short_name="Ditjen Polpum", parent=kemendagri)
    regency = AgencyFactory(slug="pemkab-indramayu", short_name="Pemkab Indramayu")
    setda = AgencyFactory(slug="setda-indramayu", parent=regency)
    tapem = AgencyFactory(slug="tapem-setda-indramayu", parent=setda)
    bawaslu = AgencyFactory(slug="bawaslu", short_name="Bawaslu")
    return {
        "kemendagri": kemendagri,
        "ditjen-polpum": polpum,
        "pemkab-indramayu": regency,
        "setda-indramayu": setda,
        "tapem-setda-indramayu": tapem,
        "bawaslu": bawaslu,
    }


@pytest.fixture
def roles(db):
    """The desk's roles. The data migration makes them; a transactional test's flush removes
    them, so tests that need them make sure they are there."""
    importlib.import_module("newsroom.desk.migrations.0002_roles").create_roles(apps, None)
    importlib.import_module(
        "newsroom.desk.migrations.0003_audit_trail_spam_guard"
    ).grant_administrators(apps, None)


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded files and renditions go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
