"""Calendar days in the site's time zone (Asia/Jakarta): what a reader means by "a date"."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone


def local_day_start(day: date) -> datetime:
    """The first instant of a day in the site's time zone."""
    return datetime.combine(day, time.min, tzinfo=timezone.get_default_timezone())


def local_day_end(day: date) -> datetime:
    """The first instant after a day in the site's time zone (an exclusive bound)."""
    return local_day_start(day + timedelta(days=1))
