import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory, EventFactory, PersonFactory, RoleFactory


@pytest.mark.django_db
def test_the_directory_is_a_tree(client, agency_tree):
    text = client.get("/instansi/").text
    kemendagri = text.index(agency_tree["kemendagri"].name)
    polpum = text.index(agency_tree["ditjen-polpum"].name)
    tapem = text.index(agency_tree["tapem-setda-indramayu"].name)
    setda = text.index(agency_tree["setda-indramayu"].name)
    assert kemendagri < polpum
    assert setda < tapem
    assert text.count('<ul class="tree">') == 4


@pytest.mark.django_db
def test_an_agency_page_gathers_news_events_and_officials_from_below(client, agency_tree):
    official = PersonFactory(name="Nina Agustina")
    RoleFactory(person=official, agency=agency_tree["pemkab-indramayu"], title="Bupati Indramayu")
    ArticleFactory(title="Berita Tapem", agencies=[agency_tree["tapem-setda-indramayu"]])
    ArticleFactory(title="Berita Bawaslu", agencies=[agency_tree["bawaslu"]])
    EventFactory(title="Rapat Setda", agencies=[agency_tree["setda-indramayu"]])
    text = client.get("/instansi/pemkab-indramayu/").text
    assert "Nina Agustina</a>, Bupati Indramayu" in text
    assert "Berita Tapem" in text
    assert "Rapat Setda" in text
    assert "Berita Bawaslu" not in text
    assert agency_tree["setda-indramayu"].name in text


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/instansi/tidak-ada/", "/instansi/%3Cscript%3E/"])
def test_an_unknown_agency_is_not_found(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.text


@pytest.mark.django_db
def test_the_person_page_shows_roles_over_time_and_their_news(client, agency_tree):
    person = PersonFactory(name="Bahtiar", slug="bahtiar")
    RoleFactory(
        person=person,
        agency=agency_tree["ditjen-polpum"],
        title="Direktur Jenderal",
        start_date="2022-01-03",
    )
    RoleFactory(
        person=person,
        agency=agency_tree["kemendagri"],
        title="Staf Ahli",
        start_date="2019-01-01",
        end_date="2021-12-31",
    )
    ArticleFactory(title="Bahtiar membuka webinar").people.add(person)
    text = client.get("/tokoh/bahtiar/").text
    assert text.index("Direktur Jenderal") < text.index("Staf Ahli")
    assert 'sejak <time datetime="2022-01-03">Senin, 3 Januari 2022</time>' in text
    assert "Bahtiar membuka webinar" in text


@pytest.mark.django_db
def test_someone_named_only_in_a_draft_has_no_page(client):
    person = PersonFactory(slug="rahasia")
    ArticleFactory(status="draft", published_at=None).people.add(person)
    assert client.get("/tokoh/rahasia/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["/tokoh/bahtiar/", "/instansi/kemendagri/"])
def test_person_and_agency_pages_run_a_fixed_number_of_queries(client, agency_tree, page):
    person = PersonFactory(slug="bahtiar")
    RoleFactory(person=person, agency=agency_tree["kemendagri"])

    def news():
        article = ArticleFactory(
            lead_agency=agency_tree["ditjen-polpum"], agencies=[agency_tree["bawaslu"]]
        )
        article.people.add(person)
        EventFactory(organiser=agency_tree["kemendagri"]).speakers.add(person)

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(page).status_code == 200
        return len(context.captured_queries)

    news()
    one = queries()
    for _ in range(5):
        news()
    assert queries() == one
    assert one <= 10
