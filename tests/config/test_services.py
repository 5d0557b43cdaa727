"""The production services, exercised for real where .ci/run provides them."""

import pytest
from django.core.cache import cache
from django.db import connection

from tests.factories import ArticleFactory


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_keeps_the_publication_time_zone():
    article = ArticleFactory()
    with connection.cursor() as cursor:
        cursor.execute("SHOW TimeZone")
        assert cursor.fetchone()[0] == "UTC"
    article.refresh_from_db()
    assert article.published_at.utcoffset().total_seconds() == 0


@pytest.mark.redis
def test_redis_is_the_shared_cache():
    cache.set("newsroom-test", {"berita": 2}, timeout=30)
    assert cache.get("newsroom-test") == {"berita": 2}
    assert cache.delete("newsroom-test") is True
