from datetime import timedelta

import pytest
from django.utils import timezone

from newsroom.articles.models import Article
from newsroom.core import pagination
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
    monkeypatch.setattr(pagination, "DEFERRED_OFFSET", 10_000)
    by_offset = [page_titles(CappedPaginator(result, 10), number) for number in (2, 3, 5)]
    monkeypatch.setattr(pagination, "DEFERRED_OFFSET", 10)
    by_ids = [page_titles(CappedPaginator(result, 10), number) for number in (2, 3, 5)]

    assert by_ids == by_offset
    assert by_ids[0] == [f"Berita {index}" for index in range(11, 21)]
    assert by_ids[2] == [f"Berita {index}" for index in range(41, 46)]


@pytest.mark.django_db
def test_a_deep_page_of_the_finder_keeps_its_order_and_its_next_link(
    client, monkeypatch, articles_an_hour_apart
):
    monkeypatch.setattr(CappedPaginator, "COUNT_LIMIT", 30)
    monkeypatch.setattr(pagination, "DEFERRED_OFFSET", 20)
    second = client.get("/berita/?page=2").text
    assert card_titles(second) == [f"Berita {index}" for index in range(21, 41)]
    assert 'href="?page=3" rel="next"' in second
    oldest_first = client.get("/berita/?sort=oldest&page=2").text
    assert oldest_first.index("Berita 25<") < oldest_first.index("Berita 24<")


def card_titles(page):
    return [line.split(">")[-1] for line in page.split("</a></h3>")[:-1]]


def unmarked(page):
    """The page without the marks around the words searched."""
    return page.replace("<mark>", "").replace("</mark>", "")


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["page=2", "sort=oldest&page=2", "q=berita&page=2"])
@pytest.mark.parametrize("count_limit", [1_000, 30], ids=["counted", "too long to count"])
def test_every_order_of_the_finder_holds_on_a_page_read_by_its_ids(
    client, monkeypatch, articles_an_hour_apart, query, count_limit
):
    monkeypatch.setattr(CappedPaginator, "COUNT_LIMIT", count_limit)
    monkeypatch.setattr(pagination, "DEFERRED_OFFSET", 10_000)
    by_offset = card_titles(client.get(f"/berita/?{query}").text)
    monkeypatch.setattr(pagination, "DEFERRED_OFFSET", 20)
    by_ids = card_titles(client.get(f"/berita/?{query}").text)
    assert len(by_ids) == 20
    assert by_ids == by_offset


@pytest.mark.django_db
@pytest.mark.parametrize("deferred_offset", [10_000, 20], ids=["by offset", "by ids"])
def test_a_search_by_relevance_pages_past_its_ranked_matches_newest_first(
    client, monkeypatch, articles_an_hour_apart, deferred_offset
):
    """The newest COUNT_LIMIT + 1 matches are ranked; the older follow on the same pages."""
    monkeypatch.setattr(CappedPaginator, "COUNT_LIMIT", 24)
    monkeypatch.setattr(pagination, "DEFERRED_OFFSET", deferred_offset)
    best = articles_an_hour_apart[19]  # Berita 20, among the 25 newest
    best.title = "Berita berita berita 20"
    best.save()
    pages = [
        card_titles(unmarked(client.get(f"/berita/?q=berita&page={number}").text))
        for number in (1, 2, 3)
    ]

    assert pages[0][0] == best.title
    # Rows 21 to 25 end the ranked ones; from row 26 on, the older matches newest first.
    assert pages[1][5:] == [f"Berita {index}" for index in range(26, 41)]
    assert pages[2] == [f"Berita {index}" for index in range(41, 46)]
    listed = [title for page in pages for title in page]
    assert sorted(listed) == sorted(article.title for article in articles_an_hour_apart)
