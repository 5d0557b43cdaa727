"""The desk's front page: my drafts, awaiting review, scheduled and recently published."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsroom.core.models import Status
from tests.factories import ArticleFactory, EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(people, own_agency, other_agency):
    ArticleFactory(
        title="Draf milik penulis",
        status=Status.DRAFT,
        published_at=None,
        lead_agency=own_agency,
        created_by=people["contributor"],
    )
    ArticleFactory(
        title="Usulan untuk ditinjau",
        status=Status.IN_REVIEW,
        published_at=None,
        lead_agency=own_agency,
    )
    EventFactory(
        title="Agenda instansi lain",
        status=Status.IN_REVIEW,
        published_at=None,
        organiser=other_agency,
    )
    ArticleFactory(
        title="Terbit besok",
        published_at=timezone.now() + timedelta(days=1),
        lead_agency=own_agency,
    )
    ArticleFactory(title="Kabar terkini", lead_agency=own_agency)


def sections(response):
    html = response.text
    return {
        title: html.index(title) if title in html else None
        for title in [
            "Draf milik penulis",
            "Usulan untuk ditinjau",
            "Agenda instansi lain",
            "Terbit besok",
            "Kabar terkini",
        ]
    }


def test_a_contributor_sees_their_work(client_as, work):
    response = client_as("contributor").get("/admin/")
    found = sections(response)
    assert found["Draf milik penulis"]
    assert found["Usulan untuk ditinjau"]
    assert found["Terbit besok"]
    assert found["Agenda instansi lain"] is None
    # My drafts come first, then what awaits review.
    assert found["Draf milik penulis"] < found["Usulan untuk ditinjau"]
    assert response.text.count("/admin/articles/article/") >= 4


def test_an_editor_sees_all_work_awaiting_review_with_scheduled_times(client_as, work):
    response = client_as("editor").get("/admin/")
    found = sections(response)
    assert found["Agenda instansi lain"]
    assert found["Usulan untuk ditinjau"]
    # The editor did not write the draft: it is not among their drafts.
    assert found["Draf milik penulis"] is None
    assert "Terjadwal" in response.text
    assert "<time datetime=" in response.text.split("Terbit besok")[1][:200]
