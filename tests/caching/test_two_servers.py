"""Two production app servers sharing PostgreSQL and Redis: a change made through one is on
the other's pages at the next request."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.conf import settings
from django.db import connection

from newsroom.core.models import Status
from tests.factories import AgencyFactory, ArticleFactory

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, environment, log):
        self.log = log
        self.output = log.open("w")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "config/gunicorn.py", "config.wsgi"],
            cwd=settings.BASE_DIR,
            env={**environment, "HOST": "127.0.0.1", "PORT": str(self.port)},
            stdout=self.output,
            stderr=subprocess.STDOUT,
        )
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def wait(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if self.fetch("/healthz")[0] == 200:
                    return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        raise AssertionError(f"The server did not start:\n{self.log.read_text()[-2000:]}")

    def fetch(self, path, data=None):
        """(status, headers, text) of a GET, or of a form POST when data is given."""
        request = urllib.request.Request(  # noqa: S310 (plain http to our own server)
            self.url + path,
            data=urllib.parse.urlencode(data).encode() if data else None,
            headers={"Referer": self.url + path},
        )
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.headers, error.read().decode()

    def csrf_token(self, path):
        _, _, page = self.fetch(path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.output.close()


@pytest.fixture
def servers(tmp_path):
    database = connection.settings_dict
    environment = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
        "CACHE_URL": settings.CACHES["default"]["LOCATION"],
        "SECRET_KEY": "two-servers-test-only",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(tmp_path / "static"),
        "WEB_CONCURRENCY": "1",
        "GUNICORN_ACCESS_LOG": "",
        "PAGE_CACHE_ENABLED": "1",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=settings.BASE_DIR,
        env=environment,
        check=True,
    )
    pair = [Server(environment, tmp_path / f"server-{n}.log") for n in (1, 2)]
    try:
        for server in pair:
            server.wait()
        yield pair
    finally:
        for server in pair:
            server.stop()


def test_a_publication_through_one_server_shows_on_the_other(servers, django_user_model):
    writer, reader = servers
    article = ArticleFactory(
        title="Rapat koordinasi pilkada", slug="rapat-koordinasi-pilkada", status=Status.DRAFT,
        published_at=None, lead_agency=AgencyFactory(),
    )  # fmt: skip
    django_user_model.objects.create_superuser("redaktur", "r@example.id", "kata-sandi-panjang")

    _, _, before = reader.fetch("/berita/")
    assert "Rapat koordinasi pilkada" not in before
    assert reader.fetch("/berita/")[1]["X-Cache"] == "hit"
    assert reader.fetch("/berita/rapat-koordinasi-pilkada/")[0] == 404

    login = "/admin/login/?next=/admin/"
    writer.fetch(
        login,
        {
            "csrfmiddlewaretoken": writer.csrf_token(login),
            "username": "redaktur",
            "password": "kata-sandi-panjang",
        },
    )
    changelist = "/admin/articles/article/"
    writer.fetch(
        changelist,
        {
            "csrfmiddlewaretoken": writer.csrf_token(changelist),
            "action": "publish_now",
            "index": "0",
            "_selected_action": article.pk,
        },
    )
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED

    _, headers, finder = reader.fetch("/berita/")
    assert "Rapat koordinasi pilkada" in finder
    assert headers["X-Cache"] == "miss"
    assert reader.fetch("/berita/rapat-koordinasi-pilkada/")[0] == 200
