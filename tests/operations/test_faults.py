"""Faults under traffic, against real servers: a PostgreSQL and a Redis of the test's own (so the
machine's shared ones go on serving the rest of the suite), stopped while a production app
server (gunicorn) answers readers, then started again.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from tests.servers import Server, free_port

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

POSTGRES_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)), None)
REQUIRED = "postgres" in os.environ.get("NEWSROOM_REQUIRE_SERVICES", "")
ARTICLE = "/berita/kemendagri-sosialisasi-indeks-kerawanan-pemilu-2024/"
# What readers ask for: cached pages, and searches no cache has seen, which need the database.
PAGES = ["/", "/berita/", ARTICLE, "/agenda/", "/api/v1/articles/", "/berita/?q=pemilu-{n}"]


def missing(reason):
    if REQUIRED:
        pytest.fail(f"{reason} (required by NEWSROOM_REQUIRE_SERVICES)")
    pytest.skip(reason)


def as_postgres_user(command):
    """PostgreSQL refuses to run as root; the tests may."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class PrivatePostgres:
    def __init__(self, directory: Path):
        self.directory = directory
        self.data = directory / "data"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/newsroom"
        if os.geteuid() == 0:
            shutil.chown(directory, "postgres")
        subprocess.run(
            as_postgres_user(
                [POSTGRES_BIN / "initdb", "-D", self.data, "-A", "trust", "-U", "postgres"]
            ),
            check=True,
            capture_output=True,
        )
        self.start()
        subprocess.run(
            [POSTGRES_BIN / "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
             "newsroom"],
            check=True,
        )  # fmt: skip

    def start(self):
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(
            as_postgres_user(
                [POSTGRES_BIN / "pg_ctl", "-D", self.data, "-o", options, "-l",
                 self.directory / "postgres.log", "-w", "start"]
            ),
            check=True,
            capture_output=True,
        )  # fmt: skip

    def stop(self):
        subprocess.run(
            as_postgres_user(
                [POSTGRES_BIN / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop"]
            ),
            check=True,
            capture_output=True,
        )


class PrivateRedis:
    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None
        self.start()

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while (
            subprocess.run(
                ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, check=False
            ).stdout.strip()
            != b"PONG"
        ):
            assert time.monotonic() < deadline, "Redis did not start"
            time.sleep(0.1)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def stack():
    """A PostgreSQL and a Redis of this test's own, with the demo content, and one app server."""
    if POSTGRES_BIN is None or not shutil.which("redis-server"):
        missing("needs PostgreSQL's and Redis's server programs (initdb, pg_ctl, redis-server)")
    directory = Path(tempfile.mkdtemp(prefix="newsroom-faults-"))
    postgres = redis = server = None
    try:
        postgres = PrivatePostgres(directory)
        redis = PrivateRedis(directory)
        environment = {
            **os.environ,
            "DATABASE_URL": postgres.url,
            "CACHE_URL": redis.url,
            "ALLOWED_HOSTS": "127.0.0.1",
            "STATIC_ROOT": str(directory / "static"),
            "WEB_CONCURRENCY": "1",
            "GUNICORN_ACCESS_LOG": "",
            "PAGE_CACHE_ENABLED": "1",
        }
        for command in (
            ["migrate", "--noinput"],
            ["loaddata", "fixtures/newsroom.json"],
            ["collectstatic", "--noinput"],
        ):
            subprocess.run(
                [sys.executable, "manage.py", *command, "--verbosity", "0"],
                cwd=settings.BASE_DIR, env=environment, check=True,
            )  # fmt: skip
        server = Server(environment, directory / "server.log")
        server.wait()
        yield postgres, redis, server
    finally:
        if server:
            server.stop()
        if redis:
            redis.stop()
        if postgres:
            postgres.stop()
        shutil.rmtree(directory, ignore_errors=True)


class Readers:
    """Readers asking for pages in a loop, in a thread, while the test breaks things."""

    def __init__(self, server):
        self.server = server
        self.answers = []
        self.running = True
        self.thread = threading.Thread(target=self.read, daemon=True)
        self.thread.start()

    def read(self):
        n = 0
        while self.running:
            n += 1
            path = PAGES[n % len(PAGES)].format(n=n)
            status, headers, body = self.server.fetch(path)
            self.answers.append((time.monotonic(), path, status, headers, body))

    def stop(self):
        self.running = False
        self.thread.join(timeout=30)

    def since(self, moment):
        return [answer for answer in self.answers if answer[0] >= moment]


def wait_for(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.2)


def assert_no_server_errors(answers):
    statuses = Counter(status for _, _, status, _, _ in answers)
    assert set(statuses) <= {200, 503}, statuses
    for _, path, status, headers, body in answers:
        assert "Traceback" not in body, path
        if status == 503:
            assert headers["Retry-After"] == "30", path


def test_postgresql_stopped_under_traffic_then_back(stack):
    postgres, _, server = stack
    readers = Readers(server)
    try:
        wait_for(lambda: len(readers.answers) > 20)
        assert {status for _, _, status, _, _ in readers.answers} == {200}

        stopped_at = time.monotonic()
        postgres.stop()
        wait_for(lambda: sum(answer[2] == 503 for answer in readers.since(stopped_at)) >= 5)
        assert server.fetch("/healthz")[0] == 503
        # A reader who needs the database gets the page that says to come back, in Indonesian.
        status, _, body = server.fetch("/berita/?q=tidak-di-cache")
        assert status == 503
        assert "silakan coba lagi" in body

        started_at = time.monotonic()
        postgres.start()
        # Back by itself, with no restart of the app server.
        wait_for(lambda: server.fetch("/healthz")[0] == 200)
        wait_for(lambda: len(readers.since(time.monotonic() - 1)) > 0)
        time.sleep(1)
        recovered = readers.since(started_at + 1)
    finally:
        readers.stop()
    assert_no_server_errors(readers.answers)
    assert recovered
    assert all(status == 200 for _, _, status, _, _ in recovered[-10:])
    assert server.process.poll() is None


def test_redis_stopped_under_traffic_pages_still_served(stack):
    _, redis, server = stack
    readers = Readers(server)
    try:
        wait_for(lambda: len(readers.answers) > 20)
        stopped_at = time.monotonic()
        redis.stop()
        wait_for(lambda: len(readers.since(stopped_at)) > 30)
        status, _, body = server.fetch("/healthz")
        assert status == 200
        assert '"cache": "unavailable"' in body
        redis.start()
        wait_for(lambda: '"cache": "ok"' in server.fetch("/healthz")[2])
    finally:
        readers.stop()
    during = readers.since(stopped_at)
    assert {status for _, _, status, _, _ in during} == {200}
    assert_no_server_errors(readers.answers)
