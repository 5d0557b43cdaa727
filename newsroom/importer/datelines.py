"""Dates and times as Indonesian news writes them.

Regular expressions find where a date is written ("Selasa, 27 Des 2022 14:08 WIB",
"Selasa (3/1/2023)", "3 Januari 2023", "27/12/2022", a bare "Selasa"); dateparser reads the
day, month and year, Indonesian month names and their spellings included. Time zones (WIB,
WITA, WIT) and the time of day are read here.
"""

import datetime as dt
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import dateparser

ZONES = {
    "WIB": ZoneInfo("Asia/Jakarta"),
    "WITA": ZoneInfo("Asia/Makassar"),
    "WIT": ZoneInfo("Asia/Jayapura"),
}
DEFAULT_ZONE = "WIB"
# The one policy for a publication day given without a time: noon in the document's zone, so
# that the day stays the same day in every Indonesian time zone.
TIME_WHEN_ONLY_THE_DAY_IS_KNOWN = dt.time(12, 0)

WEEKDAYS = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "jum’at": 4,
    "sabtu": 5, "minggu": 6, "ahad": 6,
}  # fmt: skip
# Short month forms dateparser does not know.
MONTH_SPELLINGS = {"agt": "Agustus", "ags": "Agustus", "peb": "Februari", "nop": "November"}

WEEKDAY = r"(?P<weekday>Senin|Selasa|Rabu|Kamis|Jum['’]?at|Sabtu|Minggu|Ahad)"
TIME = (
    r"(?:\s*[,|/–-]?\s*(?:pukul|pkl\.?|jam)?\s*"
    r"(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)(?::[0-5]\d)?"
    r"(?:\s*(?P<zone>WITA|WIT|WIB)\b)?)?"
)
# Selasa (3/1/2023) · Selasa (27/12) — the year comes from the publication date
NEWS_DAY = re.compile(
    rf"{WEEKDAY}\s*\(\s*(?P<day>\d{{1,2}})/(?P<month>\d{{1,2}})(?:/(?P<year>\d{{2,4}}))?\s*\)",
    re.IGNORECASE,
)
DATE_PATTERNS = [
    # Selasa, 27 Des 2022 14:08 WIB · 3 Januari 2023 · Rabu 4 Agt. 2023 pukul 09.15 WITA
    re.compile(
        rf"(?:{WEEKDAY}\s*,?\s*)?\b(?P<day>\d{{1,2}})\s+(?P<month>[A-Za-z]{{3,9}})\.?\s+"
        rf"(?P<year>(?:19|20)\d\d)\b{TIME}",
        re.IGNORECASE,
    ),
    NEWS_DAY,
    # 2023-01-04 10:15:32, as some sites print it
    re.compile(rf"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)(?:T|\b){TIME}"),
    # 27/12/2022 · 27-12-2022 14:08
    re.compile(
        rf"(?:{WEEKDAY}\s*,?\s*)?\b(?P<day>\d{{1,2}})[/-](?P<month>\d{{1,2}})[/-]"
        rf"(?P<year>(?:19|20)?\d\d)\b{TIME}",
        re.IGNORECASE,
    ),
]
# "kata Bahtiar di Jakarta, Selasa." — a weekday alone means the last such day.
BARE_WEEKDAY = re.compile(rf",\s*{WEEKDAY}(?=\s*[.,;]|\s+(?:pagi|siang|sore|malam)\b)")
TIME_RANGE = re.compile(
    r"\b(?:pukul|pkl\.?|jam)\s*(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)"
    r"(?:\s*(?:-|–|s\.?d\.?|sampai(?: dengan)?|hingga)\s*(?P<end_hour>[01]?\d|2[0-3])[:.]"
    r"(?P<end_minute>[0-5]\d))?(?:\s*(?P<zone>WITA|WIT|WIB)\b)?",
    re.IGNORECASE,
)
ZONE_ALONE = re.compile(r"\b(WITA|WIT|WIB)\b")


@dataclass(frozen=True)
class DateMention:
    """A date written in a text, where it is, and the time of day when the text gives one."""

    day: date
    start: int
    end: int
    time: dt.time | None = None
    zone: str | None = None
    # "Selasa (3/1/2023)": how Indonesian news marks the day of what it reports.
    news_day: bool = False

    def moment(self) -> datetime:
        """The instant meant; a day without a time is taken at noon (see the policy above)."""
        return moment_on(self.day, self.time, self.zone)


def moment_on(day: date, at: dt.time | None = None, zone: str | None = None) -> datetime:
    return datetime.combine(
        day, at or TIME_WHEN_ONLY_THE_DAY_IS_KNOWN, tzinfo=ZONES[zone or DEFAULT_ZONE]
    )


@cache
def parse_day(day: str, month: str, year: str) -> date | None:
    """One calendar day from its written parts, or None when they make no day."""
    month = MONTH_SPELLINGS.get(month.lower().rstrip("."), month)
    if len(year) == 2:
        year = f"20{year}"
    parsed = dateparser.parse(
        f"{day} {month} {year}",
        languages=["id", "en"],
        settings={"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"],
                  "PARSERS": ["absolute-time"]},
    )  # fmt: skip
    return parsed.date() if parsed else None


def find_dates(text: str, *, reference: date | None = None) -> list[DateMention]:
    """Every date written in the text, in reading order.

    A date without a year ("Selasa (27/12)") or a bare weekday ("…, Selasa.") is read as the
    latest such day not after the reference day (the publication day); without a reference it
    is left out.
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(mention: DateMention | None):
        if mention and not any(s < mention.end and mention.start < e for s, e in taken):
            found.append(mention)
            taken.append((mention.start, mention.end))

    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            add(_mention_from_match(match, reference))
    if reference:
        for match in BARE_WEEKDAY.finditer(text):
            day = _latest_weekday(WEEKDAYS[_weekday_key(match["weekday"])], reference)
            add(DateMention(day=day, start=match.start("weekday"), end=match.end()))
    return sorted(found, key=lambda mention: mention.start)


def find_time_range(text: str) -> tuple[dt.time, dt.time | None, str | None] | None:
    """The first "pukul 09.00–12.00 WITA" in a text: start, end, zone."""
    match = TIME_RANGE.search(text)
    if not match:
        return None
    start = dt.time(int(match["hour"]), int(match["minute"]))
    end = dt.time(int(match["end_hour"]), int(match["end_minute"])) if match["end_hour"] else None
    zone = match["zone"].upper() if match["zone"] else find_zone(text)
    return start, end, zone


def find_zone(text: str) -> str | None:
    match = ZONE_ALONE.search(text)
    return match[1] if match else None


def _mention_from_match(match: re.Match, reference: date | None) -> DateMention | None:
    year = match["year"]
    if not year:
        if not reference:
            return None
        year = str(reference.year)
    day = parse_day(match["day"], match["month"], year)
    if day is None:
        return None
    if not match["year"] and reference and day > reference:
        # "(27/12)" read in January is last year's December.
        day = parse_day(match["day"], match["month"], str(reference.year - 1))
    groups = match.groupdict()
    at = dt.time(int(groups["hour"]), int(groups["minute"])) if groups.get("hour") else None
    zone = groups["zone"].upper() if groups.get("zone") else None
    return DateMention(
        day=day, start=match.start(), end=match.end(), time=at, zone=zone,
        news_day=match.re is NEWS_DAY,
    )  # fmt: skip


def _weekday_key(name: str) -> str:
    return name.lower().replace("’", "'")


def _latest_weekday(weekday: int, reference: date) -> date:
    return reference - timedelta(days=(reference.weekday() - weekday) % 7)
