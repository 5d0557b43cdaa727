"""How many of the finder's results fall under each agency, topic and year, in one query.

Counted only over a result of at most CappedPaginator.COUNT_LIMIT articles, so a request never
reads more than that many rows for them: a larger result shows its options without counts.
"""

from dataclasses import dataclass, field

from django.db import connections
from django.db.models.functions import ExtractYear

from newsroom.agencies.models import Agency
from newsroom.articles.models import Article, ArticleAgency


@dataclass
class FacetCounts:
    agencies: dict[int, int] = field(default_factory=dict)
    topics: dict[int, int] = field(default_factory=dict)
    years: dict[int, int] = field(default_factory=dict)


def news_facet_counts(result) -> FacetCounts:
    """Articles of the result under each agency (its sub-agencies' articles included, each
    article once), each topic and each year of publication (in the site's time zone).

    One statement: the result is a common table expression read three times; the agencies'
    ancestry is walked by a recursive one, so an article of Ditjen Polpum counts for
    Kemendagri too.
    """
    connection = connections[result.db]
    quote = connection.ops.quote_name
    result_sql, result_params = (
        result.order_by()
        .annotate(year=ExtractYear("published_at"))
        .values("pk", "year")
        .query.get_compiler(connection=connection)
        .as_sql()
    )
    agency, links = quote(Agency._meta.db_table), quote(ArticleAgency._meta.db_table)
    topics = Article.topics.through
    topic_links = quote(topics._meta.db_table)
    topic_article = quote(topics._meta.get_field("article").column)
    topic_topic = quote(topics._meta.get_field("topic").column)
    # Only names from the models' metadata go into the text; values go as parameters.
    sql = f"""
        WITH RECURSIVE ancestry (agency_id, ancestor_id) AS (
            SELECT id, id FROM {agency}
            UNION ALL
            SELECT ancestry.agency_id, {agency}.parent_id
            FROM ancestry JOIN {agency} ON {agency}.id = ancestry.ancestor_id
            WHERE {agency}.parent_id IS NOT NULL
        ),
        result (id, year) AS ({result_sql})
        SELECT 'agency', ancestry.ancestor_id, COUNT(DISTINCT {links}.article_id)
        FROM {links} JOIN ancestry ON ancestry.agency_id = {links}.agency_id
        WHERE {links}.article_id IN (SELECT id FROM result)
        GROUP BY ancestry.ancestor_id
        UNION ALL
        SELECT 'topic', {topic_topic}, COUNT(*) FROM {topic_links}
        WHERE {topic_article} IN (SELECT id FROM result)
        GROUP BY {topic_topic}
        UNION ALL
        SELECT 'year', year, COUNT(*) FROM result GROUP BY year
    """  # noqa: S608
    counts = FacetCounts()
    facets = {"agency": counts.agencies, "topic": counts.topics, "year": counts.years}
    with connection.cursor() as cursor:
        cursor.execute(sql, result_params)
        for facet, key, count in cursor.fetchall():
            facets[facet][int(key)] = count
    return counts
