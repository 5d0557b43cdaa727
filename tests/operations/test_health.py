import pytest
from django.db import OperationalError
from django.test import Client

from newsroom.core.views import HomeView


@pytest.mark.django_db
def test_health_reports_the_database_and_the_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_fails_when_the_database_does_not_answer(client, monkeypatch):
    monkeypatch.setattr("newsroom.operations.views.database_state", lambda: "unavailable")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.django_db
def test_a_broken_cache_is_reported_but_not_fatal(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("refused")

    monkeypatch.setattr("newsroom.operations.views.cache.set", broken)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "unavailable"}


@pytest.mark.django_db
def test_a_database_failure_gives_readers_a_503_page_with_retry_after(monkeypatch):
    def unreachable(self, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(HomeView, "get_context_data", unreachable)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Sementara tidak tersedia" in response.content.decode()
    assert "connection refused" not in response.content.decode()


@pytest.mark.django_db
def test_other_failures_stay_500_without_a_traceback(monkeypatch):
    def broken(self, **kwargs):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(HomeView, "get_context_data", broken)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    assert "secret detail" not in response.content.decode()
    assert "Terjadi gangguan" in response.content.decode()
