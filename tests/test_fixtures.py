"""The demo fixtures: built by the importer from fixtures/documents/ and the curated directory."""

import re
from datetime import datetime
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import call_command

from newsroom.agencies.models import Agency
from newsroom.articles.models import Article
from newsroom.core.html import sanitize_html
from newsroom.events.models import Event
from newsroom.importer.fixtures import DEMO, fixtures_build

WIB = ZoneInfo("Asia/Jakarta")
DOCUMENTS = settings.BASE_DIR / "fixtures" / "documents"
OPTIKA = "kemendagri-sosialisasi-indeks-kerawanan-pemilu-2024"
INDRAMAYU = "kemendagri-gelar-webinar-dukung-tahapan-pemilu-2024-pemkab-indramayu-ikuti-dari"
OPTIKA_WEBINAR = "webinar-sosialisasi-indeks-kerawanan-pemilu-tahun-2024"
INDRAMAYU_WEBINAR = "webinar-dukungan-pemerintah-pusat-dan-pemerintah-daerah-dalam-menyukseskan"
PAGE_JUNK = [
    "Baca Juga", "ADVERTISEMENT", "SCROLL TO RESUME", "BERITA TERBARU", "Editor :", "author",
]  # fmt: skip


@pytest.fixture
def demo(db):
    call_command("loaddata", settings.BASE_DIR / "fixtures" / "newsroom.json", verbosity=0)


def paragraphs(article):
    return [unescape(text) for text in re.findall(r"<p>(.*?)</p>", article.body)]


def test_the_agency_hierarchy(demo):
    parents = dict(Agency.objects.values_list("slug", "parent__slug"))
    assert parents["ditjen-polpum"] == "kemendagri"
    for office in ["setda-indramayu", "diskominfo-indramayu", "disdukcapil-indramayu",
                   "kesbangpol-indramayu", "bkd-indramayu"]:  # fmt: skip
        assert parents[office] == "pemkab-indramayu"
    for top in ["kemendagri", "kpu", "bawaslu", "dkpp", "pemkab-indramayu"]:
        assert parents[top] is None


@pytest.mark.parametrize(
    "query, expected",
    [
        ("agency=bawaslu", [OPTIKA]),
        ("agency=kemendagri", [INDRAMAYU, OPTIKA]),
        ("agency=pemkab-indramayu", [INDRAMAYU]),
        ("from=2023-01-01", [INDRAMAYU]),
        ("to=2022-12-31", [OPTIKA]),
        ("q=kerawanan+pemilu", [OPTIKA]),
        ("topic=indeks-kerawanan-pemilu", [OPTIKA]),
        ("agency=kpu", [INDRAMAYU, OPTIKA]),
    ],
)
def test_the_finder_over_the_fixtures(client, demo, query, expected):
    response = client.get(f"/berita/?{query}")
    listed = re.findall(r'<a href="/berita/([^/]+)/">', response.text)
    assert listed == expected


def test_the_optika_article(demo):
    article = Article.objects.published().get(slug=OPTIKA)
    assert article.title == "Kemendagri Sosialisasi Indeks Kerawanan Pemilu 2024"
    assert article.published_at == datetime(2022, 12, 27, 14, 8, tzinfo=WIB)
    assert (article.byline, article.editor_name) == ("Uswatun Hasanah", "Pahlevi")
    assert (article.source_outlet, article.dateline_place) == ("Optika.id", "Jakarta")
    assert article.lead_agency.slug == "ditjen-polpum"
    mentioned = {link.agency.slug for link in article.agency_links if not link.is_lead}
    assert mentioned == {"kemendagri", "bawaslu", "kpu", "dkpp"}
    assert [event.slug for event in article.events.all()] == [OPTIKA_WEBINAR]


def test_the_indramayu_article(demo):
    article = Article.objects.published().get(slug=INDRAMAYU)
    assert article.source_outlet == "Diskominfo Indramayu"
    # The document gives the day only; the fixtures put unknown times at noon WIB.
    assert article.published_at == datetime(2023, 1, 3, 12, 0, tzinfo=WIB)
    assert article.lead_agency.slug == "ditjen-polpum"
    mentioned = {link.agency.slug for link in article.agency_links if not link.is_lead}
    assert {"pemkab-indramayu", "disdukcapil-indramayu", "kesbangpol-indramayu"} <= mentioned
    people = set(article.people.values_list("name", flat=True))
    assert {"Bahtiar", "Nina Agustina", "Sugeng Heryanto", "Moh. Iskak Iskandar"} <= people


@pytest.mark.parametrize(
    "slug, document",
    [(OPTIKA, "002_851e416d30129f50.txt"), (INDRAMAYU, "000_7b8681155a5a743b.txt")],
)
def test_bodies_are_the_documents_paragraphs_without_the_page_junk(demo, slug, document):
    article = Article.objects.get(slug=slug)
    source = (DOCUMENTS / document).read_text(encoding="utf-8")
    assert article.body == sanitize_html(article.body)
    body_paragraphs = paragraphs(article)
    assert len(body_paragraphs) >= 8
    for paragraph in body_paragraphs:
        assert paragraph in source
        assert not any(junk in paragraph for junk in PAGE_JUNK)
    assert not body_paragraphs[0].startswith(("Optika.id", "DISKOMINFO"))


@pytest.mark.parametrize(
    "slug, day, venue, participants",
    [
        (OPTIKA_WEBINAR, "2022-12-27", "", set()),
        (
            INDRAMAYU_WEBINAR,
            "2023-01-03",
            "Indramayu Command Center (ICC), Indramayu",
            {"pemkab-indramayu", "setda-indramayu", "tapem-setda-indramayu",
             "disdukcapil-indramayu", "kesbangpol-indramayu", "bkd-indramayu"},
        ),
    ],
)  # fmt: skip
def test_the_two_webinars(demo, slug, day, venue, participants):
    event = Event.objects.published().get(slug=slug)
    assert event.starts_at.astimezone(WIB).date().isoformat() == day
    assert event.all_day
    assert event.attendance_mode == Event.AttendanceMode.ONLINE
    assert event.venue == venue
    assert [agency.slug for agency in event.organisers] == ["ditjen-polpum"]
    assert {agency.slug for agency in event.participants} == participants


def test_loading_the_fixtures_twice_changes_nothing(demo):
    counts = [Agency.objects.count(), Article.objects.count(), Event.objects.count()]
    call_command("loaddata", settings.BASE_DIR / "fixtures" / "newsroom.json", verbosity=0)
    assert [Agency.objects.count(), Article.objects.count(), Event.objects.count()] == counts


def test_the_documents_are_the_shared_originals():
    names = sorted(path.name for path in DOCUMENTS.glob("*.txt"))
    assert names == ["000_7b8681155a5a743b.txt", "002_851e416d30129f50.txt"]


def test_rebuilding_the_fixtures_gives_the_committed_file(db):
    assert fixtures_build() == DEMO.read_text(encoding="utf-8")
    assert not Article.objects.exists()


def test_each_article_links_the_webinar_it_reports(demo):
    """Two documents, two webinars on two days: each article links its own."""
    events = {
        article.slug: [e.slug for e in article.events.all()] for article in Article.objects.all()
    }
    assert events == {OPTIKA: [OPTIKA_WEBINAR], INDRAMAYU: [INDRAMAYU_WEBINAR]}
