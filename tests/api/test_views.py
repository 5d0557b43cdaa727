"""The JSON API as an integrator meets it: same filters as the finder, JSON errors, ETag, CORS."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.agencies.models import Person
from newsroom.api import serializers
from newsroom.articles.filters import ArticleFilter
from newsroom.core.models import Status
from newsroom.events.filters import EventFilter
from newsroom.events.models import Event
from tests.factories import (
    AgencyFactory,
    ArticleFactory,
    EventFactory,
    PersonFactory,
    RoleFactory,
    TopicFactory,
)

WIB = ZoneInfo("Asia/Jakarta")


def slugs(response):
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


@pytest.fixture
def newsroom(db, agency_tree):
    """News and events across the agency tree, topics and people, on several days."""
    election = TopicFactory(slug="pemilu-2024", name="Pemilu 2024")
    hazard = TopicFactory(slug="ikp", name="IKP")
    bahtiar = PersonFactory(slug="bahtiar", name="Bahtiar")
    webinar = EventFactory(
        slug="webinar-ikp",
        organiser=agency_tree["ditjen-polpum"],
        topics=[hazard],
        starts_at=timezone.now() + timedelta(days=2),
    )
    EventFactory(
        slug="rapat-setda",
        agencies=[agency_tree["setda-indramayu"]],
        attendance_mode="in_person",
        starts_at=timezone.now() - timedelta(days=2),
    )
    for day, slug, agency, topics in [
        (1, "polpum-ikp", "ditjen-polpum", [hazard, election]),
        (2, "kemendagri-pemilu", "kemendagri", [election]),
        (3, "tapem-pemilu", "tapem-setda-indramayu", [election]),
        (4, "bawaslu-ikp", "bawaslu", [hazard]),
        (5, "pemkab-umum", "pemkab-indramayu", []),
    ]:
        article = ArticleFactory(
            slug=slug,
            title=f"Berita {slug}",
            published_at=datetime(2023, 1, day, 10, tzinfo=WIB),
            lead_agency=agency_tree[agency],
            topics=topics,
        )
        if slug == "polpum-ikp":
            article.people.add(bahtiar)
            article.events.add(webinar)
    return agency_tree


ARTICLE_QUERIES = [
    "",
    "agency=kemendagri",
    "agency=pemkab-indramayu",
    "agency=bawaslu&agency=ditjen-polpum",
    "topic=pemilu-2024",
    "topic=ikp&topic=pemilu-2024",
    "person=bahtiar",
    "event=webinar-ikp",
    "from=2023-01-02&to=2023-01-03",
    "q=kemendagri",
    "q=berita&agency=pemkab-indramayu&from=2023-01-03",
]


@pytest.mark.parametrize("query", ARTICLE_QUERIES)
def test_the_api_answers_as_the_finder_does(client, newsroom, query):
    finder = client.get(f"/berita/?{query}")
    assert finder.status_code == 200
    api = client.get(f"/api/v1/articles/?{query}")
    assert slugs(api) == [article.slug for article in finder.context["page_obj"]]
    assert api.json()["count"] == finder.context["paginator"].count


@pytest.mark.parametrize(
    "query",
    ["", "agency=kemendagri", "agency=pemkab-indramayu", "topic=ikp", "when=upcoming",
     "when=past", "attendance=in_person", "from=2000-01-01&to=2100-01-01"],
)  # fmt: skip
def test_the_events_api_answers_as_the_agenda_does(client, newsroom, query):
    agenda = client.get(f"/agenda/?{query}")
    assert agenda.status_code == 200
    api = client.get(f"/api/v1/events/?{query}")
    assert slugs(api) == [event.slug for event in agenda.context["page_obj"]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, field, message",
    [
        ("from=2023-13-45", "from", "Masukkan tanggal yang valid."),
        ("agency=does-not-exist", "agency", "Tidak ada instansi “does-not-exist”."),
        ("agency=%3Cscript%3E", "agency", "Tidak ada instansi “<script>”."),
        ("topic=nope", "topic", "Tidak ada topik “nope”."),
        ("person=nobody", "person", "Tidak ada tokoh “nobody”."),
        ("from=2023-02-01&to=2023-01-01", "__all__", "Tanggal awal jatuh setelah tanggal akhir."),
        ("q=%00", "q", "Karakter null tidak diizinkan."),
        ("page_size=0", "page_size", "Isikan bilangan bulat dari 1 sampai 100."),
        ("page_size=101", "page_size", "Isikan bilangan bulat dari 1 sampai 100."),
        ("page_size=abc", "page_size", "Isikan bilangan bulat dari 1 sampai 100."),
    ],
)
def test_bad_parameters_get_400_with_the_fields_message(client, query, field, message):
    response = client.get(f"/api/v1/articles/?{query}")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Beberapa parameter tidak dapat dipakai.",
        "errors": {field: [message]},
    }
    if field != "page_size":
        # The finder gives the same message for the same filters.
        finder = client.get(f"/berita/?{query}")
        assert finder.status_code == 400
        assert str(finder.context["filter"].errors[field][0]) == message


@pytest.mark.django_db
def test_messages_are_in_english_when_asked(client):
    response = client.get("/api/v1/articles/?agency=nope", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["errors"] == {"agency": ["There is no agency “nope”."]}
    assert "Accept-Language" in response["Vary"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, message",
    [
        ("/api/v1/articles/?page=2", "Tidak ada halaman “2”."),
        ("/api/v1/articles/?page=abc", "Tidak ada halaman “abc”."),
        ("/api/v1/articles/tidak-ada/", "Tidak ada berita terbit “tidak-ada”."),
        ("/api/v1/events/tidak-ada/", "Tidak ada agenda terbit “tidak-ada”."),
        ("/api/v1/agencies/tidak-ada/", "Tidak ada instansi “tidak-ada”."),
        ("/api/v1/people/tidak-ada/", "Tidak ada tokoh “tidak-ada”."),
        ("/api/v1/topics/tidak-ada/", "Tidak ada topik “tidak-ada”."),
        ("/api/v1/nothing/here", "Alamat ini tidak ada di API. Dokumentasinya ada di"),
        ("/api/v2/articles/", "Alamat ini tidak ada di API. Dokumentasinya ada di"),
    ],
)
def test_not_found_is_json_with_a_message(client, url, message):
    ArticleFactory()
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"].startswith(message)


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_is_read_only(client, method):
    response = getattr(client, method)("/api/v1/articles/", {"title": "x"})
    assert response.status_code == 405
    assert "detail" in response.json()
    assert response["Allow"] == "GET, HEAD"


@pytest.mark.django_db
def test_an_unexpected_failure_is_json_without_a_traceback(client, monkeypatch, caplog):
    ArticleFactory()

    def fail(self, article):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(serializers.AbsoluteURLField, "to_representation", fail)
    response = client.get("/api/v1/articles/")
    assert response.status_code == 500
    assert response.json() == {
        "detail": "Terjadi kesalahan di pihak kami. Silakan coba lagi nanti."
    }
    assert "database on fire" in caplog.text


def test_pages_are_stable_and_link_to_each_other(client, db):
    same_moment = timezone.now() - timedelta(hours=1)
    created = [ArticleFactory(published_at=same_moment).slug for _ in range(5)]
    first = client.get("/api/v1/articles/?page_size=2").json()
    second = client.get(first["next"].removeprefix("http://testserver")).json()
    third = client.get(second["next"].removeprefix("http://testserver")).json()
    assert first["count"] == 5
    assert first["previous"] is None
    assert third["next"] is None
    listed = [item["slug"] for page in (first, second, third) for item in page["results"]]
    assert listed == list(reversed(created))  # the same moment: newest id first


def test_an_article_in_detail(client, newsroom):
    EventFactory(slug="rapat-draf", status=Status.DRAFT, published_at=None)
    article = ArticleFactory(slug="detail", body="<p>Isi.</p>", topics=[TopicFactory()])
    article.events.add(*Event.objects.filter(slug__in=["webinar-ikp", "rapat-draf"]))
    data = client.get("/api/v1/articles/detail/").json()
    assert data["body"] == "<p>Isi.</p>"
    assert data["url"] == "http://testserver/berita/detail/"
    assert [event["slug"] for event in data["events"]] == ["webinar-ikp"]
    assert data["status"] == "published"
    assert data["published_at"].endswith("+07:00")


def test_a_withdrawn_article_keeps_its_address_with_the_reason(client, db):
    ArticleFactory(slug="ditarik", status=Status.WITHDRAWN, withdrawal_reason="Data keliru.")
    data = client.get("/api/v1/articles/ditarik/").json()
    assert data["status"] == "withdrawn"
    assert data["withdrawal_reason"] == "Data keliru."
    assert slugs(client.get("/api/v1/articles/")) == []


def test_an_article_lists_agencies_lead_first_and_topics(client, newsroom):
    [item] = client.get("/api/v1/articles/?person=bahtiar").json()["results"]
    assert item["agencies"] == [
        {
            "agency": {
                "slug": "ditjen-polpum",
                "name": newsroom["ditjen-polpum"].name,
                "short_name": "Ditjen Polpum",
                "url": "http://testserver/instansi/ditjen-polpum/",
            },
            "role": "lead",
        }
    ]
    assert {topic["url"] for topic in item["topics"]} == {
        "http://testserver/topik/ikp/",
        "http://testserver/topik/pemilu-2024/",
    }


def test_agencies_carry_the_hierarchy(client, newsroom):
    agencies = {
        item["slug"]: item
        for item in client.get("/api/v1/agencies/?page_size=100").json()["results"]
    }
    assert agencies["setda-indramayu"]["parent"] == "pemkab-indramayu"
    assert agencies["setda-indramayu"]["children"] == ["tapem-setda-indramayu"]
    assert agencies["kemendagri"]["parent"] is None
    assert agencies["kemendagri"]["children"] == ["ditjen-polpum"]


def test_an_agency_in_detail_names_its_officials_of_today(client, newsroom):
    agency = newsroom["kemendagri"]
    RoleFactory(person=PersonFactory(name="Menteri Kini"), agency=agency, title="Menteri")
    RoleFactory(
        person=PersonFactory(name="Menteri Dulu"),
        agency=agency,
        title="Menteri",
        end_date="2019-10-23",
    )
    data = client.get("/api/v1/agencies/kemendagri/").json()
    assert [official["person"]["name"] for official in data["officials"]] == ["Menteri Kini"]


def test_people_and_topics(client, newsroom):
    bahtiar = Person.objects.get(slug="bahtiar")
    RoleFactory(person=bahtiar, agency=newsroom["ditjen-polpum"], title="Dirjen")
    person = client.get("/api/v1/people/bahtiar/").json()
    assert person["url"] == "http://testserver/tokoh/bahtiar/"
    assert [(role["agency"]["slug"], role["title"]) for role in person["roles"]] == [
        ("ditjen-polpum", "Dirjen")
    ]
    assert slugs(client.get("/api/v1/topics/")) == ["ikp", "pemilu-2024"]
    assert client.get("/api/v1/topics/ikp/").json()["name"] == "IKP"


def test_an_event_links_to_its_calendar(client, newsroom):
    data = client.get("/api/v1/events/webinar-ikp/").json()
    assert data["calendar_url"] == "http://testserver/agenda/webinar-ikp/kalender.ics"
    assert [article["slug"] for article in data["articles"]] == ["polpum-ikp"]
    assert data["agencies"][0]["role"] == "organiser"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/articles/", "/api/v1/agencies/", "/api/v1/openapi.json"])
def test_conditional_requests_get_304(client, url):
    ArticleFactory()
    first = client.get(url)
    assert re.fullmatch(r'"[0-9a-f]{32}"', first["ETag"])
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.django_db
def test_any_site_may_read_the_api(client):
    response = client.get("/api/v1/articles/", HTTP_ORIGIN="https://data.example.go.id")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "etag" in response["Access-Control-Expose-Headers"].lower()
    preflight = client.options(
        "/api/v1/articles/",
        HTTP_ORIGIN="https://data.example.go.id",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "if-none-match" in preflight["Access-Control-Allow-Headers"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    page = client.get("/berita/", HTTP_ORIGIN="https://data.example.go.id")
    assert "Access-Control-Allow-Origin" not in page


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(context.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/articles/?agency=induk&topic=t&page_size=100",
        "/api/v1/events/?agency=induk&topic=t&page_size=100",
        "/api/v1/agencies/?page_size=100",
        "/api/v1/people/?page_size=100",
        "/api/v1/topics/?page_size=100",
        "/api/v1/agencies/induk/",
    ],
)
def test_a_list_runs_as_many_queries_for_one_item_as_for_thirty(client, url):
    parent = AgencyFactory(slug="induk")
    child = AgencyFactory(parent=parent)
    topic, person = TopicFactory(slug="t"), PersonFactory()

    def add_one_of_each():
        ArticleFactory(lead_agency=parent, agencies=[child], topics=[topic])
        EventFactory(organiser=parent, agencies=[child], topics=[topic])
        RoleFactory(person=person, agency=parent)
        RoleFactory(person=PersonFactory(), agency=AgencyFactory(parent=parent))
        TopicFactory()

    add_one_of_each()
    one = queries_for(client, url)
    for _ in range(29):
        add_one_of_each()
    assert queries_for(client, url) == one


def test_the_openapi_document_takes_the_finders_filters(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    parameters = {
        path: {parameter["name"] for parameter in schema["paths"][path]["get"]["parameters"]}
        for path in ["/api/v1/articles/", "/api/v1/events/"]
    }
    assert parameters["/api/v1/articles/"] == {*ArticleFilter.base_filters, "page", "page_size"}
    assert parameters["/api/v1/events/"] == {*EventFilter.base_filters, "page", "page_size"}
    assert set(schema["paths"]) == {
        f"/api/v1/{name}/{suffix}"
        for name in ["articles", "events", "agencies", "people", "topics"]
        for suffix in ["", "{slug}/"]
    }


def test_the_documentation_loads_nothing_from_elsewhere(client, db):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    assert "swagger-ui" in response.text
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", response.text)
    script = client.get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert "/api/v1/openapi.json" in script.text


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["articles", "events"])
def test_a_detail_runs_as_many_queries_with_one_link_as_with_ten(client, kind):
    article = ArticleFactory(slug="berita")
    event = EventFactory(slug="acara")
    article.events.add(event)

    def link_one_more():
        agency, topic, person = AgencyFactory(), TopicFactory(), PersonFactory()
        article.article_agencies.create(agency=agency)
        event.event_agencies.create(agency=agency)
        article.topics.add(topic)
        event.topics.add(topic)
        article.people.add(person)
        event.speakers.add(person)
        article.events.add(EventFactory())
        event.articles.add(ArticleFactory())

    url = f"/api/v1/{kind}/{'berita' if kind == 'articles' else 'acara'}/"
    link_one_more()
    one = queries_for(client, url)
    for _ in range(9):
        link_one_more()
    assert queries_for(client, url) == one


@pytest.mark.django_db
def test_a_person_named_only_in_unpublished_work_stays_out(client):
    official, speaker, in_news, in_draft = PersonFactory.create_batch(4)
    RoleFactory(person=official)
    EventFactory().speakers.add(speaker)
    ArticleFactory().people.add(in_news)
    ArticleFactory(status=Status.DRAFT, published_at=None).people.add(in_draft)
    EventFactory(status=Status.IN_REVIEW).speakers.add(in_draft)
    listed = set(slugs(client.get("/api/v1/people/")))
    assert listed == {official.slug, speaker.slug, in_news.slug}
    assert client.get(f"/api/v1/people/{in_draft.slug}/").status_code == 404


@pytest.mark.django_db
def test_a_huge_list_is_counted_up_to_a_limit(client, monkeypatch):
    monkeypatch.setattr("newsroom.core.pagination.CappedPaginator.COUNT_LIMIT", 30)
    ArticleFactory.create_batch(45)
    capped = client.get("/api/v1/articles/").json()
    assert (capped["count"], capped["count_is_exact"]) == (30, False)
    assert capped["next"].endswith("/api/v1/articles/?page=2")
    last = client.get("/api/v1/articles/?page=3").json()
    assert (len(last["results"]), last["next"]) == (5, None)
    assert client.get("/api/v1/articles/?page=4").status_code == 404
    exact = client.get("/api/v1/articles/?q=tidak-ada").json()
    assert (exact["count"], exact["count_is_exact"]) == (0, True)
