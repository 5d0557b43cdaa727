"""Print, as JSON, how many SQL queries each address runs when rendered without the cache."""

import json
import sys

import django
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment

django.setup()
setup_test_environment()
from django.conf import settings  # noqa: E402

settings.PAGE_CACHE_ENABLED = False
client = Client()
counts = {}
for address in sys.argv[1:]:
    with CaptureQueriesContext(connection) as context:
        status = client.get(address).status_code
    counts[address] = {"status": status, "queries": len(context.captured_queries)}
print(json.dumps(counts))
