from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from newsroom.importer.datelines import find_dates, find_time_range

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
WIT = ZoneInfo("Asia/Jayapura")


@pytest.mark.parametrize(
    "text, moment",
    [
        ("Selasa, 27 Des 2022 14:08 WIB", datetime(2022, 12, 27, 14, 8, tzinfo=WIB)),
        ("Rabu, 8 Maret 2023 10:15 WITA", datetime(2023, 3, 8, 10, 15, tzinfo=WITA)),
        ("17 Apr 2023, 08:00 WIT", datetime(2023, 4, 17, 8, 0, tzinfo=WIT)),
        ("Senin, 10 April 2023 | 16:20 WIB", datetime(2023, 4, 10, 16, 20, tzinfo=WIB)),
        ("Kompas.com - 05/01/2023, 18:30 WIB", datetime(2023, 1, 5, 18, 30, tzinfo=WIB)),
        ("Diposting: 20/03/2023 08.45", datetime(2023, 3, 20, 8, 45, tzinfo=WIB)),
        ("Selasa (3/1/2023)", datetime(2023, 1, 3, 12, 0, tzinfo=WIB)),
        ("3 Januari 2023", datetime(2023, 1, 3, 12, 0, tzinfo=WIB)),
        ("27/12/2022", datetime(2022, 12, 27, 12, 0, tzinfo=WIB)),
        ("4 Agt 2023", datetime(2023, 8, 4, 12, 0, tzinfo=WIB)),
        ("3 Pebruari 2023", datetime(2023, 2, 3, 12, 0, tzinfo=WIB)),
        ("Jum'at, 3 Maret 2023", datetime(2023, 3, 3, 12, 0, tzinfo=WIB)),
        ("Rabu, 2023-01-04 10:15:32 WIB", datetime(2023, 1, 4, 10, 15, tzinfo=WIB)),
    ],
)
def test_datelines_in_their_many_forms(text, moment):
    [mention] = find_dates(text)
    assert mention.moment() == moment
    assert mention.moment().utcoffset() == moment.utcoffset()


@pytest.mark.parametrize(
    "text, reference, day",
    [
        ("kata dia, Selasa (27/12).", date(2022, 12, 28), date(2022, 12, 27)),
        # Read in January, "(27/12)" is last December.
        ("kata dia, Selasa (27/12).", date(2023, 1, 2), date(2022, 12, 27)),
        ("kata Bahtiar di Jakarta, Selasa.", date(2022, 12, 29), date(2022, 12, 27)),
        ("di Hotel Horison Bandung, Rabu.", date(2023, 1, 11), date(2023, 1, 11)),
    ],
)
def test_dates_without_a_year_are_read_from_the_publication_day(text, reference, day):
    assert [mention.day for mention in find_dates(text, reference=reference)] == [day]


@pytest.mark.parametrize(
    "text",
    ["31 Februari 2023", "Selasa (45/13/2023)", "kata dia, Selasa.", "pukul 10.00 WIB", "2023"],
)
def test_what_is_not_a_date_is_not_taken_for_one(text):
    assert find_dates(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("pukul 09.00–12.00 WIT", ("09:00", "12:00", "WIT")),
        ("pukul 14.00 WITA", ("14:00", None, "WITA")),
        ("mulai pukul 08.30 s.d. selesai", ("08:30", None, None)),
        ("pkl 13:00 sampai 15:00 WIB", ("13:00", "15:00", "WIB")),
    ],
)
def test_event_times(text, expected):
    start, end, zone = find_time_range(text)
    assert (f"{start:%H:%M}", f"{end:%H:%M}" if end else None, zone) == expected
