"""Calendar days in the site's time zone (Asia/Jakarta): what a reader means by "a date"; and
dates in words."""

import functools
from datetime import date, datetime, time, timedelta

from django.utils import dateformat, formats, timezone, translation
from django.utils.dates import MONTHS, MONTHS_3, MONTHS_ALT, MONTHS_AP, WEEKDAYS, WEEKDAYS_ABBR


def local_day_start(day: date) -> datetime:
    """The first instant of a day in the site's time zone."""
    return datetime.combine(day, time.min, tzinfo=timezone.get_default_timezone())


def local_day_end(day: date) -> datetime:
    """The first instant after a day in the site's time zone (an exclusive bound)."""
    return local_day_start(day + timedelta(days=1))


# Format characters written here from the value and the language's names; any other, and any
# value that is not a datetime, goes through Django's DateFormat.
NATIVE = {
    "d": lambda value, names: f"{value.day:02d}",
    "j": lambda value, names: str(value.day),
    "D": lambda value, names: names["D"][value.weekday()],
    "l": lambda value, names: names["l"][value.weekday()],
    "F": lambda value, names: names["F"][value.month],
    "M": lambda value, names: names["M"][value.month],
    "N": lambda value, names: names["N"][value.month],
    "E": lambda value, names: names["E"][value.month],
    "m": lambda value, names: f"{value.month:02d}",
    "n": lambda value, names: str(value.month),
    "Y": lambda value, names: f"{value.year:04d}",
    "y": lambda value, names: f"{value.year % 100:02d}",
    "H": lambda value, names: f"{value.hour:02d}",
    "G": lambda value, names: str(value.hour),
    "i": lambda value, names: f"{value.minute:02d}",
    "s": lambda value, names: f"{value.second:02d}",
}


def in_words(value, format_name: str) -> str:
    """formats.date_format(value, format_name), the same words for a fraction of the time: a
    page of the finder shows twenty dates, and Django's DateFormat reads the format again and
    translates each month and day name again for every one (60 µs each, 1.2 ms a page)."""
    if not isinstance(value, datetime):
        return formats.date_format(value, format_name)
    pieces, names = compiled_format(format_name, translation.get_language())
    django = None
    words = []
    for kind, piece in pieces:
        if kind == "text":
            words.append(piece)
        elif piece in NATIVE:
            words.append(NATIVE[piece](value, names))
        else:
            django = django or dateformat.DateFormat(value)
            words.append(str(getattr(django, piece)()))
    return "".join(words)


@functools.lru_cache(maxsize=64)
def compiled_format(format_name: str, language: str | None) -> tuple[list, dict]:
    """The format of a language read once, as Django's get_format keeps it: its pieces, each
    literal text or a format character, and the language's month and day names."""
    with translation.override(language):
        names = {
            "D": [str(WEEKDAYS_ABBR[day]) for day in range(7)],
            "l": [str(WEEKDAYS[day]) for day in range(7)],
            "F": {month: str(name) for month, name in MONTHS.items()},
            "M": {month: str(name).title() for month, name in MONTHS_3.items()},
            "N": {month: str(name) for month, name in MONTHS_AP.items()},
            "E": {month: str(name) for month, name in MONTHS_ALT.items()},
        }
        text = str(formats.get_format(format_name, lang=language))
    pieces = []
    for index, piece in enumerate(dateformat.re_formatchars.split(text)):
        if index % 2:
            pieces.append(("character", piece))
        elif piece:
            pieces.append(("text", dateformat.re_escaped.sub(r"\1", piece)))
    return pieces, names
