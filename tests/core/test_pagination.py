from datetime import timedelta

import pytest
from django.utils import timezone

from newsroom.articles.models import Article
from newsroom.core.pagination import CappedPaginator
from tests.factories import ArticleFactory


@pytest.fixture
def articles_an_hour_apart():
    now = timezone.now()
    return [
        ArticleFactory(title=f"Berita {index}", published_at=now - timedelta(hours=index))
        for index in range(1, 46)
    ]


def page_titles(paginator, number):
    return [article.title for article in paginator.page(number)]


@pytest.mark.django_db
@pytest.mark.parametrize("count_limit", [1_000, 30], ids=["counted", "too long to count"])
def test_a_deep_page_read_by_its_ids_first_holds_the_same_rows_in_the_same_order(
    monkeypatch, articles_an_hour_apart, count_limit
):
    monkeypatch.setattr(CappedPaginator, "COUNT_LIMIT", count_limit)
    result = Article.objects.published()
    monkeypatch.setattr(CappedPaginator, "DEFERRED_OFFSET", 10_000)
    by_offset = [page_titles(CappedPaginator(result, 10), number) for number in (2, 3, 5)]
    monkeypatch.setattr(CappedPaginator, "DEFERRED_OFFSET", 10)
    by_ids = [page_titles(CappedPaginator(result, 10), number) for number in (2, 3, 5)]

    assert by_ids == by_offset
    assert by_ids[0] == [f"Berita {index}" for index in range(11, 21)]
    assert by_ids[2] == [f"Berita {index}" for index in range(41, 46)]


@pytest.mark.django_db
def test_a_deep_page_of_the_finder_keeps_its_order_and_its_next_link(
    client, monkeypatch, articles_an_hour_apart
):
    monkeypatch.setattr(CappedPaginator, "COUNT_LIMIT", 30)
    monkeypatch.setattr(CappedPaginator, "DEFERRED_OFFSET", 20)
    second = client.get("/berita/?page=2").text
    titles = [line.split(">")[-1] for line in second.split("</a></h3>")[:-1]]
    assert titles == [f"Berita {index}" for index in range(21, 41)]
    assert 'href="?page=3" rel="next"' in second
    oldest_first = client.get("/berita/?sort=oldest&page=2").text
    assert oldest_first.index("Berita 25<") < oldest_first.index("Berita 24<")
