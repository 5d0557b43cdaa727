"""AgencyListing, each article under each of its agencies and every agency above: PostgreSQL
keeps it right whatever writes, and the finder reads an agency's news from it, finding the same
articles as its filters do."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.agencies.models import Agency, agency_ancestry
from newsroom.articles.models import AgencyListing, Article, ArticleAgency
from newsroom.core.models import Status
from newsroom.core.pagination import CappedPaginator
from tests.factories import AgencyFactory, ArticleFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def listed():
    return set(AgencyListing.objects.values_list("agency", "article", "status", "published_at"))


def expected():
    """The rows, worked out from the links, the hierarchy and the articles."""
    ancestors = {}
    for agency, ancestor in agency_ancestry():
        ancestors.setdefault(agency, []).append(ancestor)
    articles = {article.pk: article for article in Article.objects.all()}
    return {
        (ancestor, article_id, articles[article_id].status, articles[article_id].published_at)
        for article_id, agency in ArticleAgency.objects.values_list("article", "agency")
        for ancestor in ancestors[agency]
    }


def publish(article):
    article.status = Status.PUBLISHED
    article.save()


def reschedule(article):
    article.published_at = timezone.now() + timedelta(days=1)
    article.save()


def withdraw_by_update(article):
    Article.objects.filter(pk=article.pk).update(
        status=Status.WITHDRAWN, withdrawal_reason="Keliru."
    )


def unlink(article):
    article.article_agencies.filter(role=ArticleAgency.Role.MENTIONED).delete()


def relink(article):
    link = article.article_agencies.get(role=ArticleAgency.Role.LEAD)
    link.agency = AgencyFactory(slug="dinas-baru")
    link.save()


def delete(article):
    article.delete()


def link_in_bulk(article):
    ArticleAgency.objects.bulk_create(
        [ArticleAgency(article=article, agency=AgencyFactory()) for _ in range(3)]
    )


def move_agency(article):
    # The division goes from the regency's Setda to Kemendagri's Ditjen Polpum.
    division = article.article_agencies.get(role=ArticleAgency.Role.LEAD).agency
    division.parent = Agency.objects.get(slug="ditjen-polpum")
    division.save()


@pytest.mark.parametrize(
    "change",
    [publish, reschedule, withdraw_by_update, unlink, relink, delete, link_in_bulk, move_agency],
)
def test_every_write_keeps_the_listing_right(agency_tree, change):
    article = ArticleFactory(
        status=Status.DRAFT,
        lead_agency=agency_tree["tapem-setda-indramayu"],
        agencies=[agency_tree["kemendagri"], agency_tree["pemkab-indramayu"]],
    )
    other = ArticleFactory(lead_agency=agency_tree["ditjen-polpum"])
    assert listed() == expected()
    assert (agency_tree["kemendagri"].pk, other.pk) in {row[:2] for row in listed()}

    change(article)

    assert listed() == expected()


def test_moving_an_agency_moves_the_news_of_every_agency_below_it(agency_tree):
    article = ArticleFactory(lead_agency=agency_tree["tapem-setda-indramayu"])
    setda = agency_tree["setda-indramayu"]
    setda.parent = agency_tree["kemendagri"]
    setda.save()
    under = {agency for agency, article_id, *_ in listed() if article_id == article.pk}
    assert agency_tree["kemendagri"].pk in under
    assert agency_tree["pemkab-indramayu"].pk not in under
    assert listed() == expected()


def test_a_restore_and_the_generator_keep_the_listing_right():
    call_command("loaddata", settings.BASE_DIR / "fixtures" / "newsroom.json", verbosity=0)
    assert AgencyListing.objects.exists()
    assert listed() == expected()
    call_command("generate_content", articles=60, events=5, verbosity=0)
    assert listed() == expected()


def card_titles(page):
    """The titles of the cards, without the marks around the words searched."""
    page = page.replace("<mark>", "").replace("</mark>", "")
    return re.findall(r'class="card-title"><a href="[^"]+">([^<]+)', page)


@pytest.mark.parametrize(
    "query",
    [
        "agency=kemendagri",
        "agency=pemkab-indramayu",
        "agency=tapem-setda-indramayu&sort=oldest",
        "agency=pemkab-indramayu&from=2026-01-01&to=2026-06-30",
        "agency=kemendagri&page=2",
        "agency=kemendagri&sort=oldest&page=3",
        "agency=bawaslu",
        # Searches: by relevance (the default), newest and oldest first, deeper pages.
        "agency=kemendagri&q=banjir",
        "agency=kemendagri&q=berita&page=2",
        "agency=pemkab-indramayu&q=banjir&sort=newest",
        "agency=pemkab-indramayu&q=berita&sort=oldest&page=2",
        "agency=kemendagri&q=banjir&from=2026-01-01",
        "agency=kemendagri&q=tidak-ada",
    ],
)
@pytest.mark.parametrize("count_limit", [1_000, 12], ids=["counted", "too long to count"])
def test_the_finder_reads_an_agency_from_the_listing_and_finds_the_same_news(
    client, monkeypatch, agency_tree, query, count_limit
):
    monkeypatch.setattr(CappedPaginator, "COUNT_LIMIT", count_limit)
    start = timezone.now() - timedelta(days=300)
    for index, agency in enumerate(
        ["kemendagri", "ditjen-polpum", "pemkab-indramayu", "setda-indramayu"] * 12
    ):
        ArticleFactory(
            # Searches find every article, or a third, ranked: some say it twice.
            title=f"Berita {index}" + " banjir" * (index % 3 == 0) * (1 + index % 2),
            published_at=start + timedelta(days=5 * index, hours=index % 3),
            lead_agency=agency_tree[agency],
            # An article linked twice under the same agency is listed once.
            agencies=[agency_tree["tapem-setda-indramayu"]] if index % 4 == 3 else [],
        )
    ArticleFactory(title="Draf", status=Status.DRAFT, lead_agency=agency_tree["kemendagri"])
    ArticleFactory(
        title="Terjadwal",
        published_at=timezone.now() + timedelta(days=1),
        lead_agency=agency_tree["kemendagri"],
    )

    from_listing = client.get(f"/berita/?{query}")
    monkeypatch.setattr(AgencyListing, "is_kept", staticmethod(lambda using="default": False))
    from_links = client.get(f"/berita/?{query}")

    assert from_listing.status_code == from_links.status_code
    assert card_titles(from_listing.text) == card_titles(from_links.text)
    heading = re.compile(r'<h2 id="results-heading"[^>]*>\s*([^<]+?)\s*<')
    assert heading.findall(from_listing.text) == heading.findall(from_links.text)
    assert "Draf" not in from_listing.text
    assert "Terjadwal" not in from_listing.text
    if (
        not {"bawaslu", "tidak-ada"} & set(re.split("[=&]", query))
        and from_links.status_code == 200
    ):
        assert card_titles(from_listing.text)


@pytest.mark.parametrize(
    "query",
    [
        "agency=kemendagri",
        "agency=setda-indramayu&from=2026-01-01&page_size=3&page=2",
        "agency=kemendagri&q=banjir&page_size=2&page=2",
    ],
)
def test_the_api_reads_an_agency_from_the_listing_and_finds_the_same_news(
    client, monkeypatch, agency_tree, query
):
    now = timezone.now()
    for index, agency in enumerate(["kemendagri", "ditjen-polpum", "tapem-setda-indramayu"] * 4):
        ArticleFactory(
            title=f"Berita {index}" + " banjir" * (index % 2),
            published_at=now - timedelta(days=index),
            lead_agency=agency_tree[agency],
        )
    from_listing = client.get(f"/api/v1/articles/?{query}").json()
    monkeypatch.setattr(AgencyListing, "is_kept", staticmethod(lambda using="default": False))
    from_links = client.get(f"/api/v1/articles/?{query}").json()

    assert from_listing == from_links
    assert from_listing["results"]


def test_the_finder_reads_an_agency_from_the_listing_alone(client, agency_tree, monkeypatch):
    """A listing emptied behind the database's back shows nothing: the page did read it."""
    ArticleFactory(title="Berita Kemendagri", lead_agency=agency_tree["kemendagri"])
    addresses = ["/berita/?agency=kemendagri", "/berita/?agency=kemendagri&q=berita"]
    for address in addresses:
        assert card_titles(client.get(address).text) == ["Berita Kemendagri"]
    assert client.get("/api/v1/articles/?agency=kemendagri&q=berita").json()["count"] == 1
    AgencyListing.objects.all().delete()
    for address in addresses:
        assert card_titles(client.get(address).text) == []
    assert client.get("/api/v1/articles/?agency=kemendagri&q=berita").json()["count"] == 0


@pytest.mark.parametrize("query", ["agency=kemendagri", "agency=kemendagri&q=berita&sort=oldest"])
def test_a_first_page_reads_its_ids_from_those_counted(client, agency_tree, query):
    """The count reads the first 1,001 ids in listing order: the first page's are among them."""
    for index in range(3):
        ArticleFactory(title=f"Berita {index}", lead_agency=agency_tree["kemendagri"])
    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"/berita/?{query}")
    listing_reads = [q for q in queries.captured_queries if "articles_agencylisting" in q["sql"]]
    assert len(card_titles(page.text)) == 3
    assert len(listing_reads) == 1
    # The hierarchy is read once, for the counts beside the choices, and not for the links,
    # which are not read.
    hierarchy = [q for q in queries.captured_queries if '"parent_id" AS "parent_id"' in q["sql"]]
    assert len(hierarchy) == 1
