"""The workflow services: each refuses what it should, records who and when, and calls the hook
for side effects once the change is committed."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from newsroom.articles.models import Article
from newsroom.caching.state import content_changed
from newsroom.core import services
from newsroom.core.models import Status, Transition
from tests.factories import AgencyFactory, ArticleFactory, EventFactory, UserFactory, image_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(roles):
    return UserFactory(role="Editor")


@pytest.fixture
def agency(db):
    return AgencyFactory()


@pytest.fixture
def draft(agency):
    return ArticleFactory(status=Status.DRAFT, published_at=None, lead_agency=agency)


@pytest.mark.parametrize(
    "change, problem",
    [
        ({"title": " "}, "It needs a title."),
        ({"summary": ""}, "It needs a summary."),
        ({"lead_agency": None}, "It needs a lead agency."),
        ({"lead_image_alt": ""}, "Its lead image needs a text alternative."),
    ],
)
@pytest.mark.parametrize("action", ["publish", "schedule"])
def test_publishing_needs_title_summary_lead_agency_and_alt_text(
    editor, agency, media_root, change, problem, action
):
    fields = {"lead_agency": agency, "lead_image": image_file(), "lead_image_alt": "Foto"}
    article = ArticleFactory(status=Status.DRAFT, published_at=None, **(fields | change))
    at = None if action == "publish" else timezone.now() + timedelta(hours=1)
    with pytest.raises(ValidationError) as refusal, translation.override("en"):
        services.publishable_publish(item=article, by=editor, at=at)
    assert problem in str(refusal.value)
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert not article.transitions.exists()


def test_an_event_needs_an_organiser(editor, agency):
    event = EventFactory(
        status=Status.DRAFT, published_at=None, summary="Ringkas", agencies=[agency]
    )
    with pytest.raises(ValidationError, match=r"organising agency|penyelenggara"):
        services.publishable_publish(item=event, by=editor)


def test_each_step_is_recorded_with_who_when_and_why(editor, draft):
    services.publishable_submit(item=draft, by=editor)
    services.publishable_send_back(item=draft, by=editor, comment="Perbaiki judul.")
    services.publishable_publish(item=draft, by=editor)
    services.publishable_withdraw(item=draft, by=editor, reason="Data keliru.")
    steps = list(draft.transitions.order_by("at", "id"))
    assert [(step.action, step.from_status, step.to_status) for step in steps] == [
        ("submit", "draft", "in_review"),
        ("send_back", "in_review", "draft"),
        ("publish", "draft", "published"),
        ("withdraw", "published", "withdrawn"),
    ]
    assert {step.by for step in steps} == {editor}
    assert steps[1].note == "Perbaiki judul."
    assert draft.withdrawal_reason == "Data keliru."


def test_readers_caches_hear_of_a_step_only_after_commit(
    editor, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.publishable_submit(item=draft, by=editor)
    assert content_changed in callbacks


@pytest.mark.parametrize(
    "status, action, arguments",
    [
        (Status.IN_REVIEW, services.publishable_submit, {}),
        (Status.DRAFT, services.publishable_send_back, {"comment": "x"}),
        (Status.PUBLISHED, services.publishable_publish, {}),
        (Status.DRAFT, services.publishable_unpublish, {}),
        (Status.DRAFT, services.publishable_withdraw, {"reason": "x"}),
        (Status.WITHDRAWN, services.publishable_publish, {}),
    ],
)
def test_steps_the_life_cycle_does_not_allow_are_refused(editor, agency, status, action, arguments):
    article = ArticleFactory(status=status, lead_agency=agency, withdrawal_reason="x")
    with pytest.raises(ValidationError):
        action(item=article, by=editor, **arguments)
    article.refresh_from_db()
    assert article.status == status


@pytest.mark.parametrize(
    "action, arguments, field",
    [
        (services.publishable_send_back, {"comment": "  "}, "comment"),
        (services.publishable_withdraw, {"reason": ""}, "reason"),
        (services.publishable_schedule, {"at": timezone.now() - timedelta(minutes=1)}, "at"),
    ],
)
def test_comments_reasons_and_times_are_required(editor, draft, action, arguments, field):
    with pytest.raises(ValidationError) as refusal:
        action(item=draft, by=editor, **arguments)
    assert field in refusal.value.message_dict


def test_a_contributor_cannot_publish_even_by_calling_the_service(roles, draft, agency):
    contributor = UserFactory(role="Contributor", agencies=[agency])
    services.publishable_submit(item=draft, by=contributor)
    with pytest.raises(PermissionDenied):
        services.publishable_publish(item=draft, by=contributor)
    assert Article.objects.get(pk=draft.pk).status == Status.IN_REVIEW


def test_a_scheduled_item_becomes_public_by_itself(editor, draft, client):
    at = timezone.now() + timedelta(minutes=1)
    services.publishable_schedule(item=draft, by=editor, at=at)
    assert draft.publication_state == "Terjadwal"
    assert not Article.objects.published().filter(pk=draft.pk).exists()
    assert client.get(draft.get_absolute_url()).status_code == 404
    with time_machine.travel(at + timedelta(seconds=1)):
        assert Article.objects.published().filter(pk=draft.pk).exists()
        assert client.get(draft.get_absolute_url()).status_code == 200
        assert draft.transitions.get().publish_at == at


def test_republishing_keeps_the_first_publication_time(editor, agency):
    first = timezone.now() - timedelta(days=3)
    article = ArticleFactory(published_at=first, lead_agency=agency)
    services.publishable_unpublish(item=article, by=editor)
    services.publishable_publish(item=article, by=editor)
    assert article.published_at == first


def test_an_image_without_alt_text_cannot_be_saved(agency):
    article = ArticleFactory(lead_agency=agency)
    article.lead_image = SimpleUploadedFile("a.jpg", b"x")
    with pytest.raises(ValidationError) as refusal:
        article.clean()
    assert "lead_image_alt" in refusal.value.message_dict


def test_transitions_are_listed_newest_first(editor, draft):
    services.publishable_submit(item=draft, by=editor)
    services.publishable_publish(item=draft, by=editor)
    assert list(Transition.objects.values_list("action", flat=True)) == ["publish", "submit"]
