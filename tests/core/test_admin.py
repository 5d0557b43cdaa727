"""The admin is usable by an editor: every page of every registered model loads."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import (
    AgencyFactory,
    ArticleFactory,
    EventFactory,
    PersonFactory,
    RoleFactory,
    TopicFactory,
)

MODELS = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in {"agencies", "articles", "events"}
)


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("redaktur", "redaktur@example.id", "x")
    client.force_login(user)
    return client


@pytest.fixture
def content(db):
    agency = AgencyFactory(name="Komisi Pemilihan Umum", short_name="KPU")
    person = PersonFactory(name="Bahtiar")
    RoleFactory(person=person, agency=agency)
    event = EventFactory(title="Webinar IKP", organiser=agency)
    ArticleFactory(title="Sosialisasi IKP", lead_agency=agency, events=[event])
    TopicFactory(name="Pemilu 2024")


def test_every_content_model_is_registered():
    assert MODELS == [
        ("agencies", "agency"),
        ("agencies", "person"),
        ("agencies", "role"),
        ("articles", "article"),
        ("articles", "topic"),
        ("events", "event"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("app_label, model_name", MODELS)
@pytest.mark.parametrize("page", ["changelist", "add", "change"])
def test_admin_pages_load(editor_client, content, app_label, model_name, page):
    model = next(m for m in admin.site._registry if m._meta.model_name == model_name)
    args = [model.objects.first().pk] if page == "change" else []
    response = editor_client.get(reverse(f"admin:{app_label}_{model_name}_{page}", args=args))
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "q=Sosialisasi&status__exact=published",
        "published_at__year=2099",
        "q=%3Cscript%3E",
        "status__exact=nonsense",
    ],
)
def test_the_article_list_searches_and_filters(editor_client, content, query):
    response = editor_client.get(f"/admin/articles/article/?{query}")
    assert response.status_code in {200, 302}
    if "Sosialisasi" in query:
        assert "Sosialisasi IKP" in response.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model_name, field_name, term, expected",
    [
        ("article", "people", "Bah", "Bahtiar"),
        ("article", "events", "IKP", "Webinar IKP"),
        ("article", "topics", "Pemilu", "Pemilu 2024"),
        ("articleagency", "agency", "Komisi", "KPU"),
        ("role", "agency", "kpu", "KPU"),
    ],
)
def test_relations_autocomplete(editor_client, content, model_name, field_name, term, expected):
    app_label = "agencies" if model_name == "role" else "articles"
    response = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == [expected]


@pytest.mark.django_db
def test_an_editor_adds_an_article_then_publishes_it(editor_client, content):
    agency = AgencyFactory(short_name="Disdukcapil")
    response = editor_client.post(
        "/admin/articles/article/add/",
        {
            "title": "Pelayanan KTP keliling",
            "slug": "pelayanan-ktp-keliling",
            "summary": "Disdukcapil membuka layanan keliling.",
            "body": "<p>Isi</p><script>alert(1)</script>",
            "status": "published",
            "published_at_0": "",
            "published_at_1": "",
            "article_agencies-TOTAL_FORMS": "1",
            "article_agencies-INITIAL_FORMS": "0",
            "article_agencies-0-agency": agency.pk,
            "article_agencies-0-role": "lead",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = agency.articles.get()
    assert article.body == "<p>Isi</p>"
    assert article.lead_agency == agency
    # The status is not a form field: publishing is an action, with its checks.
    assert article.status == "draft"
    response = editor_client.post(
        "/admin/articles/article/",
        {"action": "publish_now", "index": "0", "_selected_action": [article.pk]},
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == "published"
    assert article.published_at is not None
