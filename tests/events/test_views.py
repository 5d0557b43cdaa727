import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.events.views import EventMonthView
from tests.factories import AgencyFactory, ArticleFactory, EventFactory, PersonFactory


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


@pytest.mark.django_db
def test_the_month_calendar_puts_each_event_under_every_day_it_spans(client, agency_tree):
    wib = timezone.get_default_timezone()
    EventFactory(
        title="Rapat dua hari",
        starts_at=timezone.datetime(2023, 1, 30, 9, tzinfo=wib),
        ends_at=timezone.datetime(2023, 1, 31, 16, tzinfo=wib),
        organiser=agency_tree["ditjen-polpum"],
    )
    EventFactory(
        title="Rapat Bawaslu",
        starts_at=timezone.datetime(2023, 1, 5, 9, tzinfo=wib),
        organiser=agency_tree["bawaslu"],
    )
    EventFactory(title="Rapat Februari", starts_at=timezone.datetime(2023, 2, 9, 9, tzinfo=wib))
    text = client.get("/agenda/bulan/?month=2023-01&agency=kemendagri").text
    assert "Agenda Januari 2023" in text
    assert text.count(">Rapat dua hari</a>") == 2
    assert "Rapat Bawaslu" not in text
    assert "Rapat Februari" not in text
    assert 'href="?month=2022-12&amp;agency=kemendagri"' in text
    assert 'href="?month=2023-02&amp;agency=kemendagri"' in text
    agenda = client.get("/agenda/?agency=kemendagri&when=past&page=1").text
    assert '<a href="/agenda/bulan/?agency=kemendagri">' in agenda


@pytest.mark.django_db
def test_a_month_with_too_many_events_leaves_out_whole_days_and_says_so(client, monkeypatch):
    wib = timezone.get_default_timezone()
    for title, day in [("Rapat tanggal 5", 5), ("Rapat pagi 10", 10), ("Rapat sore 10", 10)]:
        EventFactory(title=title, starts_at=timezone.datetime(2023, 1, day, 9, tzinfo=wib))

    monkeypatch.setattr(EventMonthView, "most_events", 3)
    text = client.get("/agenda/bulan/?month=2023-01").text
    assert "Rapat pagi 10" in text
    assert "Rapat sore 10" in text
    assert "Lebih dari" not in text
    assert "left-out" not in text

    monkeypatch.setattr(EventMonthView, "most_events", 2)
    text = client.get("/agenda/bulan/?month=2023-01").text
    assert "Rapat tanggal 5" in text
    # The second event of the 10th would fit under the bound, but not the whole day.
    assert "Rapat pagi 10" not in text
    assert "Rapat sore 10" not in text
    assert (
        "Lebih dari 2 acara jatuh pada minggu-minggu ini, terlalu banyak untuk satu kalender: "
        'acara sejak <time datetime="2023-01-10">Selasa, 10 Januari 2023</time> tidak ditampilkan.'
    ) in text
    assert text.count(" left-out") == 27  # 10 January to 5 February, the grid's last day


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["month=2023-13", "month=januari", "month=2023-01&kind=pesta"])
def test_a_month_that_cannot_be_read_gets_a_clear_message(client, query):
    response = client.get(f"/agenda/bulan/?{query}")
    assert response.status_code == 400
    assert "Beberapa saringan tidak dapat dipakai" in response.text


@pytest.mark.django_db
def test_the_agenda_and_its_calendar_run_a_fixed_number_of_queries(client, agency_tree):
    def queries(address):
        with CaptureQueriesContext(connection) as context:
            assert client.get(address).status_code == 200
        return len(context.captured_queries)

    EventFactory(organiser=agency_tree["ditjen-polpum"], agencies=[agency_tree["bawaslu"]])
    one = [queries("/agenda/?agency=kemendagri"), queries("/agenda/bulan/?agency=kemendagri")]
    for _ in range(10):
        EventFactory(organiser=agency_tree["ditjen-polpum"], agencies=[agency_tree["bawaslu"]])
    assert [
        queries("/agenda/?agency=kemendagri"),
        queries("/agenda/bulan/?agency=kemendagri"),
    ] == one
    assert max(one) <= 10


@pytest.mark.django_db
@pytest.mark.parametrize(
    "mode, venue, online_url, schema_mode, locations",
    [
        ("online", "", "https://zoom.us/j/1", "OnlineEventAttendanceMode", ["VirtualLocation"]),
        ("in_person", "Pendopo Indramayu", "", "OfflineEventAttendanceMode", ["Place"]),
        (
            "hybrid",
            "ICC",
            "https://zoom.us/j/1",
            "MixedEventAttendanceMode",
            ["Place", "VirtualLocation"],
        ),
    ],
)
def test_the_event_page_carries_schema_org_event_data(
    client, mode, venue, online_url, schema_mode, locations
):
    event = EventFactory(attendance_mode=mode, venue=venue, online_url=online_url, kind="meeting")
    text = client.get(event.get_absolute_url()).text
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    data = json.loads(found.group(1))
    assert data["@type"] == "Event"
    assert data["eventAttendanceMode"] == f"https://schema.org/{schema_mode}"
    assert [place["@type"] for place in data["location"]] == locations
    assert data["startDate"].endswith("+07:00")
    assert f'<link rel="canonical" href="http://testserver{event.get_absolute_url()}">' in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, expected", [("kind=webinar", ["Webinar A"]), ("kind=meeting", ["Rapat B"])]
)
def test_the_agenda_filters_by_kind(client, query, expected):
    EventFactory(title="Webinar A", kind="webinar")
    EventFactory(title="Rapat B", kind="meeting")
    text = client.get(f"/agenda/?{query}").text
    assert [title for title in ("Webinar A", "Rapat B") if title in text] == expected


@pytest.mark.django_db
def test_the_event_page_runs_a_fixed_number_of_queries(client, agency_tree):
    event = EventFactory(organiser=agency_tree["kemendagri"])

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(event.get_absolute_url()).status_code == 200
        return len(context.captured_queries)

    ArticleFactory(events=[event], lead_agency=agency_tree["bawaslu"])
    one = queries()
    for _ in range(5):
        ArticleFactory(events=[event], lead_agency=agency_tree["bawaslu"])
        event.speakers.add(PersonFactory())
    assert queries() == one
    assert one <= 10
