"""The audit trail cannot be changed or deleted: not through the admin (as editor or as
administrator), not through the ORM, not in SQL; and it outlives the items it records."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models.deletion import ProtectedError
from django.utils import timezone

from newsroom.articles.models import Article
from newsroom.core.models import AppendOnlyError, Status, Transition
from newsroom.core.services import publishable_publish
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(roles):
    return UserFactory(username="redaktur", role="Editor")


@pytest.fixture
def administrator(roles):
    return UserFactory(username="administrator", role="Administrator")


@pytest.fixture
def step(editor, agency_tree):
    article = ArticleFactory(
        title="Rapat koordinasi",
        status=Status.IN_REVIEW,
        published_at=None,
        lead_agency=agency_tree["kemendagri"],
    )
    publishable_publish(item=article, by=editor)
    return Transition.objects.get()


TRAIL = "/admin/core/transition/"


def test_the_orm_refuses_to_change_or_delete_a_step(step):
    step.note = "Diubah."
    with pytest.raises(AppendOnlyError):
        step.save()
    with pytest.raises(AppendOnlyError):
        step.delete()
    with pytest.raises(AppendOnlyError):
        Transition.objects.filter(pk=step.pk).update(note="Diubah.")
    with pytest.raises(AppendOnlyError):
        Transition.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        Transition.objects.bulk_update([step], ["note"])
    assert Transition.objects.get().note == ""


def test_the_database_refuses_an_update_in_sql(step):
    """A trigger, on SQLite as on PostgreSQL: the refusal is the database's, not only Django's."""
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_transition SET note = 'Diubah.' WHERE id = %s", [step.pk])
    assert Transition.objects.get().note == ""


@pytest.mark.postgres
def test_postgresql_refuses_a_delete_in_sql(step):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_transition WHERE id = %s", [step.pk])
    assert Transition.objects.filter(pk=step.pk).exists()


@pytest.mark.postgres
def test_postgresql_lets_a_backup_load_a_step_over_itself(step):
    """An UPDATE that changes nothing, as loaddata does over an identical row, passes."""
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_transition SET note = note WHERE id = %s", [step.pk])
    assert Transition.objects.filter(pk=step.pk).exists()


def test_the_step_outlives_its_article(step, client, editor):
    article_pk = step.object_id
    client.force_login(editor)
    response = client.post(f"/admin/articles/article/{article_pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Article.objects.filter(pk=article_pk).exists()
    kept = Transition.objects.get()
    assert (kept.object_id, kept.item_title, kept.content_type.model) == (
        article_pk,
        "Rapat koordinasi",
        "article",
    )
    assert kept.action == Transition.Action.PUBLISH


def test_deleting_an_article_in_the_orm_keeps_its_steps(step):
    Article.objects.all().delete()
    assert Transition.objects.count() == 1


def test_an_account_with_a_trail_is_deactivated_not_deleted(step, editor):
    with pytest.raises(ProtectedError):
        editor.delete()


@pytest.mark.parametrize("role", ["editor", "administrator", "superuser"])
def test_no_one_changes_or_deletes_the_trail_through_the_admin(step, client, request, role):
    if role == "superuser":
        person = UserFactory(username="super", is_superuser=True)
    else:
        person = request.getfixturevalue(role)
    client.force_login(person)
    entry = f"{TRAIL}{step.pk}/change/"
    readers = role != "editor"

    assert client.get(TRAIL).status_code == (200 if readers else 403)
    assert client.get(entry).status_code == (200 if readers else 403)
    assert client.post(entry, {"note": "Diubah."}).status_code == 403
    assert client.get(f"{TRAIL}{step.pk}/delete/").status_code == 403
    assert client.post(f"{TRAIL}{step.pk}/delete/", {"post": "yes"}).status_code == 403
    bulk = client.post(TRAIL, {"action": "delete_selected", "_selected_action": [step.pk]})
    assert bulk.status_code in {200, 302, 403}
    assert client.get(f"{TRAIL}add/").status_code == 403
    assert Transition.objects.filter(pk=step.pk, note="").exists()


def test_administrators_read_the_trail_filtered_by_action_person_and_date(
    step, client, administrator
):
    client.force_login(administrator)
    page = client.get(TRAIL, {"action__exact": "publish", "by__id__exact": step.by_id})
    assert page.status_code == 200
    assert "Rapat koordinasi" in page.text
    assert 'name="_save"' not in client.get(f"{TRAIL}{step.pk}/change/").text
    # The admin reads the day in the site's time zone, not in UTC.
    day = timezone.localdate(step.at)
    dated = client.get(TRAIL, {"at__year": day.year, "at__month": day.month, "at__day": day.day})
    assert "Rapat koordinasi" in dated.text
    assert "Rapat koordinasi" not in client.get(TRAIL, {"action__exact": "withdraw"}).text


def test_a_deleted_item_is_named_in_the_trail(step, client, administrator):
    Article.objects.all().delete()
    client.force_login(administrator)
    assert "Rapat koordinasi (dihapus)" in client.get(TRAIL).text
