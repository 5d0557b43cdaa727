"""Print, as JSON, the PostgreSQL plan of each finder query and whether it scans a whole table.

Each scenario is the query the finder runs for a page of results, built through the same
FilterSet as the page, plus the query that counts its results.
"""

import json
import re
import sys

import django

django.setup()
from django.http import QueryDict  # noqa: E402

from newsroom.articles.filters import ArticleFilter  # noqa: E402
from newsroom.articles.models import Article  # noqa: E402
from newsroom.core.pagination import CappedPaginator  # noqa: E402

FULL_SCANS = re.compile(r"Seq Scan on (articles_\w+|events_\w+|agencies_\w+)")
# Tables small enough that reading them whole is the right plan.
SMALL_TABLES = {"agencies_agency", "articles_topic", "agencies_person", "agencies_role"}

results = {}
for query in sys.argv[1:]:
    filterset = ArticleFilter(QueryDict(query), queryset=Article.objects.published())
    if not filterset.is_valid():
        results[query] = {"error": filterset.errors.get_json_data()}
        continue
    queryset = filterset.qs
    page = queryset.values("pk")[:20]
    count = queryset.values("pk")[: CappedPaginator.COUNT_LIMIT + 1]
    plans = {"page": page.explain(), "count": count.explain()}
    scans = sorted(
        {table for plan in plans.values() for table in FULL_SCANS.findall(plan)} - SMALL_TABLES
    )
    results[query] = {"full_scans": scans, "plans": plans}
print(json.dumps(results))
