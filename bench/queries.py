"""Print, as JSON, how many SQL queries each address runs when rendered without the page cache.

    python bench/queries.py ADDRESS…            {address: {"status", "queries"}}
    python bench/queries.py --plans ADDRESS…    and on PostgreSQL, "sequential_reads": for each
                                                large table that a query of the page read by a
                                                sequential scan rather than an index, how many
                                                rows it read

With --plans every query the page ran is run again under EXPLAIN ANALYZE as it was sent, so the
check covers what the pages do (the finder's count and facets, related news, prefetches, the
API's serializers), not a copy of their querysets, and says how far a scan went: one that stops
at a LIMIT after a few rows differs from one that reads the table whole.
"""

import json
import sys

import django
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment

django.setup()
setup_test_environment()
from django.conf import settings  # noqa: E402

# Tables small enough that reading them whole is the right plan.
SMALL_TABLES = {"agencies_agency", "articles_topic", "agencies_person", "agencies_role"}


def plan_nodes(node):
    yield node
    for child in node.get("Plans", []):
        yield from plan_nodes(child)


def sequential_reads(captured) -> dict[str, int]:
    """For each large table read by a sequential scan, the rows the scans read in all."""
    reads = {}
    with connection.cursor() as cursor:
        for query in captured:
            if not query["sql"].lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query["sql"])
            (plan,) = cursor.fetchone()[0]
            for node in plan_nodes(plan["Plan"]):
                table = node.get("Relation Name")
                if node["Node Type"] == "Seq Scan" and table not in SMALL_TABLES:
                    rows = node["Actual Rows"] + node.get("Rows Removed by Filter", 0)
                    reads[table] = reads.get(table, 0) + rows * node["Actual Loops"]
    return reads


explain = sys.argv[1:2] == ["--plans"] and connection.vendor == "postgresql"
addresses = [argument for argument in sys.argv[1:] if argument != "--plans"]
settings.PAGE_CACHE_ENABLED = False
client = Client()
counts = {}
for address in addresses:
    with CaptureQueriesContext(connection) as context:
        status = client.get(address).status_code
    counts[address] = {"status": status, "queries": len(context.captured_queries)}
    if explain:
        counts[address]["sequential_reads"] = sequential_reads(context.captured_queries)
print(json.dumps(counts))
