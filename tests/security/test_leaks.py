"""Nothing that is not public shows anywhere.

Every public surface is rendered twice: once over a published world, once with a secret
article and a secret event added to it in a state the public may not see. The two renderings
must be the same to the byte, so a title, a link, a count, a facet, a related-news entry, a
feed item, a sitemap date or an API total that gives the secret away is caught, whatever form
it takes. A published secret, as a control, must change the surfaces that list it.
"""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from newsroom.agencies.models import Person
from newsroom.core.models import Status
from tests.factories import (
    AgencyFactory,
    ArticleFactory,
    EventFactory,
    PersonFactory,
    RoleFactory,
    TopicFactory,
)

NOW = datetime(2026, 3, 10, 5, 0, tzinfo=UTC)  # 12:00 WIB
HOUR = timedelta(hours=1)

# Every public surface, with the agency, topic, person and events the secret would touch.
SURFACES = [
    "/",
    "/en/",
    "/berita/",
    "/en/berita/",
    "/berita/?q=embargo",
    "/berita/?q=koordinasi",
    "/berita/?agency=kemendagri",
    "/berita/?agency=ditjen-polpum&agency=bawaslu",
    "/berita/?topic=pemilu-2024",
    "/berita/?person=bahtiar",
    "/berita/?event=webinar-terbit",
    "/berita/?kind=directorate_general",
    "/berita/?from=2026-03-01&to=2026-03-31",
    "/berita/?sort=oldest",
    "/berita/berita-terbit/",
    "/instansi/",
    "/instansi/kemendagri/",
    "/instansi/ditjen-polpum/",
    "/tokoh/bahtiar/",
    "/topik/pemilu-2024/",
    "/agenda/",
    "/agenda/?when=past",
    "/agenda/?agency=kemendagri",
    "/agenda/bulan/?month=2026-03",
    "/agenda/webinar-terbit/",
    "/agenda/kalender.ics",
    "/agenda/kalender.ics?agency=kemendagri",
    "/agenda/webinar-terbit/kalender.ics",
    "/berita/rss.xml",
    "/berita/atom.xml",
    "/berita/rss.xml?agency=kemendagri",
    "/berita/atom.xml?topic=pemilu-2024",
    "/berita/rss.xml?person=bahtiar",
    "/sitemap.xml",
    "/sitemap-articles.xml",
    "/sitemap-news.xml",
    "/sitemap-events.xml",
    "/sitemap-agencies.xml",
    "/sitemap-topics.xml",
    "/sitemap-people.xml",
    "/robots.txt",
    "/api/v1/articles/",
    "/api/v1/articles/?q=embargo",
    "/api/v1/articles/?agency=kemendagri",
    "/api/v1/articles/berita-terbit/",
    "/api/v1/events/",
    "/api/v1/events/?when=past",
    "/api/v1/events/webinar-terbit/",
    "/api/v1/agencies/",
    "/api/v1/agencies/ditjen-polpum/",
    "/api/v1/people/",
    "/api/v1/people/bahtiar/",
    "/api/v1/topics/",
    "/api/v1/topics/pemilu-2024/",
]

# The secret's own addresses: a 404 unless it is public (a withdrawn item keeps its page).
SECRET_PAGES = [
    ("/berita/embargo-redaksi/", "article"),
    ("/en/berita/embargo-redaksi/", "article"),
    ("/api/v1/articles/embargo-redaksi/", "article"),
    ("/agenda/rapat-embargo/", "event"),
    ("/agenda/rapat-embargo/kalender.ics", "event"),
    ("/api/v1/events/rapat-embargo/", "event"),
    ("/tokoh/tokoh-embargo/", "person"),
    ("/api/v1/people/tokoh-embargo/", "person"),
]

SECRET_SLUGS = re.compile(rb"embargo-redaksi|rapat-embargo|tokoh-embargo")

# (status, publication time from now); "deleted" is published, then deleted.
STATES = {
    "draft": (Status.DRAFT, None),
    "draft with a past time": (Status.DRAFT, -HOUR),
    "in review": (Status.IN_REVIEW, -HOUR),
    "scheduled": (Status.PUBLISHED, HOUR),
    "withdrawn": (Status.WITHDRAWN, -HOUR),
    "deleted": (Status.PUBLISHED, -HOUR),
}
PUBLISHED = (Status.PUBLISHED, -HOUR)


@pytest.fixture
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world(db, frozen_clock):
    """A small published site: an agency tree, an official, a topic, an event and an article."""
    kemendagri = AgencyFactory(slug="kemendagri", short_name="Kemendagri", kind="ministry")
    polpum = AgencyFactory(
        slug="ditjen-polpum", short_name="Ditjen Polpum", kind="directorate_general",
        parent=kemendagri,
    )  # fmt: skip
    bawaslu = AgencyFactory(slug="bawaslu", short_name="Bawaslu")
    bahtiar = PersonFactory(slug="bahtiar", name="Bahtiar")
    RoleFactory(person=bahtiar, agency=polpum, title="Direktur Jenderal")
    topic = TopicFactory(slug="pemilu-2024", name="Pemilu 2024")
    event = EventFactory(
        slug="webinar-terbit", title="Webinar terbit", organiser=polpum, agencies=[bawaslu],
        topics=[topic], starts_at=NOW - 2 * HOUR, published_at=NOW - 48 * HOUR,
    )  # fmt: skip
    event.speakers.add(bahtiar)
    article = ArticleFactory(
        slug="berita-terbit", title="Rapat koordinasi terbit", lead_agency=polpum,
        agencies=[bawaslu], topics=[topic], events=[event], published_at=NOW - 24 * HOUR,
    )  # fmt: skip
    article.people.add(bahtiar)
    return {"polpum": polpum, "bawaslu": bawaslu, "bahtiar": bahtiar, "topic": topic}


def add_secret(world, state):
    """An article and an event linked to everything the published ones are, and to a person
    named nowhere else, in the given state."""
    status, offset = STATES.get(state, PUBLISHED)
    life_cycle = {
        "status": status,
        "published_at": None if offset is None else NOW + offset,
        "withdrawal_reason": "Data keliru." if status == Status.WITHDRAWN else "",
    }
    insider = PersonFactory(slug="tokoh-embargo", name="Tokoh Embargo")
    event = EventFactory(
        slug="rapat-embargo", title="Rapat embargo", organiser=world["polpum"],
        agencies=[world["bawaslu"]], topics=[world["topic"]], starts_at=NOW - 3 * HOUR,
        **life_cycle,
    )  # fmt: skip
    event.speakers.add(world["bahtiar"], insider)
    article = ArticleFactory(
        slug="embargo-redaksi", title="Embargo redaksi koordinasi",
        summary="Ringkasan embargo.", body="<p>Isi embargo koordinasi.</p>",
        lead_agency=world["polpum"], agencies=[world["bawaslu"]], topics=[world["topic"]],
        events=[event], **life_cycle,
    )  # fmt: skip
    article.people.add(world["bahtiar"], insider)
    if state == "deleted":
        article.delete()
        event.delete()
    return article, event


def render(surfaces):
    client = Client()
    return {
        surface: (response.status_code, response.content)
        for surface in surfaces
        for response in [client.get(surface)]
    }


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
def test_a_secret_changes_no_public_surface(world, state):
    before = render(SURFACES)
    assert all(status == 200 for status, _ in before.values()), {
        surface: status for surface, (status, _) in before.items() if status != 200
    }
    add_secret(world, state)
    after = render(SURFACES)
    changed = [surface for surface in SURFACES if after[surface] != before[surface]]
    assert changed == []


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
def test_a_secret_has_no_page(world, state):
    add_secret(world, state)
    for address, owner in SECRET_PAGES:
        status = Client().get(address).status_code
        keeps_its_page = state == "withdrawn" and owner != "person"
        assert status == (200 if keeps_its_page else 404), address
    if state == "deleted":
        assert not Person.objects.get(slug="tokoh-embargo").articles.exists()


@pytest.mark.django_db
def test_a_published_secret_shows_where_it_is_listed(world):
    """The control: the comparison above sees the secret once it is public."""
    before = render(SURFACES)
    add_secret(world, "published")
    after = render(SURFACES)
    for surface in [
        "/berita/?q=embargo",
        "/tokoh/bahtiar/",
        "/topik/pemilu-2024/",
        "/agenda/?when=past",
        "/berita/rss.xml",
        "/sitemap-articles.xml",
        "/sitemap-people.xml",
        "/api/v1/articles/",
        "/api/v1/people/",
    ]:
        assert not SECRET_SLUGS.search(before[surface][1]), surface
        assert SECRET_SLUGS.search(after[surface][1]), surface
