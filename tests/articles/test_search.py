"""Full-text search: the database's own engine (PostgreSQL's indonesian configuration, SQLite's
FTS5), chosen in one place, kept in step by the database, ranked within a bound."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.articles.models import Article
from newsroom.articles.search import PostgreSQLSearch, SQLiteSearch, search_backend
from tests.factories import ArticleFactory


def found(text: str) -> list[str]:
    return list(Article.objects.published().search(text).values_list("slug", flat=True))


def ranked(text: str, *, limit: int = 100) -> list[str]:
    matches = Article.objects.published().search(text)
    return [article.slug for article in matches.by_relevance(text, ranked=limit).rows(0, 100)]


@pytest.mark.django_db
def test_kerawanan_pemilu_finds_the_optika_article_first():
    call_command("loaddata", settings.BASE_DIR / "fixtures" / "newsroom.json", verbosity=0)
    first = Article.objects.get(slug=ranked("kerawanan pemilu")[0])
    assert first.source_outlet == "Optika.id"


@pytest.mark.django_db
def test_one_function_chooses_the_engine_of_the_database():
    expected = {"postgresql": PostgreSQLSearch, "sqlite": SQLiteSearch}[connection.vendor]
    assert isinstance(search_backend("pemilu"), expected)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text, expected",
    [
        ("pemilu", {"title", "summary", "body"}),
        ("PEMILU", {"title", "summary", "body"}),
        ("pemilu serentak", {"title"}),
        ("tidak-ada-di-mana-pun", set()),
    ],
)
def test_title_summary_and_body_are_searched(text, expected):
    ArticleFactory(slug="title", title="Pemilu serentak 2024")
    ArticleFactory(slug="summary", summary="Persiapan pemilu di desa.")
    ArticleFactory(slug="body", body="<p>Warga datang ke TPS saat <strong>pemilu</strong>.</p>")
    ArticleFactory(slug="other", title="Stunting", body="<p>Posyandu.</p>")
    assert set(found(text)) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        '"',
        "'",
        'pemilu"',
        "-",
        "*",
        "OR",
        "AND NOT",
        "NEAR(a b)",
        "a:b",
        "(",
        ")",
        "^",
        "!!!",
        "  ",
        "kerawanan OR",
        '"pemilu',
        "x" * 200,
        "pemilu; DROP TABLE articles_article",
    ],
)
def test_any_text_is_a_search_never_an_error(text):
    ArticleFactory(title="Pemilu 2024")
    assert isinstance(found(text), list)
    assert isinstance(ranked(text), list)


@pytest.mark.django_db
def test_the_index_follows_every_change_without_python():
    article = ArticleFactory(title="Rapat koordinasi")
    assert found("koordinasi") == [article.slug]
    Article.objects.filter(pk=article.pk).update(title="Apel siaga bencana")
    assert found("koordinasi") == []
    assert found("bencana") == [article.slug]
    Article.objects.filter(pk=article.pk).delete()
    assert found("bencana") == []


@pytest.mark.django_db
def test_a_match_in_the_title_ranks_above_one_in_the_body():
    ArticleFactory(slug="body", body="<p>Tahapan pemilu dibahas panjang.</p>", title="Rapat")
    ArticleFactory(slug="title", title="Tahapan pemilu", body="<p>Rapat.</p>")
    assert ranked("tahapan pemilu") == ["title", "body"]


@pytest.mark.django_db
def test_ranking_reads_only_the_newest_matches_within_its_bound_and_the_older_follow():
    now = timezone.now()
    ArticleFactory(slug="best-but-old", title="Pemilu", published_at=now - timedelta(days=3))
    ArticleFactory(slug="old", body="<p>pemilu</p>", published_at=now - timedelta(days=2))
    ArticleFactory(slug="newer", body="<p>pemilu</p>", published_at=now - timedelta(days=1))
    ArticleFactory(slug="newest", title="Pemilu", published_at=now)
    assert ranked("pemilu", limit=2) == ["newest", "newer", "old", "best-but-old"]
    assert ranked("pemilu", limit=4) == ["newest", "best-but-old", "newer", "old"]


@pytest.mark.django_db
def test_equal_ranks_stay_newest_first_and_a_ranked_page_takes_two_queries():
    now = timezone.now()
    for days, slug in [(2, "old"), (0, "newest"), (1, "newer")]:
        ArticleFactory(slug=slug, title="Pemilu", published_at=now - timedelta(days=days))
    ArticleFactory(
        slug="best", title="Pemilu pemilu", summary="Pemilu.", published_at=now - timedelta(days=3)
    )
    matches = Article.objects.published().search("pemilu").by_relevance("pemilu", ranked=10)
    with CaptureQueriesContext(connection) as context:
        page = matches.rows(0, 3)
    # The newest matches with their ranks (on SQLite, their ids and then their ranks), then
    # the page's rows by id.
    assert len(context.captured_queries) == (2 if connection.vendor == "postgresql" else 3)
    assert [article.slug for article in page] == ["best", "newest", "newer"]
    assert matches.ids_up_to(2) == [
        article.pk
        for article in Article.objects.filter(slug__in=["newest", "newer", "old"]).order_by(
            "-published_at"
        )
    ]


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 only")
def test_sqlite_runs_a_search_once_not_once_for_each_article():
    for days in range(3):
        ArticleFactory(title="Koordinasi anggaran", published_at=timezone.now() - timedelta(days))
    matches = Article.objects.published().search("koordinasi").by_relevance("koordinasi", ranked=10)
    with CaptureQueriesContext(connection) as context:
        assert len(matches.rows(0, 3)) == 3
    ranking = [query["sql"] for query in context.captured_queries if "bm25(" in query["sql"]]
    assert ranking
    for sql in ranking:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")  # the SQL as run, parameters inlined
            steps = [row[-1] for row in cursor.fetchall()]
        # "INDEX 0:=M…": the FTS5 table looked up by rowid with the search, once per article
        # (a search of two common words at 100,000 articles took 18 s so).
        assert not [step for step in steps if "VIRTUAL TABLE INDEX 0:=" in step], steps


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_stems_indonesian_words():
    ArticleFactory(slug="kerawanan", title="Indeks kerawanan pemilu")
    assert found("rawan") == ["kerawanan"]
    assert found('"indeks kerawanan"') == ["kerawanan"]
    assert found("kerawanan -pemilu") == []
    ArticleFactory(slug="marked-up", body="<p><strong>Tegas</strong></p>")
    assert found("strong") == []  # its parser reads tags as tags (SQLite's FTS5 does not)


@pytest.mark.django_db
def test_sqlite_matches_words_by_their_beginning():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's FTS5 only")
    ArticleFactory(slug="kerawanan", title="Indeks kerawanan pemilu")
    assert found("keraw") == ["kerawanan"]
