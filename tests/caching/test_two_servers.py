"""Two production app servers sharing PostgreSQL and Redis: a change made through one is on
the other's pages at the next request."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from newsroom.core.models import Status
from tests.factories import AgencyFactory, ArticleFactory
from tests.servers import Server

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]


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
