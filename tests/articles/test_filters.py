from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.http import QueryDict

from newsroom.articles.filters import ArticleFilter
from newsroom.articles.models import Article, Topic
from newsroom.core.filters import nothing_chosen
from tests.factories import ArticleFactory, EventFactory, PersonFactory, TopicFactory

WIB = ZoneInfo("Asia/Jakarta")


def filtered(query: str):
    filterset = ArticleFilter(QueryDict(query), queryset=Article.objects.published())
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs.values_list("slug", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, expected",
    [
        ("agency=kemendagri", {"polpum-news", "kemendagri-news"}),
        ("agency=ditjen-polpum", {"polpum-news"}),
        ("agency=pemkab-indramayu", {"tapem-news", "regency-news"}),
        ("agency=setda-indramayu", {"tapem-news"}),
        ("agency=bawaslu", {"bawaslu-news"}),
        ("agency=bawaslu&agency=ditjen-polpum", {"bawaslu-news", "polpum-news"}),
        ("", {"polpum-news", "kemendagri-news", "tapem-news", "regency-news", "bawaslu-news"}),
    ],
)
def test_an_agency_includes_its_sub_agencies(agency_tree, query, expected):
    ArticleFactory(slug="polpum-news", lead_agency=agency_tree["ditjen-polpum"])
    ArticleFactory(slug="kemendagri-news", agencies=[agency_tree["kemendagri"]])
    ArticleFactory(slug="tapem-news", agencies=[agency_tree["tapem-setda-indramayu"]])
    ArticleFactory(slug="regency-news", lead_agency=agency_tree["pemkab-indramayu"])
    ArticleFactory(slug="bawaslu-news", agencies=[agency_tree["bawaslu"]])
    assert filtered(query) == expected


@pytest.mark.django_db
def test_an_article_linked_to_an_agency_and_its_parent_is_listed_once(agency_tree):
    ArticleFactory(
        slug="both",
        lead_agency=agency_tree["ditjen-polpum"],
        agencies=[agency_tree["kemendagri"]],
    )
    filterset = ArticleFilter(QueryDict("agency=kemendagri"), queryset=Article.objects.all())
    assert list(filterset.qs.values_list("slug", flat=True)) == ["both"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, expected",
    [
        # 23:30 WIB on 31 January is 16:30 UTC; 00:30 WIB on 1 February is 17:30 UTC the day
        # before: only the site's time zone tells them apart.
        ("from=2023-01-31&to=2023-01-31", {"late-31-jan"}),
        ("from=2023-02-01&to=2023-02-01", {"early-1-feb"}),
        ("from=2023-02-01", {"early-1-feb", "march"}),
        ("to=2023-01-31", {"late-31-jan", "december"}),
        ("from=2023-01-01&to=2023-02-28", {"late-31-jan", "early-1-feb"}),
        ("from=2022-12-27&to=2022-12-27", {"december"}),
    ],
)
def test_the_date_range_is_inclusive_in_jakarta_time(db, query, expected):
    ArticleFactory(slug="december", published_at=datetime(2022, 12, 27, 14, 8, tzinfo=WIB))
    ArticleFactory(slug="late-31-jan", published_at=datetime(2023, 1, 31, 23, 30, tzinfo=WIB))
    ArticleFactory(slug="early-1-feb", published_at=datetime(2023, 2, 1, 0, 30, tzinfo=WIB))
    ArticleFactory(slug="march", published_at=datetime(2023, 3, 1, 9, 0, tzinfo=WIB))
    assert filtered(query) == expected


@pytest.mark.django_db
def test_topic_event_and_text_filters(db):
    election, hazard = TopicFactory(slug="pemilu-2024"), TopicFactory(slug="ikp")
    webinar = EventFactory(slug="webinar-ikp")
    ArticleFactory(slug="one", title="Sosialisasi kerawanan", topics=[election, hazard])
    ArticleFactory(slug="two", summary="Webinar tentang pemilu", topics=[election])
    ArticleFactory(slug="three", body="<p>Rapat koordinasi</p>", events=[webinar])
    assert filtered("topic=pemilu-2024") == {"one", "two"}
    assert filtered("topic=ikp") == {"one"}
    assert filtered("topic=ikp&topic=pemilu-2024") == {"one", "two"}
    assert filtered("event=webinar-ikp") == {"three"}
    assert filtered("q=kerawanan") == {"one"}
    assert filtered("q=WEBINAR") == {"two"}
    assert filtered("q=koordinasi") == {"three"}
    assert filtered("q=kerawanan&topic=pemilu-2024") == {"one"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, field",
    [
        ("from=2023-13-45", "from"),
        ("to=kemarin", "to"),
        ("agency=does-not-exist", "agency"),
        ("topic=nope", "topic"),
        ("event=nope", "event"),
        ("q=" + "x" * 201, "q"),
        ("from=2023-02-01&to=2023-01-01", "__all__"),
    ],
)
def test_bad_filters_are_reported_on_their_field(db, query, field):
    filterset = ArticleFilter(QueryDict(query), queryset=Article.objects.all())
    assert not filterset.is_valid()
    assert list(filterset.errors) == [field]


@pytest.mark.django_db
def test_an_unpublished_event_cannot_be_used_as_a_filter(db):
    EventFactory(slug="rapat-rahasia", status="draft", published_at=None)
    filterset = ArticleFilter(QueryDict("event=rapat-rahasia"), queryset=Article.objects.all())
    assert not filterset.is_valid()


@pytest.mark.django_db
def test_people_filter_the_news_that_mentions_any_of_them_each_once():
    minister, regent, other = (
        PersonFactory(slug="tito"),
        PersonFactory(slug="nina"),
        PersonFactory(),
    )
    both = ArticleFactory(slug="both")
    both.people.set([minister, regent])
    ArticleFactory(slug="minister").people.set([minister])
    ArticleFactory(slug="other").people.set([other])
    assert filtered("person=tito") == {"both", "minister"}
    filterset = ArticleFilter(QueryDict("person=tito&person=nina"), queryset=Article.objects.all())
    assert sorted(filterset.qs.values_list("slug", flat=True)) == ["both", "minister"]


@pytest.mark.django_db
def test_an_empty_choice_is_told_without_a_query(django_assert_num_queries, monkeypatch):
    """A filter left empty is cleaned to an empty QuerySet: a truth test would compile it."""
    from django.db.models.sql.compiler import SQLCompiler

    compiled = []
    original = SQLCompiler.as_sql
    monkeypatch.setattr(
        SQLCompiler,
        "as_sql",
        lambda self, *args, **kwargs: compiled.append(self) or original(self, *args, **kwargs),
    )
    assert nothing_chosen(Topic.objects.none())
    assert all(nothing_chosen(value) for value in ([], None, ""))
    assert not compiled
    TopicFactory()
    with django_assert_num_queries(1):
        assert not nothing_chosen(Topic.objects.all())
