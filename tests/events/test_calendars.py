"""The agenda as iCalendar, read back by the icalendar parser as a calendar application would."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from newsroom.core.models import Status
from tests.factories import AgencyFactory, EventFactory, TopicFactory

WIB = ZoneInfo("Asia/Jakarta")


def read_calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def summaries(calendar):
    return {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}


@pytest.mark.django_db
def test_a_timed_event_keeps_its_time_zone(client):
    event = EventFactory(
        title="Rapat koordinasi",
        summary="Rapat persiapan pemilu.",
        starts_at=datetime(2023, 1, 3, 9, 0, tzinfo=WIB),
        ends_at=datetime(2023, 1, 3, 11, 30, tzinfo=WIB),
        venue="Indramayu Command Center",
        organiser=AgencyFactory(name="Diskominfo Indramayu"),
    )
    calendar = read_calendar(client, "/agenda/kalender.ics")
    [component] = calendar.walk("VEVENT")
    assert component["DTSTART"].dt == datetime(2023, 1, 3, 9, 0, tzinfo=WIB)
    assert component["DTSTART"].params["TZID"] == "Asia/Jakarta"
    assert component["DTEND"].dt == datetime(2023, 1, 3, 11, 30, tzinfo=WIB)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Jakarta"]
    assert str(component["LOCATION"]) == "Indramayu Command Center"
    assert str(component["URL"]) == f"http://testserver{event.get_absolute_url()}"
    assert "Rapat persiapan pemilu." in str(component["DESCRIPTION"])
    assert component["CATEGORIES"].cats == ["Diskominfo Indramayu"]
    assert str(component["STATUS"]) == "CONFIRMED"
    assert str(component["UID"]) == f"event-{event.pk}@testserver"
    assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Jakarta"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "ends_at, last_day",
    [(None, date(2023, 1, 3)), (datetime(2023, 1, 5, tzinfo=WIB), date(2023, 1, 5))],
)
def test_an_all_day_event_is_given_as_dates(client, ends_at, last_day):
    # 00:30 WIB on 3 January is still 2 January in UTC: the date is taken in Jakarta.
    EventFactory(starts_at=datetime(2023, 1, 3, 0, 30, tzinfo=WIB), ends_at=ends_at, all_day=True)
    [component] = read_calendar(client, "/agenda/kalender.ics").walk("VEVENT")
    assert component["DTSTART"].dt == date(2023, 1, 3)
    assert component["DTEND"].dt == last_day + timedelta(days=1)  # DTEND is exclusive


@pytest.mark.django_db
def test_an_event_with_no_end_has_no_end(client):
    EventFactory(starts_at=datetime(2023, 1, 3, 9, 0, tzinfo=WIB))
    [component] = read_calendar(client, "/agenda/kalender.ics").walk("VEVENT")
    assert "DTEND" not in component


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", {"Webinar Kemendagri", "Rapat Setda", "Rapat Bawaslu"}),
        ("agency=kemendagri", {"Webinar Kemendagri"}),
        ("agency=pemkab-indramayu", {"Rapat Setda"}),
        ("topic=pemilu-2024", {"Webinar Kemendagri", "Rapat Bawaslu"}),
        ("when=upcoming", {"Webinar Kemendagri", "Rapat Bawaslu"}),
        ("attendance=in_person", {"Rapat Setda"}),
    ],
)
def test_a_calendar_for_each_agency_topic_and_filter(client, agency_tree, query, expected):
    topic = TopicFactory(slug="pemilu-2024", name="Pemilu 2024")
    EventFactory(title="Webinar Kemendagri", organiser=agency_tree["ditjen-polpum"], topics=[topic])
    EventFactory(
        title="Rapat Setda",
        starts_at=timezone.now() - timedelta(days=3),
        attendance_mode="in_person",
        agencies=[agency_tree["setda-indramayu"]],
    )
    EventFactory(title="Rapat Bawaslu", agencies=[agency_tree["bawaslu"]], topics=[topic])
    calendar = read_calendar(client, f"/agenda/kalender.ics?{query}")
    assert summaries(calendar) == expected
    agenda = client.get(f"/agenda/?{query}").context["page_obj"]
    assert summaries(calendar) == {event.title for event in agenda}


def test_the_calendar_is_named_after_its_filters(client, agency_tree):
    calendar = read_calendar(client, "/agenda/kalender.ics?agency=bawaslu&when=upcoming")
    assert (
        str(calendar["X-WR-CALNAME"]) == "Newsroom: agenda (Waktu: Akan datang · Instansi: Bawaslu)"
    )
    assert str(calendar["REFRESH-INTERVAL"].to_ical().decode()) == "PT1H"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, message",
    [
        ("agency=does-not-exist", "Instansi (agency): Tidak ada instansi “does-not-exist”."),
        ("when=someday", "Waktu (when): Masukkan pilihan yang valid. someday bukan"),
        ("topic=nope", "Topik (topic): Tidak ada topik “nope”."),
    ],
)
def test_bad_filters_answer_400_with_the_fields_message(client, query, message):
    response = client.get(f"/agenda/kalender.ics?{query}")
    assert response.status_code == 400
    assert message in response.text


@pytest.mark.django_db
def test_an_event_page_offers_its_own_ics(client):
    event = EventFactory(title="Webinar IKP", starts_at=datetime(2023, 1, 3, 9, tzinfo=WIB))
    page = client.get(event.get_absolute_url())
    ics_url = f"/agenda/{event.slug}/kalender.ics"
    assert f'<a href="{ics_url}" type="text/calendar" download>' in page.text
    response = client.get(ics_url)
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    calendar = Calendar.from_ical(response.content)
    assert summaries(calendar) == {"Webinar IKP"}
    assert str(calendar["X-WR-CALNAME"]) == "Webinar IKP"


@pytest.mark.django_db
def test_a_withdrawn_events_ics_cancels_it(client):
    event = EventFactory(status=Status.WITHDRAWN, withdrawal_reason="Ditunda.")
    [component] = read_calendar(client, f"/agenda/{event.slug}/kalender.ics").walk("VEVENT")
    assert str(component["STATUS"]) == "CANCELLED"


@pytest.mark.django_db
def test_the_agenda_and_agency_pages_offer_subscriptions(client, agency_tree):
    agenda = client.get("/agenda/?agency=bawaslu&when=&page=1", follow=True).text
    assert 'href="/agenda/kalender.ics?agency=bawaslu" type="text/calendar"' in agenda
    agency = client.get("/instansi/bawaslu/").text
    assert 'href="/agenda/kalender.ics?agency=bawaslu" type="text/calendar"' in agency


@pytest.mark.django_db
def test_conditional_requests_get_304(client):
    EventFactory()
    first = client.get("/agenda/kalender.ics")
    assert client.get("/agenda/kalender.ics").content == first.content  # no moving DTSTAMP
    assert client.get("/agenda/kalender.ics", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.django_db
def test_the_calendar_runs_as_many_queries_for_one_event_as_for_thirty(client):
    agencies = AgencyFactory.create_batch(3)
    url = f"/agenda/kalender.ics?agency={agencies[0].slug}"
    EventFactory(organiser=agencies[0], agencies=agencies[1:])
    one = queries_for(client, url)
    EventFactory.create_batch(29, organiser=agencies[0], agencies=agencies[1:])
    assert queries_for(client, url) == one
