"""The security headers on every response, cached pages included, and the pages written so that
the Content-Security-Policy lets them work."""

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import django_prose_editor
import pytest
from django.conf import settings

from tests.factories import AgencyFactory, ArticleFactory, EventFactory, UserFactory

pytestmark = pytest.mark.django_db

POLICY = [
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
]
DENIED_FEATURES = ["camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"]


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def assert_secured(response):
    policy = response["Content-Security-Policy"]
    for directive in POLICY:
        assert directive in policy
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    for feature in DENIED_FEATURES:
        assert feature in response["Permissions-Policy"]


@pytest.fixture
def content(db):
    agency = AgencyFactory(slug="bpbd", short_name="BPBD")
    event = EventFactory(slug="rapat-siaga", organiser=agency)
    article = ArticleFactory(slug="siaga-banjir", lead_agency=agency, events=[event])
    return {"article": article, "event": event, "agency": agency}


PUBLIC = [
    "/",
    "/en/",
    "/berita/",
    "/berita/?q=banjir",
    "/berita/siaga-banjir/",
    "/instansi/",
    "/instansi/bpbd/",
    "/agenda/",
    "/agenda/rapat-siaga/",
    "/agenda/bulan/",
]
OTHER = [
    "/berita/rss.xml",
    "/agenda/kalender.ics",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
    "/api/v1/articles/",
    "/api/v1/docs/",
    "/api/v1/docs/?script=",
    "/berita/does-not-exist/",
    "/berita/?from=2023-13-45",
    "/static/css/newsroom.css",
    "/admin/login/",
]


@pytest.mark.parametrize("path", PUBLIC + OTHER)
def test_every_response_carries_the_security_headers(client, content, path):
    response = client.get(path)
    response.close()  # a static file is streamed from an open file
    assert response.status_code in {200, 400, 404}
    assert_secured(response)
    # Plain http (HTTPS off): no HSTS, which would lock browsers out of such a site.
    assert "Strict-Transport-Security" not in response


@pytest.mark.parametrize("path", ["/", "/berita/", "/berita/siaga-banjir/", "/agenda/rapat-siaga/"])
def test_a_cached_page_carries_the_same_headers_and_no_nonce(client, content, settings, path):
    settings.PAGE_CACHE_ENABLED = True
    first = client.get(path)
    second = client.get(path)
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert_secured(second)
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "nonce-" not in second["Content-Security-Policy"]
    assert "nonce" not in second.content.decode()


class Scripts(HTMLParser):
    """What in a page could run or style it from inside the page itself."""

    def __init__(self):
        super().__init__()
        self.scripts, self.inline = [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self.scripts.append(attributes)
        if tag == "style":
            self.inline.append("<style>")
        self.inline += [name for name in attributes if name.startswith("on") or name == "style"]
        if attributes.get("href", "").lower().startswith("javascript:"):
            self.inline.append("javascript: link")


@pytest.mark.parametrize("path", PUBLIC)
def test_public_pages_have_no_script_of_their_own_only_data_blocks(client, content, path):
    page = Scripts()
    page.feed(client.get(path).content.decode())
    assert page.inline == []
    assert all(script == {"type": "application/ld+json"} for script in page.scripts)


def test_the_article_and_event_pages_keep_their_structured_data(client, content):
    for path in ["/berita/siaga-banjir/", "/agenda/rapat-siaga/"]:
        page = Scripts()
        page.feed(client.get(path).content.decode())
        assert {"type": "application/ld+json"} in page.scripts


def test_the_api_documentation_loads_its_script_and_style_from_files(client):
    response = client.get("/api/v1/docs/")
    page = Scripts()
    page.feed(response.content.decode())
    assert page.inline == []
    assert page.scripts
    assert all("src" in script for script in page.scripts)
    assert "nonce-" not in response["Content-Security-Policy"]
    assert client.get("/api/v1/docs/?script=")["Content-Type"].startswith("application/javascript")


def test_the_rich_text_editor_import_map_carries_the_pages_nonce(client, roles):
    client.force_login(UserFactory(role="Editor"))
    article = ArticleFactory()
    response = client.get(f"/admin/articles/article/{article.pk}/change/")
    assert response.status_code == 200
    nonce = next(
        value.removeprefix("'nonce-").removesuffix("'")
        for value in directives(response)["script-src"]
        if value.startswith("'nonce-")
    )
    assert re.search(rf'<script type="importmap" nonce="{re.escape(nonce)}">', response.text)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_the_editor_stylesheet_allowed_by_its_hash_is_the_one_the_editor_adds():
    """Tiptap adds this stylesheet in a <style> element without a nonce; a new version of the
    editor with another stylesheet must come with its new hash."""
    editor = Path(django_prose_editor.__file__).parent / "static/django_prose_editor/editor.js"
    source = editor.read_text()
    start = source.index("`.ProseMirror {") + 1
    stylesheet = source[start : source.index("`", start)]
    digest = base64.b64encode(hashlib.sha256(stylesheet.encode()).digest()).decode()
    allowed = f"'sha256-{digest}'"
    assert allowed in settings.TIPTAP_STYLE_HASHES
    assert allowed in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"]


def test_with_https_browsers_are_told_to_use_nothing_else(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    insecure = client.get("/berita/")
    assert insecure.status_code == 301
    assert insecure["Location"] == "https://testserver/berita/"
    response = client.get("/berita/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert_secured(response)
    # A load balancer's health check over plain http is answered, not redirected.
    assert client.get("/healthz").status_code == 200
