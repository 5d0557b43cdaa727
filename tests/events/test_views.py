from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import AgencyFactory, ArticleFactory, EventFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, expected",
    [
        ("", ["Rapat akan datang", "Rapat sudah lewat"]),
        ("when=upcoming", ["Rapat akan datang"]),
        ("when=past", ["Rapat sudah lewat"]),
        ("attendance=online", ["Rapat akan datang"]),
        ("attendance=in_person", ["Rapat sudah lewat"]),
        ("agency=kemendagri", ["Rapat akan datang"]),
        ("agency=ditjen-polpum", ["Rapat akan datang"]),
        ("agency=pemkab-indramayu", ["Rapat sudah lewat"]),
        ("from=2000-01-01&agency=bawaslu", []),
    ],
)
def test_the_agenda_filters(client, agency_tree, query, expected):
    now = timezone.now()
    EventFactory(
        title="Rapat akan datang",
        starts_at=now + timedelta(days=3),
        organiser=agency_tree["ditjen-polpum"],
    )
    EventFactory(
        title="Rapat sudah lewat",
        starts_at=now - timedelta(days=3),
        attendance_mode="in_person",
        agencies=[agency_tree["setda-indramayu"]],
    )
    response = client.get(f"/agenda/?{query}")
    assert response.status_code == 200
    found = [t for t in ("Rapat akan datang", "Rapat sudah lewat") if t in response.text]
    assert found == expected


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["when=kemarin", "from=2023-02-30", "attendance=x", "agency=x"])
def test_bad_agenda_filters_get_a_clear_message(client, query):
    response = client.get(f"/agenda/?{query}")
    assert response.status_code == 400
    assert "Beberapa saringan tidak dapat dipakai" in response.text


@pytest.mark.django_db
def test_the_event_page_shows_its_agencies_and_published_news(client):
    organiser = AgencyFactory(name="Direktorat Jenderal Contoh")
    participant = AgencyFactory(name="Pemerintah Kabupaten Contoh", short_name="Pemkab Contoh")
    event = EventFactory(
        venue="Indramayu Command Center (ICC)",
        all_day=True,
        starts_at=timezone.datetime(2023, 1, 3, tzinfo=timezone.get_default_timezone()),
        organiser=organiser,
        agencies=[participant],
    )
    ArticleFactory(title="Berita terbit", events=[event])
    ArticleFactory(title="Berita draf", events=[event], status="draft", published_at=None)
    text = client.get(event.get_absolute_url()).text
    assert "Direktorat Jenderal Contoh" in text
    assert "Pemkab Contoh" in text
    assert "Indramayu Command Center (ICC)" in text
    assert '<time datetime="2023-01-03">Selasa, 3 Januari 2023</time>' in text
    assert "Berita terbit" in text
    assert "Berita draf" not in text
