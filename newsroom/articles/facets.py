"""How many of the finder's results there are, and how many fall under each agency, topic and
year.

The result is counted first, up to CappedPaginator.COUNT_LIMIT + 1 rows: when it is longer, the
finder shows its choices without numbers, and nothing more is read. So a request never reads
more than that many rows for them, however many articles match.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import connections
from django.db.models import Case, QuerySet, Value, When
from django.db.models.functions import ExtractYear
from django.utils import timezone

from newsroom.agencies.models import agency_ancestry
from newsroom.articles.models import Article, ArticleAgency
from newsroom.core.pagination import count_up_to


@dataclass
class FacetCounts:
    total: int  # the length of the result, counted up to the limit and one more
    agencies: dict[int, int] = field(default_factory=dict)
    topics: dict[int, int] = field(default_factory=dict)
    years: dict[int, int] = field(default_factory=dict)


def news_facet_counts(result, *, limit: int) -> FacetCounts:
    """The length of the result (up to limit + 1) and, when it is at most `limit`, how many
    of its articles are under each agency (its sub-agencies' articles included, each article
    once), each topic and each year of publication (in the site's time zone), in one statement.
    The result is a QuerySet, or reads its ids (RankedFirst, AgencyNews: see CappedPaginator):
    the statement then counts among those ids.

    The agencies' ancestry comes as a list of pairs (agency, itself or an ancestor), so the
    database knows its size and plans the statement as the small thing it is.
    """
    if isinstance(result, QuerySet):
        ids, total = None, count_up_to(result, limit)
    else:
        ids = result.ids_up_to(limit)
        total = len(ids)
    if total > limit:
        # The counts would not be shown; the statement and the ancestry cost more than the
        # count (2.6 ms at a million articles).
        return FacetCounts(total=total)
    connection = connections[result.db]
    quote = connection.ops.quote_name
    if ids is None:
        result_sql, result_params = (
            result.order_by().values("pk").query.get_compiler(connection=connection).as_sql()
        )
    else:
        # No article has the id 0: it stands in for an empty result, which VALUES cannot be.
        result_sql, result_params = "VALUES " + ", ".join(f"({int(pk)})" for pk in ids or [0]), ()
    articles = Article.objects.all().query
    year_sql, year_params = articles.get_compiler(connection=connection).compile(
        publication_year(connection.vendor).resolve_expression(articles)
    )
    # SQLite would look up the links by the result's articles and, for each, read the whole
    # ancestry: the unary plus makes it read each agency's links by the agency index instead.
    # (PostgreSQL plans this statement well as it is.)
    linked_article = "+" if connection.vendor == "sqlite" else ""
    # No agency has the id 0: the pair stands in for an empty directory, which VALUES cannot be.
    ancestry = agency_ancestry() or [(0, 0)]
    article_table, links = quote(Article._meta.db_table), quote(ArticleAgency._meta.db_table)
    topics = Article.topics.through
    topic_links = quote(topics._meta.db_table)
    topic_article = quote(topics._meta.get_field("article").column)
    topic_topic = quote(topics._meta.get_field("topic").column)
    # The ids go into the text as integers (the result's too): hundreds of pairs as parameters
    # cost the driver more to bind (4 ms a request with psycopg) than the statement takes.
    pairs = ", ".join(f"({int(agency)}, {int(ancestor)})" for agency, ancestor in ancestry)
    # Otherwise only names from the models' metadata go into the text; values go as parameters.
    sql = f"""
        WITH ancestry (agency_id, ancestor_id) AS (VALUES {pairs}),
        result (id) AS ({result_sql})
        SELECT 'agency', ancestry.ancestor_id, COUNT(DISTINCT {links}.article_id)
        FROM {links} JOIN ancestry ON ancestry.agency_id = {links}.agency_id
        WHERE {linked_article}{links}.article_id IN (SELECT id FROM result)
        GROUP BY ancestry.ancestor_id
        UNION ALL
        SELECT 'topic', {topic_topic}, COUNT(*) FROM {topic_links}
        WHERE {topic_article} IN (SELECT id FROM result)
        GROUP BY {topic_topic}
        UNION ALL
        SELECT 'year', {year_sql}, COUNT(*) FROM {article_table}
        WHERE {article_table}.id IN (SELECT id FROM result)
        GROUP BY 2
    """  # noqa: S608
    counts = FacetCounts(total=total)
    found = {"agency": counts.agencies, "topic": counts.topics, "year": counts.years}
    with connection.cursor() as cursor:
        cursor.execute(sql, [*result_params, *year_params])
        for facet, key, count in cursor.fetchall():
            found[facet][int(key)] = count
    return counts


def publication_year(vendor: str):
    """The year of publication in the site's time zone. SQLite works out a year by calling
    back into Python for each row, so there it is read off the boundaries of the years since
    2000 (computed here, DST and all) and the callback is left for the rare article outside them."""
    if vendor != "sqlite":
        return ExtractYear("published_at")
    zone = timezone.get_current_timezone()
    newest = timezone.localdate().year + 1
    later = When(
        published_at__gte=datetime(newest + 1, 1, 1, tzinfo=zone), then=ExtractYear("published_at")
    )
    return Case(
        later,
        *(
            When(published_at__gte=datetime(year, 1, 1, tzinfo=zone), then=Value(year))
            for year in range(newest, 1999, -1)
        ),
        default=ExtractYear("published_at"),
    )
