"""The publishing rule on the distribution surfaces: state × feed, calendar, sitemap and API."""

import pytest

from tests.core.test_publishing import STATES, make
from tests.factories import AgencyFactory, ArticleFactory, EventFactory, PersonFactory, TopicFactory

ARTICLE = "/berita/rahasia-redaksi/"
# (surface, what shows the article there)
ARTICLE_LISTS = [
    ("/berita/rss.xml", ARTICLE),
    ("/berita/atom.xml", ARTICLE),
    ("/berita/rss.xml?agency={agency}", ARTICLE),
    ("/berita/atom.xml?topic={topic}", ARTICLE),
    ("/berita/rss.xml?person={person}", ARTICLE),
    ("/sitemap-articles.xml", ARTICLE),
    ("/sitemap-news.xml", ARTICLE),
    ("/sitemap-topics.xml", "/topik/topik-rahasia/"),
    ("/sitemap-people.xml", "/tokoh/tokoh-rahasia/"),
    ("/api/v1/articles/", ARTICLE),
    ("/api/v1/articles/?agency={agency}&q=Rahasia", ARTICLE),
    ("/api/v1/events/{event}/", ARTICLE),
]
EVENT_LISTS = [
    "/agenda/kalender.ics",
    "/agenda/kalender.ics?agency={agency}",
    "/sitemap-events.xml",
    "/api/v1/events/",
    "/api/v1/events/?agency={agency}&when=upcoming",
    "/api/v1/articles/{article}/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("surface, shown_by", ARTICLE_LISTS)
def test_articles_in_distribution_lists(client, state, surface, shown_by):
    agency, event = AgencyFactory(), EventFactory()
    topic, person = TopicFactory(slug="topik-rahasia"), PersonFactory(slug="tokoh-rahasia")
    article = make(
        ArticleFactory,
        state,
        slug="rahasia-redaksi",
        title="Rahasia redaksi",
        agencies=[agency],
        topics=[topic],
        events=[event],
    )
    article.people.add(person)
    _, _, listed, _ = STATES[state]
    url = surface.format(agency=agency.slug, topic=topic.slug, person=person.slug, event=event.slug)
    response = client.get(url)
    assert response.status_code == 200
    assert (shown_by in response.text) is listed


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("surface", EVENT_LISTS)
def test_events_in_distribution_lists(client, state, surface):
    agency = AgencyFactory()
    event = make(EventFactory, state, slug="rapat-tertutup", agencies=[agency])
    article = ArticleFactory(events=[event])
    _, _, listed, _ = STATES[state]
    response = client.get(surface.format(agency=agency.slug, article=article.slug))
    assert response.status_code == 200
    assert ("rapat-tertutup" in response.text) is listed


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize(
    "factory, surface",
    [
        (ArticleFactory, "/api/v1/articles/{slug}/"),
        (EventFactory, "/api/v1/events/{slug}/"),
        (EventFactory, "/agenda/{slug}/kalender.ics"),
    ],
)
def test_distribution_details(client, state, factory, surface):
    item = make(factory, state)
    _, _, _, has_page = STATES[state]
    response = client.get(surface.format(slug=item.slug))
    assert response.status_code == (200 if has_page else 404)
