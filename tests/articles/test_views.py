import json
import re
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.articles.models import Article, ArticleAgency
from newsroom.core.pagination import count_up_to
from tests.factories import (
    AgencyFactory,
    ArticleFactory,
    EventFactory,
    PersonFactory,
    RoleFactory,
    TopicFactory,
)


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
def test_a_card_reads_its_lead_agency_in_the_articles_own_query():
    lead, mentioned = AgencyFactory(name="Ditjen Contoh"), AgencyFactory(name="Badan Contoh")
    ArticleFactory(title="Dengan instansi", lead_agency=lead, agencies=[mentioned])
    ArticleFactory(title="Tanpa instansi utama", agencies=[mentioned])
    with CaptureQueriesContext(connection) as context:
        leads = {
            article.title: article.lead_agency
            for article in Article.objects.published().for_listing()
        }
    assert leads == {"Dengan instansi": lead, "Tanpa instansi utama": None}
    assert len(context.captured_queries) == 1
    # Counting the cards joins nothing: the join is for the rows read.
    with CaptureQueriesContext(connection) as context:
        assert count_up_to(Article.objects.published().for_listing(), 1_000) == 2
    assert "JOIN" not in context.captured_queries[0]["sql"]
    # Every agency, for feeds and the API, takes one more query; the lead comes first.
    with CaptureQueriesContext(connection) as context:
        agencies = {
            article.title: [link.agency for link in article.agency_links]
            for article in Article.objects.published().with_agencies()
        }
    assert agencies == {"Dengan instansi": [lead, mentioned], "Tanpa instansi utama": [mentioned]}
    assert len(context.captured_queries) == 2


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
    assert "Bahtiar</a>, Direktur Jenderal" in text
    assert "Jabatan lama" not in text
    assert ArticleAgency.objects.filter(article=article).count() == 2


@pytest.mark.django_db
def test_a_huge_result_is_counted_up_to_a_limit_and_paged_through_to_its_end(client, monkeypatch):
    monkeypatch.setattr("newsroom.core.pagination.CappedPaginator.COUNT_LIMIT", 30)
    ArticleFactory.create_batch(45)
    first = client.get("/berita/")
    assert "Lebih dari 30 berita" in first.text
    assert "Halaman 1</li>" in first.text
    assert 'href="?page=2" rel="next"' in first.text
    last = client.get("/berita/?page=3")
    assert last.status_code == 200
    assert last.text.count('class="card-title"') == 5
    assert 'rel="next"' not in last.text
    assert 'href="?page=2" rel="prev"' in last.text
    assert client.get("/berita/?page=4").status_code == 404


@pytest.mark.django_db
def test_a_huge_result_pages_no_deeper_than_a_limit(client, monkeypatch):
    monkeypatch.setattr("newsroom.core.pagination.CappedPaginator.COUNT_LIMIT", 20)
    monkeypatch.setattr("newsroom.core.pagination.CappedPaginator.DEPTH_LIMIT", 40)
    ArticleFactory.create_batch(65)
    second = client.get("/berita/?page=2")
    assert second.status_code == 200
    assert 'rel="next"' not in second.text
    assert client.get("/berita/?page=3").status_code == 404


def finder_queries(client, address):
    with CaptureQueriesContext(connection) as context:
        response = client.get(address)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "",
        "agency=kemendagri&from=2020-01-01&to=2030-12-31",
        "q=pemilu",
        "q=pemilu&sort=oldest&topic=pemilu-2024",
        "agency=kemendagri&agency=bawaslu&kind=ministry",
    ],
)
def test_the_finder_runs_a_fixed_number_of_queries_whatever_it_shows(client, agency_tree, query):
    topic = TopicFactory(slug="pemilu-2024")

    def article():
        ArticleFactory(
            title="Pemilu damai",
            lead_agency=agency_tree["ditjen-polpum"],
            agencies=[agency_tree["bawaslu"]],
            topics=[topic],
        )

    article()
    one = finder_queries(client, f"/berita/?{query}")
    for _ in range(24):
        article()
    assert finder_queries(client, f"/berita/?{query}") == one
    assert one <= 10


@pytest.mark.django_db
def test_counts_for_the_current_result_count_an_agency_with_its_sub_agencies(client, agency_tree):
    election = TopicFactory(slug="pemilu-2024", name="Pemilu 2024")
    ArticleFactory(
        lead_agency=agency_tree["ditjen-polpum"],
        agencies=[agency_tree["kemendagri"]],
        topics=[election],
        published_at=timezone.now().replace(year=2023),
    )
    ArticleFactory(
        lead_agency=agency_tree["kemendagri"], published_at=timezone.now().replace(year=2022)
    )
    ArticleFactory(
        lead_agency=agency_tree["bawaslu"], published_at=timezone.now().replace(year=2022)
    )
    text = client.get("/berita/?agency=kemendagri").text
    assert '"kemendagri" checked> Kemendagri <span class="count">(2)</span>' in text
    assert '"ditjen-polpum"> Ditjen Polpum <span class="count">(1)</span>' in text
    assert "bawaslu" not in text.split('class="filters"')[1].split("</form>")[0]
    assert 'Pemilu 2024 <span class="count">(1)</span>' in text
    assert '>2023</a> <span class="count">(1)</span>' in text
    assert '>2022</a> <span class="count">(1)</span>' in text
    assert 'href="?agency=kemendagri&amp;from=2022-01-01&amp;to=2022-12-31"' in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "published_at, year",
    [
        # Jakarta is seven hours ahead of UTC: these are already 2024 there.
        ("2023-12-31T17:00:00+00:00", "2024"),
        ("2023-12-31T16:59:59+00:00", "2023"),
        # Outside the years the counts read off boundaries, the database works the year out.
        ("1998-06-01T00:00:00+00:00", "1998"),
    ],
)
def test_the_year_counts_follow_the_site_time_zone(client, published_at, year):
    ArticleFactory(published_at=datetime.fromisoformat(published_at))
    text = client.get("/berita/").text
    assert f'>{year}</a> <span class="count">(1)</span>' in text


@pytest.mark.django_db
def test_a_result_too_large_to_count_shows_its_choices_without_counts(
    client, monkeypatch, agency_tree
):
    monkeypatch.setattr("newsroom.core.pagination.CappedPaginator.COUNT_LIMIT", 20)
    ArticleFactory.create_batch(21, lead_agency=agency_tree["ditjen-polpum"])
    text = client.get("/berita/").text
    assert 'class="count"' not in text
    # The top of the hierarchy, not every agency.
    assert 'value="kemendagri"' in text
    assert 'value="ditjen-polpum"' not in text
    assert "Persempit hasil untuk melihat jumlah" in text


@pytest.mark.django_db
def test_the_agency_filter_stays_small_with_hundreds_of_agencies(client):
    regency = AgencyFactory(slug="pemkab")
    offices = [AgencyFactory(parent=regency) for _ in range(400)]
    topics = TopicFactory.create_batch(40)
    for index in range(60):
        ArticleFactory(
            title=f"Berita dengan judul yang cukup panjang nomor {index}",
            summary="Ringkasan berita yang juga cukup panjang untuk satu kartu. " * 3,
            lead_agency=offices[index],
            agencies=offices[100 + index : 103 + index],
            topics=topics[:5],
        )
    html = client.get("/berita/?agency=pemkab&from=2000-01-01&q=berita").content
    stylesheet = (settings.BASE_DIR / "static" / "css" / "newsroom.css").read_bytes()
    assert html.count(b'name="agency"') <= 16
    assert len(html) + len(stylesheet) < 100_000


@pytest.mark.django_db
def test_each_filter_in_use_is_a_chip_that_removes_itself(client, agency_tree):
    ArticleFactory(lead_agency=agency_tree["bawaslu"], title="Pengawasan pemilu")
    text = client.get("/berita/?agency=bawaslu&agency=kemendagri&q=pemilu&page=1").text
    assert '<a href="?agency=kemendagri&amp;q=pemilu">Hapus Instansi: Bawaslu</a>' in text
    assert '<a href="?agency=bawaslu&amp;q=pemilu">Hapus Instansi: Kemendagri</a>' in text
    assert '<a href="?agency=bawaslu&amp;agency=kemendagri">Hapus Cari: “pemilu”</a>' in text


@pytest.mark.django_db
def test_an_empty_result_offers_to_remove_each_filter(client, agency_tree):
    ArticleFactory(lead_agency=agency_tree["bawaslu"])
    text = client.get("/berita/?agency=kemendagri&from=2020-01-01").text
    empty = text.split('<div class="empty">')[1]
    assert 'href="?from=2020-01-01">Hapus Instansi: Kemendagri' in empty
    assert 'href="?agency=kemendagri">Hapus Dari:' in empty


@pytest.mark.django_db
def test_a_form_sent_with_empty_fields_goes_to_its_plain_address(client):
    response = client.get("/berita/?q=pemilu&sort=&from=&to=&agency=kpu&event=")
    assert response.status_code == 302
    assert response["Location"] == "/berita/?q=pemilu&agency=kpu"
    assert client.get("/berita/?q=&from=").headers["Location"] == "/berita/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, expected",
    [
        ("", ["newest", "middle", "oldest"]),
        ("sort=newest", ["newest", "middle", "oldest"]),
        ("sort=oldest", ["oldest", "middle", "newest"]),
        ("q=pemilu", ["middle", "newest"]),  # the title match first
        ("q=pemilu&sort=newest", ["newest", "middle"]),
        ("q=pemilu&sort=oldest", ["middle", "newest"]),
    ],
)
def test_the_finder_sorts_newest_oldest_or_by_relevance(client, query, expected):
    now = timezone.now()
    ArticleFactory(title="oldest", published_at=now - timedelta(days=3))
    ArticleFactory(title="middle pemilu", published_at=now - timedelta(days=2))
    ArticleFactory(title="newest", body="<p>pemilu</p>", published_at=now - timedelta(days=1))
    text = client.get(f"/berita/?{query}").text
    titles = re.findall(r'class="card-title"><a href="[^"]+">(\w+)', text)
    assert titles == expected


@pytest.mark.django_db
def test_an_unknown_order_is_refused_with_a_message(client):
    response = client.get("/berita/?sort=random")
    assert response.status_code == 400
    assert "Urutkan" in response.text


@pytest.mark.django_db
def test_search_results_mark_the_words_found_and_escape_the_rest(client):
    ArticleFactory(
        title="<script>alert(1)</script> Pemilu damai",
        summary="Ringkasan tanpa kata itu.",
        body="<p>Awal. " + "kata " * 40 + "menjelang pemilu serentak.</p>",
    )
    text = client.get("/berita/?q=pemilu").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Pemilu</mark> damai" in text
    assert "menjelang <mark>pemilu</mark> serentak. …" in text
    assert "<script>alert" not in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, expected",
    [
        ("kind=ministry", {"Berita kementerian"}),
        ("kind=commission", set()),
        ("", {"Berita kementerian", "Berita dinas"}),
    ],
)
def test_the_kind_filter_reads_the_lead_agency(client, query, expected):
    ministry = AgencyFactory(kind="ministry")
    office = AgencyFactory(kind="regional_office")
    ArticleFactory(title="Berita kementerian", lead_agency=ministry)
    ArticleFactory(title="Berita dinas", lead_agency=office, agencies=[ministry])
    text = client.get(f"/berita/?{query}").text
    assert {title for title in ("Berita kementerian", "Berita dinas") if title in text} == expected


def structured_data(text: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    return json.loads(found.group(1))


@pytest.mark.django_db
def test_the_article_page_tells_machines_and_sharers_what_it_is(client, agency_tree):
    topic = TopicFactory(slug="pemilu-2024", name="Pemilu 2024")
    article = ArticleFactory(
        title="Sosialisasi </script><script>alert(1)</script>",
        summary="Ringkasan.",
        byline="Uswatun Hasanah",
        source_url="https://optika.id/berita",
        lead_agency=agency_tree["ditjen-polpum"],
        topics=[topic],
    )
    text = client.get(article.get_absolute_url()).text
    url = f"http://testserver{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in text
    assert '<meta property="og:type" content="article">' in text
    assert '<meta name="twitter:card" content="summary">' in text
    assert (
        f'<link rel="alternate" hreflang="en" href="http://testserver/en{article.get_absolute_url()}">'
        in text
    )
    data = structured_data(text)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert data["author"] == [{"@type": "Person", "name": "Uswatun Hasanah"}]
    assert data["datePublished"].endswith("+07:00")
    assert data["isBasedOn"] == "https://optika.id/berita"
    assert "<script>alert" not in text
    assert "https://wa.me/?text=Sosialisasi" in text
    assert '<a href="/topik/pemilu-2024/">Pemilu 2024</a>' in text
    assert '<a href="/berita/?agency=ditjen-polpum">Ditjen Polpum</a>' in text  # breadcrumbs


@pytest.mark.django_db
def test_the_article_page_offers_related_news_and_runs_a_fixed_number_of_queries(
    client, agency_tree
):
    topic = TopicFactory()
    article = ArticleFactory(lead_agency=agency_tree["bawaslu"], topics=[topic])
    person = PersonFactory()
    article.people.add(person)
    ArticleFactory(title="Sama topik", topics=[topic])
    ArticleFactory(title="Sama instansi utama", lead_agency=agency_tree["bawaslu"])
    ArticleFactory(title="Hanya menyebut", agencies=[agency_tree["bawaslu"]])
    ArticleFactory(title="Belum terbit", topics=[topic], status="draft", published_at=None)
    with CaptureQueriesContext(connection) as context:
        text = client.get(article.get_absolute_url()).text
    related = text.split('id="related-heading"')[1]
    assert "Sama topik" in related
    assert "Sama instansi utama" in related
    assert "Hanya menyebut" not in related
    assert "Belum terbit" not in related
    assert len(context.captured_queries) <= 10
    for _ in range(3):
        ArticleFactory(lead_agency=agency_tree["bawaslu"], agencies=[agency_tree["kemendagri"]])
    assert finder_queries(client, article.get_absolute_url()) == len(context.captured_queries)


@pytest.mark.django_db
def test_the_topic_page_gathers_its_news_and_events(client):
    topic = TopicFactory(name="Stunting", slug="stunting", description="Gizi anak.")
    ArticleFactory(title="Posyandu aktif", topics=[topic])
    ArticleFactory(title="Berita lain")
    EventFactory(title="Rapat stunting", topics=[topic])
    EventFactory(title="Rapat lalu", topics=[topic], starts_at=timezone.now() - timedelta(days=9))
    response = client.get("/topik/stunting/")
    assert response.status_code == 200
    for shown in ("Stunting", "Gizi anak.", "Posyandu aktif", "Rapat stunting", "Rapat lalu"):
        assert shown in response.text
    assert "Berita lain" not in response.text
    assert client.get("/topik/tidak-ada/").status_code == 404


@pytest.mark.django_db
def test_english_lives_under_en_and_the_switch_is_plain_links(client):
    article = ArticleFactory()
    english = client.get("/en/berita/?q=berita")
    assert english.status_code == 200
    assert '<html lang="en">' in english.text
    assert "<h1>News</h1>" in english.text
    assert (
        '<a href="/berita/?q=berita" hreflang="id" lang="id">Bahasa Indonesia</a>' in english.text
    )
    indonesian = client.get("/berita/", headers={"accept-language": "en"})
    assert '<html lang="id">' in indonesian.text
    assert '<a href="/en/berita/" hreflang="en" lang="en">English</a>' in indonesian.text
    assert f'href="/en{article.get_absolute_url()}"' in english.text
    assert not english.cookies
    assert not indonesian.cookies


@pytest.mark.django_db
def test_the_topic_page_runs_a_fixed_number_of_queries(client, agency_tree):
    topic = TopicFactory(slug="pemilu-2024")

    def news():
        ArticleFactory(topics=[topic], lead_agency=agency_tree["bawaslu"])
        EventFactory(topics=[topic], organiser=agency_tree["bawaslu"])

    news()
    one = finder_queries(client, "/topik/pemilu-2024/")
    for _ in range(5):
        news()
    assert finder_queries(client, "/topik/pemilu-2024/") == one
    assert one <= 10
