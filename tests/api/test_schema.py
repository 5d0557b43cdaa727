"""Schemathesis against the OpenAPI document: every operation and parameter, in process.

Generated requests (valid and invalid) must never meet a server error, and every answer must
match the document: status, content type and body. Explicit cases with real slugs reach the
200 answers of every detail and of filtered lists, which random strings cannot.
"""

from datetime import timedelta

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from newsroom.core.models import Status
from tests.factories import (
    AgencyFactory,
    ArticleFactory,
    EventFactory,
    PersonFactory,
    RoleFactory,
    TopicFactory,
    image_file,
)

# A valid slug of an agency that does not exist is valid by the document and still a 400 with
# the field's message, as in the finder: an OpenAPI schema cannot list the slugs that exist.
EXCLUDED_CHECKS = [positive_data_acceptance]


@pytest.fixture
def content(db, settings, tmp_path):
    """One of everything, with and without the optional parts, and unpublished work."""
    settings.MEDIA_ROOT = tmp_path
    parent = AgencyFactory(slug="kemendagri", website="https://www.kemendagri.go.id/")
    child = AgencyFactory(slug="ditjen-polpum", parent=parent)
    topic = TopicFactory(slug="pemilu-2024")
    person = PersonFactory(slug="bahtiar")
    RoleFactory(person=person, agency=child, start_date="2020-01-01")
    event = EventFactory(
        slug="webinar-ikp",
        organiser=child,
        agencies=[parent],
        topics=[topic],
        ends_at=timezone.now() + timedelta(days=8),
        venue="Indramayu Command Center",
        online_url="https://zoom.example/j/1",
    )
    EventFactory(slug="rapat-sepanjang-hari", all_day=True)
    article = ArticleFactory(
        slug="webinar-pemilu",
        lead_agency=child,
        agencies=[parent],
        topics=[topic],
        events=[event],
        lead_image=image_file("foto.jpg"),
        lead_image_alt="Foto",
    )
    article.people.add(person)
    ArticleFactory(slug="ditarik", status=Status.WITHDRAWN, withdrawal_reason="Data keliru.")
    ArticleFactory(slug="draf", status=Status.DRAFT, published_at=None)


# Django as a WSGI application; the document is read once, when the tests are collected.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())


@pytest.fixture(autouse=True)
def _keep_the_tests_connection():
    """Keep the test's database connection between requests, as Django's test client does.

    Closing "old" connections at the end of a request would close the one the test's
    transaction runs on.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_matches_its_document(case, content):
    # call_and_validate raises on any failed check: a server error, a status, content type or
    # body the document does not allow.
    response = case.call_and_validate(excluded_checks=EXCLUDED_CHECKS)
    assert response.status_code < 500


@pytest.mark.parametrize(
    "path, slug",
    [
        ("/api/v1/articles/{slug}/", "webinar-pemilu"),
        ("/api/v1/articles/{slug}/", "ditarik"),
        ("/api/v1/events/{slug}/", "webinar-ikp"),
        ("/api/v1/events/{slug}/", "rapat-sepanjang-hari"),
        ("/api/v1/agencies/{slug}/", "ditjen-polpum"),
        ("/api/v1/people/{slug}/", "bahtiar"),
        ("/api/v1/topics/{slug}/", "pemilu-2024"),
    ],
)
def test_every_detail_matches_its_document(content, path, slug):
    case = schema[path]["GET"].Case(path_parameters={"slug": slug})
    response = case.call_and_validate(excluded_checks=EXCLUDED_CHECKS)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "path, query",
    [
        ("/api/v1/articles/", {"agency": ["kemendagri"], "topic": ["pemilu-2024"]}),
        ("/api/v1/articles/", {"person": ["bahtiar"], "event": "webinar-ikp", "q": "Berita"}),
        ("/api/v1/articles/", {"from": "2000-01-01", "to": "2100-01-01", "page_size": 1}),
        ("/api/v1/events/", {"agency": ["ditjen-polpum"], "when": "upcoming"}),
        ("/api/v1/events/", {"topic": ["pemilu-2024"], "attendance": "online"}),
        ("/api/v1/agencies/", {"page": 1, "page_size": 100}),
        ("/api/v1/people/", {}),
        ("/api/v1/topics/", {}),
    ],
)
def test_filtered_lists_match_their_document(content, path, query):
    case = schema[path]["GET"].Case(query=query)
    response = case.call_and_validate(excluded_checks=EXCLUDED_CHECKS)
    assert response.status_code == 200
    assert response.json()["count"] >= 1
