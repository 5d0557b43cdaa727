"""Property-based tests of every public address: whatever a reader or a robot sends, the answer
is a page, a redirect, a clear 400 or a 404 — never a server error, never a traceback, never
more queries than a page may run, nor a query slower than its budget.
"""

import re
import time
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

# What a page may cost: the queries of the most expensive page (the finder with every filter
# and its counts), and how long one statement may take on this small database.
QUERY_BUDGET = 10
STATEMENT_BUDGET_SECONDS = 1.0
ANSWERS = {200, 301, 302, 304, 400, 404}

# Each public list, with the parameters it reads.
ARTICLE_FILTERS = ["agency", "kind", "from", "to", "year", "topic", "person", "event", "q", "sort"]
EVENT_FILTERS = ["when", "agency", "kind", "from", "to", "attendance", "topic"]
LISTS = {
    "/": [],
    "/berita/": [*ARTICLE_FILTERS, "page"],
    "/en/berita/": [*ARTICLE_FILTERS, "page"],
    "/berita/rss.xml": ARTICLE_FILTERS,
    "/berita/atom.xml": ARTICLE_FILTERS,
    "/instansi/": [],
    "/agenda/": [*EVENT_FILTERS, "page"],
    "/agenda/bulan/": [*EVENT_FILTERS, "month"],
    "/agenda/kalender.ics": EVENT_FILTERS,
    "/sitemap-articles.xml": ["p"],
    "/api/v1/articles/": [*ARTICLE_FILTERS, "page", "page_size"],
    "/api/v1/events/": [*EVENT_FILTERS, "page", "page_size"],
    "/api/v1/agencies/": ["page", "page_size"],
    "/api/v1/people/": ["page", "page_size"],
    "/api/v1/topics/": ["page", "page_size"],
}
# Each address with a path segment of its own.
DETAILS = [
    "/berita/{}/",
    "/instansi/{}/",
    "/agenda/{}/",
    "/agenda/{}/kalender.ics",
    "/topik/{}/",
    "/tokoh/{}/",
    "/en/berita/{}/",
    "/api/v1/articles/{}/",
    "/api/v1/agencies/{}/",
    "/api/v1/events/{}/",
    "/api/v1/people/{}/",
    "/api/v1/topics/{}/",
    "/sitemap-{}.xml",
    "/pratinjau/{}/",
]
REAL_SLUGS = [
    "kemendagri",
    "bawaslu",
    "ditjen-polpum",
    "pemkab-indramayu",
    "pemilu-2024",
    "kemendagri-sosialisasi-indeks-kerawanan-pemilu-2024",
]

# What attackers and broken clients send: injections, formats almost right, huge numbers,
# control characters, other scripts, and the odd real value.
NASTY = [
    "' OR 1=1 --",
    '"><script>alert(1)</script>',
    "../../etc/passwd",
    "%00",
    "\x00",
    "\u202e\u200b",
    "2023-13-45",
    "2023-02-29",
    "0000-00-00",
    "9999-12-31",
    "-1",
    "0",
    "1e308",
    "99999999999999999999999999",
    "NaN",
    "*",
    "%",
    "_",
    "\\",
    "{{ settings.SECRET_KEY }}",
    "${jndi:ldap://x}",
    "ﷺ" * 40,
    "a" * 5000,
    "kerawanan pemilu",
    '"kerawanan pemilu" -bawaslu',
    "newest",
    "upcoming",
    "online",
    "ministry",
    "2023-01",
    "2023",
    *REAL_SLUGS,
]
values = st.one_of(st.sampled_from(NASTY), st.text(max_size=60), st.integers().map(str))


def slug_like():
    return st.one_of(
        st.sampled_from(REAL_SLUGS + NASTY),
        st.text(max_size=80),
        st.from_regex(r"[a-z0-9-]{1,60}", fullmatch=True),
    )


def parameters(names):
    # Known names and unknown ones, each possibly repeated.
    return st.lists(
        st.tuples(st.sampled_from([*names, "utm_source", "page[0]", ""]), values), max_size=6
    )


@pytest.fixture
def site(db):
    call_command("loaddata", settings.BASE_DIR / "fixtures" / "newsroom.json", verbosity=0)


class StatementTimer:
    """Each SQL statement a request runs, with how long it took."""

    def __init__(self):
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.statements.append((time.perf_counter() - started, sql))


def check_answer(client, address):
    timer = StatementTimer()
    with connection.execute_wrapper(timer):
        response = client.get(address)
    assert response.status_code in ANSWERS, f"{address} answered {response.status_code}"
    body = response.content
    assert b"Traceback" not in body, address
    assert not re.search(rb"(?i)(psycopg|sqlite3?\.|OperationalError|ProgrammingError)", body)
    assert len(timer.statements) <= QUERY_BUDGET, (address, [sql for _, sql in timer.statements])
    slowest = max((seconds for seconds, _ in timer.statements), default=0)
    assert slowest < STATEMENT_BUDGET_SECONDS, address


FUZZ = hypothesis_settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)


@pytest.mark.django_db
@pytest.mark.parametrize("address", LISTS)
def test_list_parameters(site, address):
    client = Client()

    @FUZZ
    @given(query=parameters(LISTS[address]))
    def fuzz(query):
        check_answer(client, f"{address}?{urlencode(query)}")

    fuzz()


@pytest.mark.django_db
@pytest.mark.parametrize("pattern", DETAILS)
def test_path_segments(site, pattern):
    client = Client()

    @FUZZ
    @given(segment=slug_like())
    def fuzz(segment):
        check_answer(client, pattern.format(quote(segment, safe="")))

    fuzz()


@pytest.mark.django_db
@given(path=st.lists(st.one_of(slug_like(), st.sampled_from(["berita", "en", "api", "v1"]))))
@FUZZ
def test_any_address(site, client, path):
    check_answer(client, "/" + "/".join(quote(part, safe="") for part in path))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header, value",
    [
        ("HTTP_ACCEPT_LANGUAGE", "xx-YY;q=abc, ,;;"),
        ("HTTP_IF_NONE_MATCH", '"' + "x" * 3000),
        ("HTTP_IF_MODIFIED_SINCE", "Tuesday, 45-Foo-2023 99:99:99 GMT"),
        ("HTTP_COOKIE", "sessionid=' OR 1=1; csrftoken=\x7f"),
        ("HTTP_RANGE", "bytes=-999999999999"),
        ("HTTP_X_FORWARDED_FOR", "<script>"),
    ],
)
@pytest.mark.parametrize("address", ["/", "/berita/", "/api/v1/articles/", "/berita/rss.xml"])
def test_odd_headers(site, header, value, address):
    response = Client().get(address, **{header: value})
    assert response.status_code in ANSWERS
    assert b"Traceback" not in response.content
