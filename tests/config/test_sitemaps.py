"""The sitemap index, every sitemap in it and robots.txt, parsed as XML as a crawler would."""

from datetime import datetime, timedelta
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.articles.sitemaps import ArticleSitemap
from tests.factories import (
    AgencyFactory,
    ArticleFactory,
    EventFactory,
    PersonFactory,
    TopicFactory,
    image_file,
)

NAMESPACES = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
SECTIONS = ["articles", "news", "events", "agencies", "topics", "people"]


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return ElementTree.fromstring(response.content)  # noqa: S314 (the site's own output)


def locations(root):
    return [loc.text for loc in root.findall("sm:url/sm:loc", NAMESPACES)]


def path(url):
    return url.removeprefix("http://testserver")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def content(db, agency_tree):
    topic = TopicFactory(slug="pemilu-2024")
    TopicFactory(slug="tanpa-berita")
    person = PersonFactory(slug="bahtiar")
    PersonFactory(slug="tanpa-berita")
    article = ArticleFactory(
        lead_agency=agency_tree["tapem-setda-indramayu"],
        topics=[topic],
        lead_image=image_file("foto.jpg"),
        lead_image_alt="Foto",
    )
    article.people.add(person)
    ArticleFactory(published_at=timezone.now() - timedelta(days=3))
    EventFactory(organiser=agency_tree["bawaslu"])
    return article


def test_the_index_names_every_sitemap_with_its_date(client, content):
    index = parse(client, "/sitemap.xml")
    sitemaps = index.findall("sm:sitemap", NAMESPACES)
    assert [path(s.find("sm:loc", NAMESPACES).text) for s in sitemaps] == [
        f"/sitemap-{section}.xml" for section in SECTIONS
    ]
    for sitemap in sitemaps:
        lastmod = sitemap.find("sm:lastmod", NAMESPACES)
        assert lastmod is not None
        assert lastmod.text.endswith("+07:00")
        # Every sitemap the index names is well-formed XML.
        parse(client, path(sitemap.find("sm:loc", NAMESPACES).text))


def test_robots_txt_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in response.text.splitlines()
    assert "Disallow: /admin/" in response.text.splitlines()


def test_articles_carry_their_lead_image_and_time(client, content):
    root = parse(client, "/sitemap-articles.xml")
    url = root.find("sm:url", NAMESPACES)
    assert path(url.find("sm:loc", NAMESPACES).text) == content.get_absolute_url()
    assert (
        url.find("sm:lastmod", NAMESPACES).text
        == timezone.localtime(content.updated_at).isoformat()
    )
    images = url.findall("image:image/image:loc", NAMESPACES)
    assert [image.text for image in images] == [f"http://testserver{content.lead_image.url}"]


def test_the_news_sitemap_holds_the_last_two_days(client, content):
    root = parse(client, "/sitemap-news.xml")
    assert [path(loc) for loc in locations(root)] == [content.get_absolute_url()]
    news = root.find("sm:url/news:news", NAMESPACES)
    assert news.find("news:publication/news:name", NAMESPACES).text == "Newsroom"
    assert news.find("news:publication/news:language", NAMESPACES).text == "id"
    assert news.find("news:title", NAMESPACES).text == content.title
    published = datetime.fromisoformat(news.find("news:publication_date", NAMESPACES).text)
    assert published == content.published_at


def test_topics_and_people_with_news_point_at_their_pages(client, content):
    topics = parse(client, "/sitemap-topics.xml")
    assert [path(loc) for loc in locations(topics)] == ["/topik/pemilu-2024/"]
    people = parse(client, "/sitemap-people.xml")
    assert [path(loc) for loc in locations(people)] == ["/tokoh/bahtiar/"]


def test_an_agency_changes_with_the_news_of_its_sub_agencies(client, content, agency_tree):
    root = parse(client, "/sitemap-agencies.xml")
    lastmod = {
        path(url.find("sm:loc", NAMESPACES).text): url.find("sm:lastmod", NAMESPACES)
        for url in root.findall("sm:url", NAMESPACES)
    }
    article_time = timezone.localtime(content.updated_at).isoformat()
    for slug in ["tapem-setda-indramayu", "setda-indramayu", "pemkab-indramayu"]:
        assert lastmod[f"/instansi/{slug}/"].text == article_time
    assert lastmod["/instansi/bawaslu/"] is not None
    assert lastmod["/instansi/kemendagri/"] is None
    assert len(lastmod) == len(agency_tree)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/sitemap.xml", *[f"/sitemap-{s}.xml" for s in SECTIONS]])
def test_a_sitemap_runs_as_many_queries_for_one_item_as_for_twenty(client, url):
    def content():
        agency, topic, person = AgencyFactory(), TopicFactory(), PersonFactory()
        article = ArticleFactory(agencies=[agency], topics=[topic])
        article.people.add(person)
        EventFactory(agencies=[agency])

    content()
    one = queries_for(client, url)
    for _ in range(19):
        content()
    assert queries_for(client, url) == one


def test_conditional_requests_get_304(client, content):
    first = client.get("/sitemap-articles.xml")
    again = client.get("/sitemap-articles.xml", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


@pytest.mark.django_db
def test_long_sitemaps_are_split_into_pages_the_index_names(client, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    for _ in range(5):
        ArticleFactory()
    index = parse(client, "/sitemap.xml")
    pages = [
        path(loc.text)
        for loc in index.findall("sm:sitemap/sm:loc", NAMESPACES)
        if "articles" in loc.text
    ]
    assert pages == ["/sitemap-articles.xml", *(f"/sitemap-articles.xml?p={n}" for n in (2, 3))]
    assert [len(locations(parse(client, page))) for page in pages] == [2, 2, 1]
