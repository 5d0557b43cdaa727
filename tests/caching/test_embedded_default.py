"""The embedded default (SQLite, no CACHE_URL) with two app server processes on one machine, as
`make run` has: a change made by any process is on every process's pages at the next request."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests.servers import Server


def manage(environment, *arguments):
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR, env=environment, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip


@pytest.fixture
def embedded_servers(tmp_path):
    environment = {
        **{
            name: value
            for name, value in os.environ.items()
            if name not in {"DATABASE_URL", "CACHE_URL", "NEWSROOM_VAR_DIR"}
        },
        "NEWSROOM_VAR_DIR": str(tmp_path / "var"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_ACCESS_LOG": "",
        "PAGE_CACHE_ENABLED": "1",
    }
    manage(environment, "migrate", "--noinput", "--verbosity", "0")
    manage(environment, "load_demo")
    manage(environment, "collectstatic", "--noinput", "--verbosity", "0")
    pair = [Server(environment, tmp_path / f"server-{n}.log") for n in (1, 2)]
    try:
        for server in pair:
            server.wait()
        yield environment, pair
    finally:
        for server in pair:
            server.stop()


def test_a_change_by_one_process_shows_on_every_process_of_the_machine(embedded_servers):
    environment, servers = embedded_servers
    for server in servers:
        server.fetch("/berita/")
        _, headers, before = server.fetch("/berita/")
        assert headers["X-Cache"] == "hit"
        assert "Judul yang diperbaiki" not in before

    # Another process of the machine (a worker of the desk, the importer) changes a title.
    manage(
        environment,
        "shell",
        "--command",
        "from newsroom.articles.models import Article\n"
        "article = Article.objects.published().latest()\n"
        "article.title = 'Judul yang diperbaiki'\n"
        "article.save()",
    )

    for server in servers:
        _, headers, after = server.fetch("/berita/")
        assert headers["X-Cache"] == "miss"
        assert "Judul yang diperbaiki" in after
