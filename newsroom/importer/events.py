"""Events that Indonesian news describes: a webinar, a meeting (rapat), a socialisation…

A sentence describes an event when it names a kind of event and says that it was held
("menggelar", "berlangsung"), when ("Selasa (3/1/2023)") or how it was attended ("secara
daring", "bertempat di"). An article speaks of one event of a kind, named once a sentence:
in "webinar sosialisasi indeks kerawanan pemilu" the socialisation is the webinar's theme.
An event no sentence dates is left out: "rapat konsolidasi … beberapa waktu yang lalu" is
background, not an event to list.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from newsroom.agencies.recognition import AgencyDirectory, AgencyMention
from newsroom.events.models import Event
from newsroom.importer.datelines import find_dates, find_time_range
from newsroom.importer.page import headline_case

Kind = Event.Kind
Attendance = Event.AttendanceMode

# Longest first: "rapat koordinasi" before "rapat".
EVENT_KINDS = [
    (r"webinar|seminar\s+(?:daring|online|virtual)", Kind.WEBINAR),
    (r"konferensi\s+pers|jumpa\s+pers|press\s+conference", Kind.PRESS_CONFERENCE),
    (r"sosialisasi", Kind.SOCIALISATION),
    (
        r"rapat\s+(?:koordinasi|kerja|paripurna|dengar\s+pendapat|evaluasi|pleno|teknis)|"
        r"rapat|rakor\w*|raker\w*|focus\s+group\s+discussion|FGD|musyawarah\s+perencanaan"
        r"\s+pembangunan|musrenbang\w*|audiensi",
        Kind.MEETING,
    ),
    (
        r"upacara|apel(?:\s+siaga|\s+pagi|\s+gabungan)?|pelantikan|peresmian|peluncuran|"
        r"launching|penandatanganan",
        Kind.CEREMONY,
    ),
    (
        r"seminar|lokakarya|workshop|pelatihan|bimbingan\s+teknis|bimtek|sarasehan|talkshow|"
        r"gelar\s+wicara|dialog\s+publik|festival|pameran|jalan\s+sehat|kunjungan\s+kerja",
        Kind.OTHER,
    ),
]
KIND_WORD = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?P<k{i}>{p})" for i, (p, _) in enumerate(EVENT_KINDS)) + r")"
    r"(?![\w-])",
    re.IGNORECASE,
)
HELD = re.compile(
    r"\b(?:menggelar|digelar|menyelenggarakan|diselenggarakan|mengadakan|diadakan|"
    r"melaksanakan|dilaksanakan|berlangsung|membuka|dibuka|mengikuti|diikuti|akan\s+digelar)\b",
    re.IGNORECASE,
)
ONLINE = re.compile(
    r"\b(?:daring|virtual|secara\s+online|zoom(?:\s+meeting)?|video\s*conference|"
    r"vicon|live\s+streaming|siaran\s+langsung)\b",
    re.IGNORECASE,
)
IN_PERSON = re.compile(r"\b(?:luring|tatap\s+muka|secara\s+langsung|offline)\b", re.IGNORECASE)
HYBRID = re.compile(r"\b(?:hybrid|hibrida?)\b", re.IGNORECASE)
ONLINE_LINK = re.compile(
    r"https?://(?:[\w-]+\.)*(?:zoom\.us|meet\.google\.com|youtube\.com|youtu\.be|"
    r"teams\.microsoft\.com)/\S+",
    re.IGNORECASE,
)
# Sentences that say who attended, to tell participants from agencies only mentioned.
ATTENDANCE = re.compile(
    r"\b(?:turut\s+hadir|hadir\s+pula|hadir\s+dalam|tampak\s+hadir|dihadiri|didampingi|"
    r"diwakili|diikuti\s+oleh|bertempat\s+di|mengikuti\s+(?:kegiatan|acara|webinar|rapat))\b",
    re.IGNORECASE,
)
THEME_MARKER = re.compile(
    r"\s*(?:bertajuk|bertema(?:kan)?|dengan\s+tema|mengusung\s+tema|mengangkat\s+tema|"
    r"berjudul|bertopik|tentang|mengenai)?\s*:?\s*",
    re.IGNORECASE,
)
QUOTED = re.compile(r"[\"“]([^\"”]{3,200})[\"”]")
VENUE = re.compile(
    r"\b(?:bertempat\s+di|berlokasi\s+di|di)\s+(?=(?:Aula|Gedung|Hotel|Pendopo|Pendapa|Ruang|"
    r"Kantor|Balai|Auditorium|Graha|Wisma|Lapangan|Alun-alun|Masjid|Convention|Hall|Taman|"
    r"Stadion|GOR|Rumah\s+Dinas)\b|(?<=bertempat di )|(?<=berlokasi di ))",
    re.IGNORECASE,
)
NAME_TOKEN = re.compile(r"\s*(\([^)]{1,40}\)|[A-Z0-9][\w'’./-]*|[a-z]+)")
NAME_CONNECTORS = frozenset(
    "dan ke dari dalam untuk yang bagi serta pada menuju tentang dengan terhadap tahun".split()
)
# Words that end a theme written in lower case.
THEME_ENDS = frozenset(
    """di ke dari pada yang dengan untuk guna dalam bersama oleh secara bertempat sebagai agar
    ini itu tersebut serta dan atau hari tahun""".split()
)
WEEKDAYS_AND_MONTHS = frozenset(
    """Senin Selasa Rabu Kamis Jumat Sabtu Minggu Januari Februari Maret April Mei Juni Juli
    Agustus September Oktober November Desember""".split()
)


@dataclass
class EventFound:
    kind: str
    title: str
    day: date
    start_time: object = None
    end_time: object = None
    zone: str | None = None
    attendance: str = Attendance.IN_PERSON
    venue: str = ""
    online_url: str = ""
    organiser: str | None = None
    participants: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)


def find_events(
    sentences: list[tuple[int, str]],
    *,
    directory: AgencyDirectory,
    mentions_in: dict[str, list[AgencyMention]],
    lead_agency: str | None,
    people: list[tuple[str, str | None]],
    reference: date | None,
    fallback_day: date | None,
    place: str = "",
) -> list[EventFound]:
    """Events in an article's sentences, given as (paragraph number, sentence) pairs.

    mentions_in maps each sentence to the agencies recognised in it; people are (name,
    agency) pairs; reference is the publication day, for dates written without a year.
    """
    groups: dict[str, list[tuple[int, str, re.Match]]] = {}
    for paragraph, sentence in sentences:
        match = KIND_WORD.search(sentence)
        if match and (
            HELD.search(sentence) or find_dates(sentence, reference=reference)
            or ONLINE.search(sentence) or IN_PERSON.search(sentence)
        ):  # fmt: skip
            groups.setdefault(_kind_of(match), []).append((paragraph, sentence, match))
    events = []
    for kind, described in groups.items():
        event = _event(kind, described, reference, fallback_day)
        if event is None:
            continue
        first = described[0][1]
        scope = [s for _, s in sentences] if not events else [s for _, s, _ in described]
        _attendance(event, " ".join(scope), place)
        event.organiser = _organiser(first, described[0][2], mentions_in[first], directory)
        event.organiser = event.organiser or lead_agency
        if event.organiser and event.title == headline_case(described[0][2].group()):
            # Only the kind is known: "Rapat Koordinasi Pemkot Mataram".
            event.title = f"{event.title} {directory.entries[event.organiser].display_name}"
        excluded = (
            {event.organiser, *directory.ancestors(event.organiser)} if event.organiser else set()
        )
        event.participants = list(
            dict.fromkeys(
                mention.slug
                for sentence in scope
                if ATTENDANCE.search(sentence)
                for mention in mentions_in[sentence]
                if mention.slug not in excluded
            )
        )
        event.speakers = [
            name
            for name, agency in people
            if agency and event.organiser
            and (agency == event.organiser or event.organiser in directory.ancestors(agency))
        ]  # fmt: skip
        events.append(event)
    return events


def _kind_of(match: re.Match) -> str:
    index = next(int(name[1:]) for name, value in match.groupdict().items() if value)
    return EVENT_KINDS[index][1]


def _event(kind, described, reference, fallback_day) -> EventFound | None:
    titles, day, times = [], None, None
    for _, sentence, match in described:
        titles.append(_title(sentence, match))
        dates = find_dates(sentence, reference=reference)
        day = day or (dates[0].day if dates else None)
        times = times or find_time_range(sentence)
    if day is None and described[0][0] == 0 and HELD.search(described[0][1]):
        # Held, says the lead, without a day: the day the story reports.
        day = fallback_day
    if day is None:
        return None
    # A title with the theme over the kind alone ("Webinar").
    title = max(titles, key=lambda title: len(title.split()) > 2)
    event = EventFound(kind=kind, title=title, day=day, evidence=[s for _, s, _ in described])
    if times:
        event.start_time, event.end_time, event.zone = times
    return event


def _title(sentence: str, match: re.Match) -> str:
    """ "Webinar" and its theme: "webinar bertajuk Sosialisasi IKP 2024" → "Webinar
    Sosialisasi IKP 2024"."""
    kind_words = headline_case(match.group())
    marker = THEME_MARKER.match(sentence, match.end())
    quoted = QUOTED.match(sentence, marker.end())
    theme = quoted[1] if quoted else capitalised_run(sentence, marker.end())
    if not theme and not marker.group().strip():
        theme = _described_as(sentence, match.end())
    if not theme:
        return kind_words
    theme = headline_case(theme)
    return theme if theme.casefold().startswith(kind_words.casefold()) else f"{kind_words} {theme}"


def _described_as(text: str, start: int) -> str:
    """A theme in lower case after the kind: "rapat koordinasi percepatan penurunan stunting
    di Aula …" → "percepatan penurunan stunting"."""
    words = []
    for word in re.findall(r"[\w-]+|\S", text[start:]):
        ends = word.lower() in THEME_ENDS or word.startswith(("me", "ber"))
        if ends or not (word[0].isalnum()) or word in WEEKDAYS_AND_MONTHS:
            break
        words.append(word)
    return " ".join(words) if 0 < len(words) <= 8 else ""


def capitalised_run(text: str, start: int) -> str:
    """The name that starts at start: capitalised words, numbers, parenthesised acronyms and
    the small words between them."""
    words, end, position = [], start, start
    while token := NAME_TOKEN.match(text, position):
        word = token[1]
        position = token.end()
        if word[0].isupper() or word[0].isdigit() or word.startswith("("):
            if word.rstrip(".") in WEEKDAYS_AND_MONTHS:
                break
            words.append(word)
            end = token.end()
            if word.endswith(".") and not re.fullmatch(r"[A-Z]\.|\d+\.", word):
                break
        elif word.lower() not in NAME_CONNECTORS:
            break
    return text[start:end].strip().rstrip(".") if words else ""


def _attendance(event: EventFound, text: str, place: str) -> None:
    online = bool(ONLINE.search(text)) or event.kind == Kind.WEBINAR
    in_person = bool(IN_PERSON.search(text))
    if HYBRID.search(text) or (online and in_person):
        event.attendance = Attendance.HYBRID
    elif online:
        event.attendance = Attendance.ONLINE
    if venue := VENUE.search(text):
        event.venue = capitalised_run(text, venue.end())
        if event.venue and place and not event.venue.endswith(place):
            event.venue = f"{event.venue}, {place}"
    if link := ONLINE_LINK.search(text):
        event.online_url = link.group().rstrip(".,)")


def _organiser(sentence, match, mentions, directory) -> str | None:
    """The agency that holds the event: the most specific one named before the kind word
    ("Direktorat Jenderal … pada Kementerian Dalam Negeri menggelar webinar")."""
    held = HELD.search(sentence)
    cut = min(match.start(), held.start()) if held else match.start()
    before = [mention.slug for mention in mentions if mention.start < cut]
    return max(before, key=directory.depth, default=None)
