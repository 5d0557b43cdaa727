"""Production app servers (gunicorn, config/gunicorn.py) started by the tests, and a way to talk
to them as a browser would."""

import http.cookiejar
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings


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
