from datetime import timedelta

import pytest
from django.utils import timezone, translation

from newsroom.events.models import Event
from tests.factories import EventFactory


@pytest.mark.django_db
def test_upcoming_is_every_event_not_yet_over_soonest_first_and_past_the_rest_latest_first():
    now = timezone.now()

    def event(title, starts, ends=None):
        EventFactory(title=title, starts_at=now + starts, ends_at=ends and now + ends)

    event("Pameran berjalan", timedelta(days=-30), timedelta(days=30))
    event("Rapat besok", timedelta(days=1))
    event("Festival minggu depan", timedelta(days=7), timedelta(days=9))
    event("Rapat kemarin", timedelta(days=-1))
    event("Pelatihan yang sudah usai", timedelta(days=-3), timedelta(days=-2))
    event("Rapat lama", timedelta(days=-400))

    upcoming = [e.title for e in Event.objects.published().upcoming()]
    past = [e.title for e in Event.objects.published().past()]
    assert upcoming == ["Pameran berjalan", "Rapat besok", "Festival minggu depan"]
    assert past == ["Rapat kemarin", "Pelatihan yang sudah usai", "Rapat lama"]


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("mode", [*Event.AttendanceMode.values, "unknown"])
def test_the_attendance_label_is_what_django_would_display(mode, language):
    event = Event(attendance_mode=mode)
    with translation.override(language):
        assert str(event.attendance_label) == str(event.get_attendance_mode_display())
