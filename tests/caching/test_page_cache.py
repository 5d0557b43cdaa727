from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.caching.middleware import RecentPages, page_key
from newsroom.caching.state import STATE_KEY
from tests.factories import AgencyFactory, ArticleFactory


@pytest.fixture
def page_cache(settings, django_capture_on_commit_callbacks):
    """The page cache on, and content changes committed as they would be in production."""
    settings.PAGE_CACHE_ENABLED = True

    def change(make):
        with django_capture_on_commit_callbacks(execute=True):
            return make()

    return change


def queries(client, path, **headers):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path, headers=headers)
    return response, len(context.captured_queries)


@pytest.mark.django_db
def test_a_second_reader_gets_the_stored_page_without_a_query(client, page_cache):
    page_cache(lambda: ArticleFactory(title="Berita pertama"))
    first, _ = queries(client, "/berita/")
    second, count = queries(client, "/berita/")
    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    assert count == 0
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert "Berita pertama" in second.text
    assert second["Content-Type"] == "text/html; charset=utf-8"
    assert second["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        "publish a new article",
        "edit the headline",
        "withdraw the article",
        "rename its agency",
        "unlink its agency",
    ],
)
def test_any_public_change_makes_stored_pages_stale_at_once(client, page_cache, change):
    agency = AgencyFactory(name="Dinas Lama", short_name="")
    article = page_cache(lambda: ArticleFactory(title="Berita lama", lead_agency=agency))
    before = client.get("/berita/")
    assert "Berita lama" in before.text

    def make_change():
        if change == "publish a new article":
            ArticleFactory(title="Berita baru")
        elif change == "edit the headline":
            article.title = "Berita baru"
            article.save()
        elif change == "withdraw the article":
            article.status, article.withdrawal_reason = "withdrawn", "Keliru."
            article.save()
        elif change == "rename its agency":
            agency.name = "Dinas Baru"
            agency.save()
        else:
            article.article_agencies.all().delete()

    page_cache(make_change)
    after = client.get("/berita/")
    assert after["X-Cache"] == "miss"
    assert after.content != before.content
    assert after["ETag"] != before["ETag"]


@pytest.mark.django_db
def test_a_scheduled_article_appears_when_its_time_comes(client, page_cache):
    due = timezone.now() + timedelta(hours=2)
    page_cache(lambda: ArticleFactory(title="Berita terjadwal", published_at=due))
    with time_machine.travel(due - timedelta(seconds=1), tick=False):
        assert "Berita terjadwal" not in client.get("/berita/").text
        assert client.get("/berita/")["X-Cache"] == "hit"
    with time_machine.travel(due + timedelta(seconds=1), tick=False):
        response = client.get("/berita/")
        assert response["X-Cache"] == "miss"
        assert "Berita terjadwal" in response.text


@pytest.mark.django_db
def test_conditional_requests_get_304(client, page_cache):
    page_cache(lambda: ArticleFactory())
    first = client.get("/berita/")
    assert client.get("/berita/", headers={"If-None-Match": first["ETag"]}).status_code == 304
    assert (
        client.get("/berita/", headers={"If-Modified-Since": first["Last-Modified"]}).status_code
        == 304
    )
    assert client.get("/berita/", headers={"If-None-Match": '"other"'}).status_code == 200
    page_cache(lambda: ArticleFactory())
    assert client.get("/berita/", headers={"If-None-Match": first["ETag"]}).status_code == 200


@pytest.mark.django_db
def test_cache_headers_let_a_cdn_revalidate(client, page_cache, settings):
    settings.PAGE_CACHE_SHARED_MAX_AGE = 30
    response = client.get("/")
    assert set(response["Cache-Control"].split(", ")) == {
        "public",
        "max-age=0",
        "s-maxage=30",
        "must-revalidate",
    }


@pytest.mark.django_db
def test_signed_in_readers_are_never_served_nor_stored(client, page_cache, django_user_model):
    page_cache(lambda: ArticleFactory(title="Berita umum"))
    client.get("/berita/")
    client.force_login(django_user_model.objects.create_user("redaktur"))
    response = client.get("/berita/")
    assert "X-Cache" not in response
    anonymous = Client().get("/berita/")
    assert anonymous["X-Cache"] == "hit"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/berita/?from=2023-13-45", "/berita/tidak-ada/", "/healthz"])
def test_errors_and_uncacheable_answers_are_not_stored(client, page_cache, path):
    client.get(path)
    assert "X-Cache" not in client.get(path)


@pytest.mark.django_db
def test_pages_are_served_when_the_cache_is_down(client, page_cache, settings):
    page_cache(lambda: ArticleFactory(title="Tetap tampil"))
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.caching.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    response = client.get("/berita/")
    assert response.status_code == 200
    assert "Tetap tampil" in response.text
    assert "X-Cache" not in response


@pytest.mark.django_db
def test_a_lost_state_is_renewed_by_one_request(client, page_cache):
    client.get("/")
    version = cache.get(STATE_KEY).version
    cache.delete(STATE_KEY)
    assert client.get("/")["X-Cache"] == "miss"
    assert cache.get(STATE_KEY).version != version


@pytest.mark.django_db
def test_the_api_is_cached_per_language(client, page_cache):
    page_cache(lambda: ArticleFactory())
    client.get("/api/v1/articles/?from=nonsense")
    indonesian = client.get("/api/v1/articles/")
    assert client.get("/api/v1/articles/")["X-Cache"] == "hit"
    english = client.get("/api/v1/articles/", headers={"Accept-Language": "en"})
    assert english["X-Cache"] == "miss"
    assert client.get("/api/v1/articles/", headers={"Accept-Language": "en"})["X-Cache"] == "hit"
    assert "Accept-Language" in indonesian["Vary"]
    hit = client.get("/api/v1/articles/", headers={"Origin": "https://data.go.id"})
    assert hit["X-Cache"] == "hit"
    assert hit["Access-Control-Allow-Origin"] == "*"


@pytest.mark.redis
def test_the_redis_client_is_made_once_and_reused():
    client = cache._cache.get_client(write=True)
    cache.set("newsroom-test-reuse", 1)
    assert cache.get("newsroom-test-reuse") == 1
    assert cache._cache.get_client() is client


@pytest.mark.django_db
def test_a_process_serves_its_own_copy_of_a_page_while_the_version_holds(client, page_cache):
    page_cache(lambda: ArticleFactory(title="Salinan proses"))
    first = client.get("/berita/")
    # The shared cache loses the page (evicted, or Redis restarted with the state kept).
    assert cache.delete(page_key(first.wsgi_request))
    second = client.get("/berita/")
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    page_cache(lambda: ArticleFactory(title="Berita sesudahnya"))
    third = client.get("/berita/")
    assert third["X-Cache"] == "miss"
    assert "Berita sesudahnya" in third.text


def test_a_process_keeps_only_its_most_recent_pages():
    recent = RecentPages(2)
    recent.put("a", {"version": "1"})
    recent.put("b", {"version": "1"})
    assert recent.get("a") == {"version": "1"}  # now the most recent
    recent.put("c", {"version": "1"})
    assert recent.get("b") is None
    assert recent.get("a") is not None
    assert recent.get("c") is not None
