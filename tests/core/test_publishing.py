"""The publishing rule, as a matrix: state × publication time × public surface."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from newsroom.articles.models import Article
from newsroom.core.models import Status
from newsroom.events.models import Event
from tests.factories import AgencyFactory, ArticleFactory, EventFactory

PAST = timedelta(hours=-1)
FUTURE = timedelta(hours=1)

# (status, publication time relative to now or None, in lists, has a public page)
STATES = {
    "draft": (Status.DRAFT, None, False, False),
    "draft with a past time": (Status.DRAFT, PAST, False, False),
    "in review": (Status.IN_REVIEW, PAST, False, False),
    "scheduled": (Status.PUBLISHED, FUTURE, False, False),
    "published": (Status.PUBLISHED, PAST, True, True),
    "withdrawn": (Status.WITHDRAWN, PAST, False, True),
}


def make(factory, state, **kwargs):
    status, offset, _, _ = STATES[state]
    return factory(
        status=status,
        published_at=None if offset is None else timezone.now() + offset,
        withdrawal_reason="Data keliru." if status == Status.WITHDRAWN else "",
        **kwargs,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("model, factory", [(Article, ArticleFactory), (Event, EventFactory)])
def test_published_is_the_rule(state, model, factory):
    item = make(factory, state)
    _, _, listed, has_page = STATES[state]
    assert (item in model.objects.published()) is listed
    assert (item in model.objects.published(include_withdrawn=True)) is has_page


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize(
    "surface",
    ["/", "/berita/", "/berita/?q=Rahasia", "/instansi/{agency}/", "/agenda/{event}/"],
)
def test_articles_in_lists(client, state, surface):
    agency = AgencyFactory()
    event = EventFactory()
    make(ArticleFactory, state, title="Rahasia redaksi", agencies=[agency], events=[event])
    _, _, listed, _ = STATES[state]
    response = client.get(surface.format(agency=agency.slug, event=event.slug))
    assert response.status_code == 200
    # "redaksi" alone: a search marks the word it found, and shows the words searched for.
    assert ("redaksi" in response.text) is listed


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("surface", ["/", "/agenda/", "/instansi/{agency}/"])
def test_events_in_lists(client, state, surface):
    agency = AgencyFactory()
    make(EventFactory, state, title="Rapat tertutup", agencies=[agency])
    _, _, listed, _ = STATES[state]
    response = client.get(surface.format(agency=agency.slug))
    assert response.status_code == 200
    assert ("Rapat tertutup" in response.text) is listed


@pytest.mark.django_db
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("factory", [ArticleFactory, EventFactory])
def test_detail_pages(client, state, factory):
    item = make(factory, state)
    _, _, _, has_page = STATES[state]
    response = client.get(item.get_absolute_url())
    assert response.status_code == (200 if has_page else 404)
    if has_page:
        assert ("Data keliru." in response.text) is (item.status == Status.WITHDRAWN)


@pytest.mark.django_db
def test_withdrawing_needs_a_reason_and_a_publication():
    article = ArticleFactory(status=Status.DRAFT, published_at=None)
    article.status = Status.WITHDRAWN
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert set(error.value.message_dict) == {"status", "withdrawal_reason"}


@pytest.mark.django_db
def test_publishing_without_a_time_means_now():
    article = ArticleFactory(status=Status.DRAFT, published_at=None)
    article.status = Status.PUBLISHED
    article.full_clean()
    assert abs(article.published_at - timezone.now()) < timedelta(seconds=5)


@pytest.mark.django_db
def test_publication_state_names_scheduled_items():
    scheduled = make(ArticleFactory, "scheduled")
    published = make(ArticleFactory, "published")
    assert str(scheduled.publication_state) == "Terjadwal"
    assert str(published.publication_state) == "Terbit"
