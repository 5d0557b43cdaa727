"""The API's documentation page in a real browser: it works with nothing from elsewhere."""

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.chromium, pytest.mark.django_db(transaction=True)]


def test_the_api_documentation_renders_from_this_site_alone(page, live_server):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/api/v1/docs/")
    page.get_by_text("/api/v1/articles/", exact=True).first.wait_for()
    assert page.get_by_text("/api/v1/agencies/{slug}/", exact=True).first.is_visible()
    site = urlsplit(live_server.url).netloc
    elsewhere = [url for url in requested if urlsplit(url).netloc not in {site, ""}]
    assert elsewhere == []
    assert any(url.endswith("/api/v1/openapi.json") for url in requested)
