"""Spam is refused on every path of the desk that makes content public: the publish button, a
bulk action, scheduling, withdrawing, restoring a revision and editing a public item (the
importer's --publish is in tests/importer). Nothing public changes; the refusal is in the audit
trail, mailed to the administrators and shown on their front page."""

from datetime import timedelta

import pytest
import reversion
from django.core import mail
from django.utils import timezone
from reversion.models import Version

from newsroom.articles.models import Article
from newsroom.core.models import Status, Transition
from newsroom.core.services import publishable_restore
from newsroom.core.spam import SpamRefused
from tests.admin_forms import change_form_data
from tests.factories import ArticleFactory, EventFactory

pytestmark = pytest.mark.django_db

ADMINISTRATOR_EMAIL = "admin@indramayukab.go.id"

# field → what a stolen account writes there
PAYLOADS = {
    "title": ("title", "Slot Gacor Maxwin Hari Ini"),
    "letter-spaced summary": ("summary", "Info terbaru: s l o t  g a c o r hari ini."),
    "digits for letters in the byline": ("byline", "Admin sl0t g4c0r"),
    "hidden link in the body": (
        "body",
        '<p>Rapat koordinasi. <a href="https://heylink.me/situs">selengkapnya</a></p>',
    ),
    "text hidden in an attribute": ("body", '<p title="situs toto terpercaya">Rapat.</p>'),
    "zero-width caption": ("lead_image_caption", "to\u200bgel on\u200cline"),
    "outside link in the summary": ("summary", "Daftar di https://menang-besar.xyz sekarang."),
}
SURFACES = ["publish button", "bulk action", "schedule", "editing a published item"]


@pytest.fixture
def administrator(people):
    people["administrator"].email = ADMINISTRATOR_EMAIL
    people["administrator"].save()
    return people["administrator"]


def changelist(item):
    return f"/admin/{item._meta.app_label}/{item._meta.model_name}/"


def attempt(client, surface, item, field, value):
    """What an editor's account does on this surface to make the payload public."""
    if surface == "editing a published item":
        url = f"{changelist(item)}{item.pk}/change/"
        return client.post(url, change_form_data(client.get(url), **{field: value}))
    type(item).objects.filter(pk=item.pk).update(**{field: value})
    data = {"action": "publish_now", "index": "0", "_selected_action": [item.pk]}
    if surface == "bulk action":
        clean = ArticleFactory(status=Status.DRAFT, published_at=None, lead_agency=item.lead_agency)
        data["_selected_action"] = [clean.pk, item.pk]
    if surface == "schedule":
        later = timezone.localtime() + timedelta(days=1)
        data |= {
            "action": "schedule",
            "apply": "1",
            "at_0": later.date().isoformat(),
            "at_1": later.strftime("%H:%M:%S"),
        }
    if surface == "publish button":
        data["next"] = f"{changelist(item)}{item.pk}/change/"
    return client.post(changelist(item), data, follow=True)


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("payload", PAYLOADS)
def test_spam_is_refused_on_every_surface(
    client_as,
    people,
    administrator,
    own_agency,
    django_capture_on_commit_callbacks,
    surface,
    payload,
):
    field, value = PAYLOADS[payload]
    public = surface == "editing a published item"
    article = ArticleFactory(
        title="Rapat koordinasi kehumasan",
        status=Status.PUBLISHED if public else Status.IN_REVIEW,
        published_at=timezone.now() - timedelta(hours=1) if public else None,
        lead_agency=own_agency,
    )
    before = Article.objects.filter(pk=article.pk).values().get()
    client = client_as("editor")

    with django_capture_on_commit_callbacks(execute=True):
        response = attempt(client, surface, article, field, value)

    assert response.status_code == 200
    assert "terlihat seperti spam" in response.text
    stored = Article.objects.filter(pk=article.pk).values().get()
    if public:
        assert stored == before  # nothing of the edit was saved
    else:
        assert stored["status"] == Status.IN_REVIEW
        assert not Article.objects.published().filter(pk=article.pk).exists()
    refusal = Transition.objects.get(action=Transition.Action.REFUSE)
    assert (refusal.by, refusal.object_id) == (people["editor"], article.pk)
    assert {finding["field"] for finding in refusal.findings} == {field}
    [alert] = mail.outbox
    assert alert.to == [ADMINISTRATOR_EMAIL]
    assert refusal.item_title in alert.subject
    assert "redaktur" in alert.body


def test_a_bulk_action_publishes_the_clean_items_and_refuses_the_spam(
    client_as, administrator, own_agency
):
    clean = ArticleFactory(status=Status.IN_REVIEW, published_at=None, lead_agency=own_agency)
    spam = ArticleFactory(
        title="Link slot gacor", status=Status.IN_REVIEW, published_at=None, lead_agency=own_agency
    )
    client_as("editor").post(
        "/admin/articles/article/",
        {"action": "publish_now", "index": "0", "_selected_action": [clean.pk, spam.pk]},
    )
    assert set(Article.objects.published().values_list("pk", flat=True)) == {clean.pk}


def test_events_are_guarded_too(client_as, administrator, own_agency):
    event = EventFactory(
        venue="Aula, daftar di situsjudi.xyz",
        summary="Webinar.",
        status=Status.DRAFT,
        published_at=None,
        organiser=own_agency,
    )
    client_as("editor").post(
        "/admin/events/event/",
        {"action": "publish_now", "index": "0", "_selected_action": [event.pk]},
    )
    event.refresh_from_db()
    assert event.status == Status.DRAFT
    assert Transition.objects.get(action="refuse").findings == [
        {"field": "venue", "matched": "situsjudi.xyz", "kind": "link"}
    ]


def test_a_withdrawal_reason_is_public_text_too(client_as, administrator, own_agency):
    article = ArticleFactory(lead_agency=own_agency)
    client_as("editor").post(
        "/admin/articles/article/",
        {
            "action": "withdraw",
            "_selected_action": [article.pk],
            "apply": "1",
            "reason": "Pindah ke situs toto terpercaya.",
        },
    )
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_restoring_a_spam_revision_of_a_public_item_is_refused(people):
    article = ArticleFactory()
    with reversion.create_revision():
        article.title = "Slot gacor malam ini"
        article.save()
    with reversion.create_revision():
        article.title = "Rapat koordinasi"
        article.save()
    spam_version = Version.objects.get_for_object(article).last()
    with pytest.raises(SpamRefused):
        publishable_restore(item=article, version=spam_version, by=people["editor"])
    article.refresh_from_db()
    assert article.title == "Rapat koordinasi"
    assert Transition.objects.filter(action="refuse").count() == 1


def test_a_failing_mail_server_does_not_undo_the_refusal(
    client_as, administrator, own_agency, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("newsroom.core.services.send_mail", refuse)
    article = ArticleFactory(
        title="Situs slot gacor", status=Status.IN_REVIEW, published_at=None, lead_agency=own_agency
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("editor").post(
            "/admin/articles/article/",
            {"action": "publish_now", "index": "0", "_selected_action": [article.pk]},
            follow=True,
        )
    assert response.status_code == 200
    assert Transition.objects.filter(action="refuse", object_id=article.pk).exists()
    assert "could not be sent" in caplog.text


def test_the_administrators_front_page_shows_the_refusals(client_as, administrator, own_agency):
    article = ArticleFactory(
        title="Situs slot gacor", status=Status.IN_REVIEW, published_at=None, lead_agency=own_agency
    )
    client_as("editor").post(
        "/admin/articles/article/",
        {"action": "publish_now", "index": "0", "_selected_action": [article.pk]},
    )
    assert "Ditolak sebagai spam" in client_as("administrator").get("/admin/").text
    refusal = Transition.objects.get(action="refuse")
    entry = client_as("administrator").get(f"/admin/core/transition/{refusal.pk}/change/")
    assert "“slot gacor” di judul" in entry.text
    editor_page = client_as("editor").get("/admin/").text
    assert "Ditolak sebagai spam" not in editor_page


def test_clean_news_is_published_as_before(client_as, own_agency):
    article = ArticleFactory(
        title="Bandara Kertajati layani penerbangan umrah",
        summary="Slot waktu penerbangan ditambah.",
        body='<p>Dikutip dari <a href="https://www.kompas.com/x">Kompas</a>.</p>',
        status=Status.IN_REVIEW,
        published_at=None,
        lead_agency=own_agency,
    )
    client_as("editor").post(
        "/admin/articles/article/",
        {"action": "publish_now", "index": "0", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert not Transition.objects.filter(action="refuse").exists()
