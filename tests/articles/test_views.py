import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.articles.models import ArticleAgency
from tests.factories import AgencyFactory, ArticleFactory, PersonFactory, RoleFactory, TopicFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, status, message",
    [
        ("from=2023-13-45", 400, "Masukkan tanggal yang valid."),
        ("agency=does-not-exist", 400, "Tidak ada instansi “does-not-exist”."),
        ("agency=%3Cscript%3Ealert(1)%3C/script%3E", 400, "Tidak ada instansi “&lt;script&gt;"),
        ("from=2023-02-01&to=2023-01-01", 400, "Tanggal awal jatuh setelah tanggal akhir."),
        ("page=999999", 404, "Halaman tidak ditemukan"),
        ("page=abc", 404, "Halaman tidak ditemukan"),
        ("page=-1", 404, "Halaman tidak ditemukan"),
        ("q=%00", 400, "Karakter null tidak diizinkan."),
        ("agency=' OR 1=1 --", 400, "Tidak ada instansi"),
    ],
)
def test_bad_input_gets_a_clear_answer(client, query, status, message):
    ArticleFactory()
    response = client.get(f"/berita/?{query}")
    assert response.status_code == status
    assert message in response.text
    assert "Traceback" not in response.text
    assert "<script>" not in response.text


@pytest.mark.django_db
def test_the_list_pages_twenty_at_a_time_and_keeps_the_filters(client):
    agency = AgencyFactory(slug="diskominfo")
    ArticleFactory.create_batch(25, agencies=[agency])
    ArticleFactory.create_batch(3)

    first = client.get("/berita/?agency=diskominfo")
    assert first.text.count('class="card"') == 20
    assert "25 berita" in first.text
    assert 'href="?agency=diskominfo&amp;page=2"' in first.text

    second = client.get("/berita/?agency=diskominfo&page=2")
    assert second.text.count('class="card"') == 5
    assert 'href="?agency=diskominfo&amp;page=1"' in second.text


@pytest.mark.django_db
def test_the_newest_article_comes_first(client):
    older = ArticleFactory(title="Berita lama")
    ArticleFactory(title="Berita baru", published_at=older.published_at.replace(year=2099))
    ArticleFactory(title="Berita tengah")
    text = client.get("/berita/").text
    assert text.index("Berita tengah") < text.index("Berita lama")


@pytest.mark.django_db
def test_an_empty_result_says_so_and_suggests_what_to_relax(client):
    response = client.get("/berita/?q=tidak-ada-di-mana-pun")
    assert response.status_code == 200
    assert "Tidak ada berita terbit yang cocok dengan saringan ini." in response.text
    assert "perlebar rentang tanggal" in response.text


def queries_for_list(client):
    with CaptureQueriesContext(connection) as context:
        response = client.get("/berita/")
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.django_db
def test_the_list_runs_as_many_queries_for_one_article_as_for_twenty_five(client):
    topics = TopicFactory.create_batch(3)
    agencies = AgencyFactory.create_batch(4)

    def article():
        ArticleFactory(lead_agency=agencies[0], agencies=agencies[1:], topics=topics)

    article()
    one = queries_for_list(client)
    for _ in range(24):
        article()
    twenty_five = queries_for_list(client)
    assert one == twenty_five
    assert twenty_five <= 8


@pytest.mark.django_db
def test_the_article_page_shows_credits_agencies_and_titles_of_the_time(client):
    lead, mentioned = AgencyFactory(name="Ditjen Contoh"), AgencyFactory(name="Badan Contoh")
    person = PersonFactory(name="Bahtiar")
    RoleFactory(person=person, agency=lead, title="Direktur Jenderal", end_date="2030-01-01")
    RoleFactory(person=person, agency=mentioned, title="Jabatan lama", end_date="2000-01-01")
    article = ArticleFactory(
        byline="Uswatun Hasanah",
        editor_name="Pahlevi",
        source_outlet="Optika.id",
        source_url="https://optika.id/berita",
        dateline_place="Jakarta",
        lead_agency=lead,
        agencies=[mentioned],
    )
    article.people.add(person)
    response = client.get(article.get_absolute_url())
    text = response.text
    assert "Oleh Uswatun Hasanah" in text
    assert "Editor: Pahlevi" in text
    assert '<a href="https://optika.id/berita" rel="noopener">Optika.id</a>' in text
    assert text.index("Ditjen Contoh") < text.index("Badan Contoh")
    assert "Bahtiar, Direktur Jenderal" in text
    assert "Jabatan lama" not in text
    assert ArticleAgency.objects.filter(article=article).count() == 2


@pytest.mark.django_db
def test_a_huge_result_is_counted_up_to_a_limit(client, monkeypatch):
    monkeypatch.setattr("newsroom.core.pagination.CappedPaginator.COUNT_LIMIT", 40)
    ArticleFactory.create_batch(45)
    first = client.get("/berita/")
    assert "Lebih dari 40 berita" in first.text
    assert "Halaman 1 dari 2" in first.text
    assert client.get("/berita/?page=2").status_code == 200
    assert client.get("/berita/?page=3").status_code == 404
