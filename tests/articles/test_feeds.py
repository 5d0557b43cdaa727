"""The news feeds, read by feedparser as a feed reader would."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import AgencyFactory, ArticleFactory, PersonFactory, TopicFactory, image_file

WIB = ZoneInfo("Asia/Jakarta")
FEEDS = ["/berita/rss.xml", "/berita/atom.xml"]


def read_feed(client, url):
    """The feed as feedparser reads it, which must find nothing wrong with it."""
    response = client.get(url)
    assert response.status_code == 200, response.text
    feed = feedparser.parse(
        response.content, response_headers={"content-type": response["Content-Type"]}
    )
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def titles(feed):
    return [entry.title for entry in feed.entries]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def story(db, agency_tree):
    topic = TopicFactory(slug="pemilu-2024", name="Pemilu 2024")
    person = PersonFactory(slug="bahtiar", name="Bahtiar")
    article = ArticleFactory(
        title="Webinar Pemilu",
        summary="Ringkasan webinar.",
        body='<p>Isi <strong>lengkap</strong> webinar.</p><script>alert("x")</script>',
        byline="Uswatun Hasanah",
        published_at=datetime(2023, 1, 3, 12, 0, tzinfo=WIB),
        lead_image=image_file("webinar.jpg"),
        lead_image_alt="Peserta webinar",
        lead_agency=agency_tree["ditjen-polpum"],
        agencies=[agency_tree["pemkab-indramayu"]],
        topics=[topic],
    )
    article.people.add(person)
    return article


@pytest.mark.parametrize("url", FEEDS)
def test_an_item_carries_everything_a_reader_needs(client, story, agency_tree, url):
    feed = read_feed(client, url)
    entry = feed.entries[0]
    assert entry.title == "Webinar Pemilu"
    assert entry.link == "http://testserver" + story.get_absolute_url()
    assert entry.summary == "Ringkasan webinar."
    assert entry.content[0].value == "<p>Isi <strong>lengkap</strong> webinar.</p>"
    assert entry.author == "Uswatun Hasanah"
    assert [tag.term for tag in entry.tags] == [
        agency_tree["ditjen-polpum"].name,
        agency_tree["pemkab-indramayu"].name,
    ]
    [enclosure] = entry.enclosures
    assert enclosure.href == "http://testserver" + story.lead_image.url
    assert enclosure.type == "image/jpeg"
    assert entry.published_parsed[:5] == (2023, 1, 3, 5, 0)  # 12:00 WIB is 05:00 UTC


def test_times_carry_the_jakarta_offset(client, story):
    rss = client.get("/berita/rss.xml").text
    atom = client.get("/berita/atom.xml").text
    assert "<pubDate>Tue, 03 Jan 2023 12:00:00 +0700</pubDate>" in rss
    assert "<lastBuildDate>" in rss
    assert re.search(r"<lastBuildDate>[^<]*\+0700</lastBuildDate>", rss)
    assert "<published>2023-01-03T12:00:00+07:00</published>" in atom
    assert re.search(r"<updated>[^<]*\+07:00</updated>", atom)


@pytest.mark.django_db
@pytest.mark.parametrize("url", FEEDS)
def test_an_empty_feed_is_still_valid_and_in_jakarta_time(client, url):
    feed = read_feed(client, url)
    assert feed.entries == []
    assert "+07" in client.get(url).text


@pytest.mark.parametrize("url", FEEDS)
@pytest.mark.parametrize(
    "query, expected",
    [
        ("", {"Webinar Pemilu", "Berita Bawaslu", "Berita Kemendagri"}),
        ("agency=kemendagri", {"Webinar Pemilu", "Berita Kemendagri"}),
        ("agency=pemkab-indramayu", {"Webinar Pemilu"}),
        ("agency=bawaslu", {"Berita Bawaslu"}),
        ("topic=pemilu-2024", {"Webinar Pemilu"}),
        ("person=bahtiar", {"Webinar Pemilu"}),
        ("q=bawaslu&from=2023-01-01", {"Berita Bawaslu"}),
        ("to=2022-12-31", set()),
    ],
)
def test_a_feed_for_each_agency_topic_person_and_filter(
    client, story, agency_tree, url, query, expected
):
    ArticleFactory(title="Berita Bawaslu", agencies=[agency_tree["bawaslu"]])
    ArticleFactory(title="Berita Kemendagri", lead_agency=agency_tree["kemendagri"])
    feed = read_feed(client, f"{url}?{query}")
    assert set(titles(feed)) == expected
    assert set(titles(feed)) == {
        article.title for article in client.get(f"/berita/?{query}").context["page_obj"]
    }


def test_the_feed_is_named_after_its_filters_and_links_to_the_finder(client, story):
    feed = read_feed(client, "/berita/atom.xml?agency=kemendagri&topic=pemilu-2024&page=3")
    assert feed.feed.title == "Newsroom: berita (Instansi: Kemendagri · Topik: Pemilu 2024)"
    assert feed.feed.link == "http://testserver/berita/?agency=kemendagri&topic=pemilu-2024"
    self_link = next(link.href for link in feed.feed.links if link.rel == "self")
    assert self_link == "http://testserver/berita/atom.xml?agency=kemendagri&topic=pemilu-2024"


@pytest.mark.django_db
def test_the_newest_twenty_come_first(client):
    for day in range(1, 26):
        ArticleFactory(title=f"Hari {day}", published_at=datetime(2023, 1, day, tzinfo=WIB))
    feed = read_feed(client, "/berita/rss.xml")
    assert titles(feed) == [f"Hari {day}" for day in range(25, 5, -1)]


@pytest.mark.django_db
@pytest.mark.parametrize("url", FEEDS)
@pytest.mark.parametrize(
    "query, message",
    [
        ("agency=does-not-exist", "Instansi (agency): Tidak ada instansi “does-not-exist”."),
        ("person=nobody", "Tokoh (person): Tidak ada tokoh “nobody”."),
        ("from=2023-13-45", "Dari (from): Masukkan tanggal yang valid."),
        ("from=2023-02-01&to=2023-01-01", "Tanggal awal jatuh setelah tanggal akhir."),
    ],
)
def test_bad_filters_answer_400_with_the_fields_message(client, url, query, message):
    response = client.get(f"{url}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert message in response.text


@pytest.mark.parametrize("url", FEEDS)
def test_conditional_requests_get_304(client, story, url):
    first = client.get(url)
    assert first["ETag"]
    assert first["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("url", FEEDS)
def test_a_feed_runs_as_many_queries_for_one_item_as_for_twenty(client, url):
    agencies = AgencyFactory.create_batch(3)
    topic = TopicFactory(slug="t")
    query = f"{url}?agency={agencies[0].slug}&topic=t"
    ArticleFactory(lead_agency=agencies[0], agencies=agencies[1:], topics=[topic])
    one = queries_for(client, query)
    ArticleFactory.create_batch(24, lead_agency=agencies[0], agencies=agencies[1:], topics=[topic])
    assert queries_for(client, query) == one


def test_the_finder_links_to_the_feeds_of_its_current_filters(client, story):
    response = client.get("/berita/?agency=kemendagri&q=&topic=pemilu-2024&page=1", follow=True)
    expected = "/berita/rss.xml?agency=kemendagri&amp;topic=pemilu-2024"
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="Berita (RSS)" href="{expected}">'
        in response.text
    )
    assert f'<a href="{expected}" type="application/rss+xml">RSS</a>' in response.text
    assert 'href="/berita/atom.xml?agency=kemendagri&amp;topic=pemilu-2024"' in response.text
    assert 'href="/api/v1/articles/?agency=kemendagri&amp;topic=pemilu-2024"' in response.text


def test_the_finder_keeps_a_person_filter_and_says_so(client, story):
    response = client.get("/berita/?person=bahtiar")
    assert response.context["page_obj"].object_list[0] == story
    assert "Berita yang menyebut Bahtiar." in response.text
    assert '<input type="hidden" name="person" value="bahtiar"' in response.text


def test_an_agency_page_offers_its_feed(client, story):
    text = client.get("/instansi/kemendagri/").text
    assert (
        'type="application/rss+xml" title="Berita tentang Kemendagri (RSS)" '
        'href="/berita/rss.xml?agency=kemendagri"' in text
    )
    assert (
        '<a href="/berita/atom.xml?agency=kemendagri" type="application/atom+xml">Atom</a>' in text
    )
