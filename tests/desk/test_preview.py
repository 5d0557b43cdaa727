"""Preview links: unpublished work as the public will see it, for anyone holding the link."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from newsroom.core.models import Status
from newsroom.desk.preview import preview_token
from tests.factories import ArticleFactory, EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(own_agency):
    return ArticleFactory(
        title="Rancangan rahasia", status=Status.DRAFT, published_at=None, lead_agency=own_agency
    )


def preview_link_on_change_page(client, item):
    opts = item._meta
    page = client.get(f"/admin/{opts.app_label}/{opts.model_name}/{item.pk}/change/")
    return re.search(r'id="preview-link" type="url" readonly value="([^"]+)"', page.text)[1]


@pytest.mark.parametrize("role", ["contributor", "editor"])
def test_the_change_page_gives_a_link_that_works_without_an_account(client_as, draft, role):
    link = preview_link_on_change_page(client_as(role), draft)
    anonymous = type(client_as(role))()
    response = anonymous.get(link)
    assert response.status_code == 200
    assert "Rancangan rahasia" in response.text
    assert "Pratinjau: belum diterbitkan" in response.text
    assert '<meta name="robots" content="noindex, nofollow, noarchive">' in response.text
    assert response["X-Robots-Tag"] == "noindex, nofollow, noarchive"
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"


def test_an_event_can_be_previewed(client, own_agency):
    event = EventFactory(title="Rapat koordinasi", status=Status.IN_REVIEW, published_at=None)
    response = client.get(f"/pratinjau/{preview_token(event)}/")
    assert response.status_code == 200
    assert "Rapat koordinasi" in response.text


def test_a_link_expires(client, draft, settings):
    link = f"/pratinjau/{preview_token(draft)}/"
    with time_machine.travel(
        timezone.now() + timedelta(seconds=settings.NEWSROOM_PREVIEW_MAX_AGE + 5)
    ):
        response = client.get(link)
    assert response.status_code == 410
    assert "Rancangan rahasia" not in response.text
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "token", ["x", "a" * 300, "%3Cscript%3E", "WyJhcnRpY2xlcy5hcnRpY2xlIiwxXQ:1:2"]
)
def test_a_made_up_or_altered_link_is_not_found(client, draft, token):
    assert client.get(f"/pratinjau/{token}/").status_code == 404


def test_a_link_to_a_deleted_item_is_not_found(client, draft):
    link = f"/pratinjau/{preview_token(draft)}/"
    draft.delete()
    assert client.get(link).status_code == 404


def test_the_public_page_of_a_draft_stays_hidden(client, draft):
    assert client.get(draft.get_absolute_url()).status_code == 404
