"""How fast the distribution surfaces answer, beside a baseline measured in the same run.

    .venv/bin/python bench/distribution.py [ARTICLES]

Builds a throw-away SQLite database with ARTICLES published articles (default 5000), each linked
to agencies and a topic, and events, then times each surface in process with Django's test
client: the median of repeated requests, and the number of SQL queries of one request. The
baseline is /robots.txt, a template with no query: what Django costs before any work.
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["NEWSROOM_VAR_DIR"] = tempfile.mkdtemp(prefix="newsroom-bench-")
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret-" + "a1b2c3d4" * 4)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.pop("DATABASE_URL", None)

import django
from django.conf import settings

django.setup()
# No collectstatic here: templates name the static files as they are, as in the tests.
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from newsroom.agencies.models import Agency  # noqa: E402
from newsroom.articles.models import Article, ArticleAgency, Topic  # noqa: E402
from newsroom.core.models import Status  # noqa: E402
from newsroom.events.models import Event, EventAgency  # noqa: E402

SURFACES = [
    "/robots.txt",
    "/berita/",
    "/berita/?agency=induk&topic=topik-1",
    "/berita/rss.xml",
    "/berita/atom.xml?agency=induk&topic=topik-1",
    "/api/v1/articles/",
    "/api/v1/articles/?agency=induk&topic=topik-1",
    "/api/v1/articles/?page_size=100",
    "/api/v1/events/?when=upcoming",
    "/api/v1/agencies/?page_size=100",
    "/agenda/kalender.ics",
    "/sitemap.xml",
    "/sitemap-articles.xml",
]


def populate(count: int) -> None:
    call_command("migrate", verbosity=0)
    parent = Agency.objects.create(name="Induk", slug="induk", kind="ministry", level="national")
    agencies = [parent] + [
        Agency.objects.create(
            name=f"Dinas {n}", slug=f"dinas-{n}", kind="regional_office", level="regency",
            parent=parent if n % 2 else None,
        )
        for n in range(50)
    ]  # fmt: skip
    topics = [Topic.objects.create(name=f"Topik {n}", slug=f"topik-{n}") for n in range(20)]
    now = timezone.now()
    articles = Article.objects.bulk_create(
        Article(
            title=f"Berita {n}", slug=f"berita-{n}", summary="Ringkasan.", body="<p>Isi.</p>" * 20,
            status=Status.PUBLISHED, published_at=now - timedelta(hours=n),
        )
        for n in range(count)
    )  # fmt: skip
    ArticleAgency.objects.bulk_create(
        ArticleAgency(article=article, agency=agencies[n % len(agencies)], role="lead")
        for n, article in enumerate(articles)
    )
    Article.topics.through.objects.bulk_create(
        Article.topics.through(article=article, topic=topics[n % len(topics)])
        for n, article in enumerate(articles)
    )
    events = Event.objects.bulk_create(
        Event(
            title=f"Rapat {n}", slug=f"rapat-{n}", starts_at=now + timedelta(days=n - 100),
            status=Status.PUBLISHED, published_at=now - timedelta(days=200),
        )
        for n in range(count // 10)
    )  # fmt: skip
    EventAgency.objects.bulk_create(
        EventAgency(event=event, agency=agencies[n % len(agencies)], role="organiser")
        for n, event in enumerate(events)
    )


def measure(client: Client, url: str, repeat: int) -> tuple[float, int]:
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)
    ):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, len(queries)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    populate(count)
    client = Client()
    if os.environ.get("PROFILE"):
        import cProfile

        client.get(os.environ["PROFILE"])  # imports and first-time setup
        cProfile.runctx("client.get(os.environ['PROFILE'])", globals(), locals(), sort="tottime")
        return
    print(f"{count} published articles, {count // 10} events; median of 30 requests in process")
    print(f"{'surface':48} {'ms':>8} {'queries':>8}")
    for url in SURFACES:
        median, queries = measure(client, url, repeat=30)
        print(f"{url:48} {median:8.2f} {queries:8d}")


if __name__ == "__main__":
    main()
