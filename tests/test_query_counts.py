"""Every public page and API endpoint runs a fixed, small number of SQL queries: the same for
one article with one of each link as for a full page of articles with many agencies, people
and topics each."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.articles.models import Article
from tests.factories import (
    AgencyFactory,
    ArticleFactory,
    EventFactory,
    PersonFactory,
    RoleFactory,
    TopicFactory,
)

# The most any page may run (the finder with its counts is the most expensive).
BUDGET = 10

SURFACES = [
    "/",
    "/berita/",
    "/berita/?agency=kemendagri",
    "/berita/?agency=kemendagri&from=2020-01-01&to=2030-12-31",
    "/berita/?q=koordinasi",
    "/berita/?topic=pemilu-2024&person=bahtiar",
    "/berita/berita-utama/",
    "/instansi/",
    "/instansi/kemendagri/",
    "/tokoh/bahtiar/",
    "/topik/pemilu-2024/",
    "/agenda/",
    "/agenda/?when=past",
    "/agenda/bulan/",
    "/agenda/webinar-utama/",
    "/agenda/webinar-utama/kalender.ics",
    "/agenda/kalender.ics",
    "/berita/rss.xml",
    "/berita/atom.xml?agency=kemendagri",
    "/sitemap.xml",
    "/sitemap-articles.xml",
    "/sitemap-news.xml",
    "/sitemap-events.xml",
    "/sitemap-agencies.xml",
    "/sitemap-topics.xml",
    "/sitemap-people.xml",
    "/api/v1/articles/",
    "/api/v1/articles/?agency=kemendagri&page_size=100",
    "/api/v1/articles/berita-utama/",
    "/api/v1/events/",
    "/api/v1/events/webinar-utama/",
    "/api/v1/agencies/",
    "/api/v1/agencies/kemendagri/",
    "/api/v1/people/",
    "/api/v1/people/bahtiar/",
    "/api/v1/topics/",
    "/api/v1/topics/pemilu-2024/",
]


def add_content(*, articles: int, links: int):
    """Articles and events, each with `links` agencies, people and topics of their own, around
    the ministry, official and topic the addresses name; the first ones have the names."""
    from newsroom.agencies.models import Agency, Person
    from newsroom.articles.models import Topic

    now = timezone.now()
    ministry = Agency.objects.filter(slug="kemendagri").first() or AgencyFactory(
        slug="kemendagri", kind="ministry"
    )
    agencies = [AgencyFactory(parent=ministry) for _ in range(links)]
    people = [PersonFactory() for _ in range(links)]
    for person, agency in zip(people, agencies, strict=True):
        RoleFactory(person=person, agency=agency)
    topics = [TopicFactory() for _ in range(links)]
    official = Person.objects.filter(slug="bahtiar").first()
    if official is None:
        official = PersonFactory(slug="bahtiar")
        RoleFactory(person=official, agency=agencies[0])
    topic = Topic.objects.filter(slug="pemilu-2024").first() or TopicFactory(slug="pemilu-2024")
    first = not Article.objects.exists()
    for n in range(articles):
        named = first and n == 0
        event = EventFactory(
            organiser=agencies[0], agencies=agencies[1:], topics=[topic, *topics],
            starts_at=now + timedelta(days=n - articles // 2),
            **({"slug": "webinar-utama"} if named else {}),
        )  # fmt: skip
        event.speakers.set([official, *people])
        article = ArticleFactory(
            title=f"Rapat koordinasi {n}", lead_agency=agencies[0], agencies=agencies[1:],
            topics=[topic, *topics], events=[event], published_at=now - timedelta(hours=n + 1),
            **({"slug": "berita-utama"} if named else {}),
        )  # fmt: skip
        article.people.set([official, *people])


def queries(address: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = Client().get(address)
    assert response.status_code == 200, address
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("address", SURFACES)
def test_queries_do_not_grow_with_the_content(address):
    # Two: an article has related news only when there is another.
    add_content(articles=2, links=1)
    few = queries(address)
    add_content(articles=24, links=6)
    many = queries(address)
    assert many == few
    assert many <= BUDGET
