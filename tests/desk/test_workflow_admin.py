"""The workflow in the admin: bulk actions with the same checks, the change page's buttons, and
the editor's comment reaching the writers."""

import pytest

from newsroom.core.models import Status
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_bulk_action_applies_the_same_checks_to_each_item(client_as, own_agency):
    ready = [
        ArticleFactory(status=Status.IN_REVIEW, published_at=None, lead_agency=own_agency)
        for _ in range(2)
    ]
    unready = ArticleFactory(
        title="Tanpa ringkasan",
        summary="",
        status=Status.IN_REVIEW,
        published_at=None,
        lead_agency=own_agency,
    )
    response = client_as("editor").post(
        "/admin/articles/article/",
        {
            "action": "publish_now",
            "index": "0",
            "_selected_action": [a.pk for a in [*ready, unready]],
        },
        follow=True,
    )
    text = response.text
    assert "2 butir diterbitkan." in text
    assert "“Tanpa ringkasan” belum dapat diterbitkan: Perlu ringkasan." in text
    statuses = {a.pk: a.status for a in type(unready).objects.all()}
    assert statuses == {ready[0].pk: "published", ready[1].pk: "published", unready.pk: "in_review"}


def test_an_action_that_needs_a_reason_asks_for_it_first(client_as, own_agency):
    article = ArticleFactory(lead_agency=own_agency)
    data = {"action": "withdraw", "_selected_action": [article.pk]}
    client = client_as("editor")
    asked = client.post("/admin/articles/article/", data)
    assert asked.status_code == 200
    assert 'name="reason"' in asked.text
    refused = client.post("/admin/articles/article/", {**data, "apply": "1", "reason": " "})
    assert refused.status_code == 200
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


@pytest.mark.parametrize(
    "role, buttons",
    [
        ("contributor", ["Ajukan untuk ditinjau"]),
        ("editor", ["Ajukan untuk ditinjau", "Terbitkan sekarang", "Jadwalkan"]),
    ],
)
def test_the_change_page_offers_the_actions_the_person_may_take(
    client_as, own_agency, role, buttons
):
    article = ArticleFactory(status=Status.DRAFT, published_at=None, lead_agency=own_agency)
    page = client_as(role).get(f"/admin/articles/article/{article.pk}/change/").text
    panel = page.split('class="desk-workflow-actions"')[1].split("</div>")[0]
    offered = [
        label
        for label in [
            "Ajukan untuk ditinjau",
            "Kembalikan ke penulis",
            "Terbitkan sekarang",
            "Jadwalkan",
            "Batalkan penerbitan",
            "Tarik dengan alasan publik",
        ]
        if label in panel
    ]
    assert offered == buttons


def test_the_writers_read_the_editors_comment(client_as, own_agency):
    article = ArticleFactory(status=Status.IN_REVIEW, published_at=None, lead_agency=own_agency)
    client_as("editor").post(
        "/admin/articles/article/",
        {
            "action": "send_back",
            "_selected_action": [article.pk],
            "apply": "1",
            "comment": "Tambahkan kutipan bupati.",
        },
    )
    page = client_as("contributor").get(f"/admin/articles/article/{article.pk}/change/").text
    assert "Tambahkan kutipan bupati." in page
    assert '<details class="desk-transitions" open>' in page
