import pytest

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
    assert "Nina Agustina, Bupati Indramayu" in text
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
