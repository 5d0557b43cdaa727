"""Role × action × own/other agency, through the admin's HTTP endpoints: what each role can do.

A contributor works on their agency's drafts and submits them; editors and administrators do
everything. Refused actions change nothing, whatever the browser sends.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from newsroom.core.models import Status
from tests.admin_forms import change_form_data
from tests.factories import ArticleFactory, EventFactory

pytestmark = pytest.mark.django_db

ROLES = ["contributor", "editor", "administrator"]
OWNERS = ["own", "other"]
MODELS = ["article", "event"]

# action: (the state it starts from, the state after it when allowed)
ACTIONS = {
    "edit": (Status.DRAFT, Status.DRAFT),
    "edit_published": (Status.PUBLISHED, Status.PUBLISHED),
    "submit_for_review": (Status.DRAFT, Status.IN_REVIEW),
    "send_back": (Status.IN_REVIEW, Status.DRAFT),
    "publish_now": (Status.IN_REVIEW, Status.PUBLISHED),
    "schedule": (Status.IN_REVIEW, Status.PUBLISHED),
    "unpublish": (Status.PUBLISHED, Status.DRAFT),
    "withdraw": (Status.PUBLISHED, Status.WITHDRAWN),
    "delete": (Status.DRAFT, None),
}
CONTRIBUTOR_MAY = {"edit", "submit_for_review"}


def allowed(role, owner, action):
    if role == "contributor":
        return owner == "own" and action in CONTRIBUTOR_MAY
    return True


def make_item(model, agency, status):
    published_at = timezone.now() - timedelta(hours=1) if status == Status.PUBLISHED else None
    if model == "article":
        return ArticleFactory(
            title="Judul lama", lead_agency=agency, status=status, published_at=published_at
        )
    return EventFactory(
        title="Judul lama",
        summary="Ringkasan.",
        organiser=agency,
        status=status,
        published_at=published_at,
    )


def admin_url(item, view="change"):
    opts = item._meta
    base = f"/admin/{opts.app_label}/{opts.model_name}/"
    return base if view == "changelist" else f"{base}{item.pk}/{view}/"


def perform(client, editor_client, item, action):
    if action.startswith("edit"):
        # The form as an editor sees it, posted by the person under test.
        data = change_form_data(editor_client.get(admin_url(item)), title="Judul baru")
        return client.post(admin_url(item), data)
    if action == "delete":
        return client.post(admin_url(item, "delete"), {"post": "yes"})
    data = {"action": action, "index": "0", "_selected_action": [item.pk], "apply": "1"}
    later = timezone.localtime() + timedelta(days=1)
    data |= {
        "comment": "Tambahkan kutipan.",
        "reason": "Data keliru.",
        "at_0": later.date().isoformat(),
        "at_1": later.strftime("%H:%M:%S"),
    }
    return client.post(admin_url(item, "changelist"), data)


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("owner", OWNERS)
@pytest.mark.parametrize("role", ROLES)
def test_the_matrix(
    client, people, own_agency, other_agency, django_user_model, model, action, owner, role
):
    start, end = ACTIONS[action]
    item = make_item(model, own_agency if owner == "own" else other_agency, start)
    editor_client = type(client)()
    editor_client.force_login(people["editor"])
    client.force_login(people[role])

    response = perform(client, editor_client, item, action)

    assert response.status_code in {200, 302, 403}
    stored = type(item).objects.filter(pk=item.pk).first()
    if not allowed(role, owner, action):
        assert stored is not None
        assert stored.status == start
        assert stored.title == "Judul lama"
        return
    if end is None:
        assert stored is None
        return
    assert stored.status == end
    if action.startswith("edit"):
        assert stored.title == "Judul baru"
    if action == "schedule":
        assert stored.is_scheduled
    if action in {"submit_for_review", "send_back", "publish_now", "unpublish", "withdraw"}:
        step = stored.transitions.get()
        assert (step.by, step.to_status) == (people[role], end)


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("owner", OWNERS)
@pytest.mark.parametrize("role", ROLES)
def test_who_sees_what(client_as, own_agency, other_agency, model, owner, role):
    item = make_item(model, own_agency if owner == "own" else other_agency, Status.DRAFT)
    client = client_as(role)
    sees = role != "contributor" or owner == "own"

    listing = client.get(admin_url(item, "changelist"))
    change_page = client.get(admin_url(item))
    history = client.get(admin_url(item, "history"))
    autocomplete = client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "article", "field_name": "events", "term": ""},
    )

    assert listing.status_code == 200
    assert ("Judul lama" in listing.text) is sees
    assert change_page.status_code == (200 if sees else 302)
    assert history.status_code == (200 if sees else 404)
    if model == "event" and role == "contributor":
        # Linking an article to an event is not seeing the event's draft.
        assert autocomplete.status_code in {200, 403}
        if autocomplete.status_code == 200:
            assert ("Judul lama" in autocomplete.text) is sees


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_manage_people(client_as, role):
    response = client_as(role).get("/admin/auth/user/")
    assert response.status_code == (200 if role == "administrator" else 403)


def test_a_contributor_cannot_give_their_article_to_another_agency(
    client_as, people, own_agency, other_agency
):
    item = make_item("article", own_agency, Status.DRAFT)
    editor_client = type(client_as("editor"))()
    editor_client.force_login(people["editor"])
    data = change_form_data(
        editor_client.get(admin_url(item)), **{"article_agencies-0-agency": other_agency.pk}
    )
    response = client_as("contributor").post(admin_url(item), data)
    assert response.status_code == 200
    assert "Salah satu instansi Anda harus ditautkan" in response.text
    assert item.lead_agency == own_agency


def test_a_contributor_adds_a_draft_for_their_agency(client_as, people, own_agency):
    response = client_as("contributor").post(
        "/admin/articles/article/add/",
        {
            "title": "Layanan baru",
            "slug": "layanan-baru",
            "summary": "Ringkas.",
            "body": "<p>Isi.</p>",
            "article_agencies-TOTAL_FORMS": "1",
            "article_agencies-INITIAL_FORMS": "0",
            "article_agencies-0-agency": own_agency.pk,
            "article_agencies-0-role": "lead",
            # Whatever the browser sends, a new item is a draft.
            "status": "published",
        },
    )
    assert response.status_code == 302
    article = own_agency.articles.get()
    assert (article.status, article.created_by) == (Status.DRAFT, people["contributor"])


def test_roles_are_groups_made_by_the_migration(roles):
    assert set(User.groups.field.related_model.objects.values_list("name", flat=True)) >= {
        "Contributor",
        "Editor",
        "Administrator",
    }
