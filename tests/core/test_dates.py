from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import formats, translation

from newsroom.core.dates import in_words

UTC = ZoneInfo("UTC")


def render(template, **context):
    return Template("{% load newsroom %}" + template).render(Context(context))


@pytest.mark.parametrize(
    "language, expected",
    [
        ("id", "Selasa, 27 Desember 2022 14:08 WIB"),
        ("en", "Tuesday, 27 December 2022 14:08 WIB"),
    ],
)
def test_a_moment_reads_the_same_everywhere(language, expected):
    moment = datetime(2022, 12, 27, 7, 8, tzinfo=UTC)
    with translation.override(language):
        assert render("{% show_time moment %}", moment=moment) == (
            f'<time datetime="2022-12-27T14:08+07:00">{expected}</time>'
        )


def test_a_day_without_a_known_time_shows_only_the_date():
    moment = datetime(2023, 1, 2, 17, 0, tzinfo=UTC)  # midnight on 3 January in Jakarta
    assert (
        render("{% show_time moment date_only=True %}", moment=moment)
        == '<time datetime="2023-01-03">Selasa, 3 Januari 2023</time>'
    )


def test_nothing_is_shown_for_no_time():
    assert render("{% show_time None %}") == ""


EVERY_CHARACTER = r"d D j l N F M E m n Y y H G i s T a A P e O \d\a\y: j"


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize(
    "format_name",
    ["DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT", "MONTH_DAY_FORMAT", EVERY_CHARACTER],
)
@pytest.mark.parametrize("zone", ["Asia/Jakarta", "Asia/Jayapura", "Europe/Amsterdam", "UTC"])
def test_dates_in_words_are_djangos_words(language, format_name, zone):
    """in_words() writes what formats.date_format() writes, for every day of the week and
    month of the year, in each language, with the hours around a change to summer time (an
    ambiguous hour has no zone name) and years before 1000."""
    tz = ZoneInfo(zone)
    moments = [
        datetime(2024, month, 3 + month, month * 2 - 1, month * 4, 7, tzinfo=tz)
        for month in range(1, 13)
    ]
    moments += [datetime(2023, 10, 29, hour, 30, tzinfo=tz) for hour in range(4)]
    moments += [datetime(999, 1, 1, 0, 0, tzinfo=tz), datetime(2026, 3, 29, 2, 30, tzinfo=tz)]
    with translation.override(language):
        for moment in moments:
            assert in_words(moment, format_name) == formats.date_format(moment, format_name)
        day = moments[0].date()
        assert in_words(day, "DATE_FORMAT") == formats.date_format(day, "DATE_FORMAT")
