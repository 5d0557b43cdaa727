"""Officials named in Indonesian news, with the title the text gives them.

Indonesian news names an official after the title: "Bupati Indramayu Nina Agustina",
"Kepala Dinas Kependudukan dan Pencatatan Sipil Moh. Iskak Iskandar", "Dirjen Politik dan
Pemerintahan Umum Kemendagri, Bahtiar". A title is a position ("Kepala", "Bupati") followed by
the body's name: recognised agencies, words that make up bodies' names, acronyms and a known
place. The capitalised words after it are the person's name.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsroom.agencies.recognition import (
    ACRONYM,
    AGENCY_NAME_WORDS,
    BODY_WORDS,
    CONNECTORS,
    REGION_PHRASE,
    AgencyDirectory,
    AgencyMention,
    normalise,
)

POSITIONS = [
    "Wakil Presiden", "Presiden", "Wakil Menteri", "Menteri", "Wakil Gubernur", "Gubernur",
    "Wakil Bupati", "Bupati", "Wakil Wali Kota", "Wakil Walikota", "Wali Kota", "Walikota",
    "Penjabat", "Pj.", "Pj", "Pelaksana Tugas", "Plt.", "Plt", "Sekretaris Daerah", "Sekda",
    "Sekretaris Jenderal", "Sekjen", "Direktur Jenderal", "Dirjen", "Direktur", "Deputi",
    "Kepala", "Kadis", "Kaban", "Kabid", "Kabag", "Kasubag", "Kasi", "Sekretaris",
    "Wakil Ketua", "Ketua", "Anggota", "Komisioner", "Staf Ahli", "Asisten", "Camat", "Lurah",
    "Kuwu", "Kapolres", "Kapolresta", "Kapolda", "Kapolsek", "Dandim", "Inspektur",
    "Koordinator", "Juru Bicara", "Jubir", "Kapusdatin", "Kapuspen",
]  # fmt: skip
# Positions of a place below a regency, always named with it: "Camat Jatibarang".
POSITIONS_OF_A_DISTRICT = {"Camat", "Lurah", "Kuwu", "Kapolsek"}
POSITION = re.compile(
    r"(?<![\w-])(?P<position>" + "|".join(re.escape(p) for p in POSITIONS) + r")(?![\w-])"
)
# Abbreviated first names, part of the name; honorifics, which are not.
NAME_ABBREVIATIONS = frozenset("Moh. Muh. Mohd. Moch. Much.".split())
INITIAL = re.compile(r"[A-Z]\.")
HONORIFICS = frozenset("H. Hj. Dr. dr. drg. Ir. Drs. Dra. Prof. KH. K.H. Ust. Hj H".split())
NAME_WORD = re.compile(r"[A-Z][a-z'’]+(?:-[A-Z]?[a-z]+)?")
# Capitalised words that start no one's name.
NOT_NAMES = frozenset(
    """
    Senin Selasa Rabu Kamis Jumat Sabtu Minggu Ahad Januari Februari Maret April Mei Juni Juli
    Agustus September Oktober November Desember Dalam Pada Yang Dan Di Ke Dari Untuk Dengan
    Tahun Hari Ini Itu Acara Kegiatan Pemilu Pilkada Webinar Rapat Sosialisasi Kantor Gedung
    Aula Pendopo Hotel Kabupaten Kota Provinsi Desa Kecamatan Pemerintah Bapak Ibu Saudara
    """.split()
).union(AGENCY_NAME_WORDS, BODY_WORDS)
DISTRICT = re.compile(r"\s+(?:(?:Kecamatan|Desa|Kelurahan)\s+)?[A-Z][a-z][\w-]*")
TITLE_WORDS = AGENCY_NAME_WORDS | BODY_WORDS
TOKEN = re.compile(r"\s*(\(|\)|,|[\w.'’&-]+)")


@dataclass(frozen=True)
class PersonMention:
    name: str
    title: str
    agency: str | None
    start: int
    end: int


def find_people(
    text: str,
    *,
    mentions: Sequence[AgencyMention],
    directory: AgencyDirectory,
    places: Iterable[str] = (),
    known_names: Iterable[str] = (),
) -> list[PersonMention]:
    """People named with a title, then known people named without one, each once."""
    places = set(places)
    found: list[PersonMention] = []
    # A title that names its agency ("Mendagri", "Bupati Indramayu") is a position too.
    titles = [m for m in mentions if normalise(m.text) in directory.title_names]
    positions = sorted(
        [(p.start(), p.end(), p["position"]) for p in POSITION.finditer(text)]
        + [(m.start, m.end, m.text) for m in titles]
    )
    for start, end, position in positions:
        if found and start < found[-1].end:
            continue
        title_end, agencies = _title_end(text, start, end, position, mentions, places)
        name_start, name_end = _name_span(text, title_end)
        for _retry in range(3):
            if name_start is None or not _title_goes_on(text, name_end, mentions):
                break
            # "Direktur Jenderal Aplikasi Informatika …": a word the vocabulary lacks, and the
            # title goes on after it; the name comes later.
            title_end, more = _title_end(text, name_end, name_end, "", mentions, places)
            agencies += more
            name_start, name_end = _name_span(text, title_end)
        if name_start is None:
            continue
        title = " ".join(text[start:title_end].split()).rstrip(",")
        agency = max(agencies, key=directory.depth, default=None)
        found.append(
            PersonMention(
                " ".join(text[name_start:name_end].split()), title, agency, start, name_end,
            )
        )  # fmt: skip
    for name in known_names:
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            found.append(PersonMention(name, "", None, match.start(), match.end()))
    return _once_each(sorted(found, key=lambda person: person.start))


def _title_goes_on(text: str, end: int, mentions: Sequence[AgencyMention]) -> bool:
    token = TOKEN.match(text, end)
    starts = {mention.start for mention in mentions}
    return bool(token) and (token[1] in TITLE_WORDS or token.start(1) in starts)


def _title_end(text, start, end, position, mentions, places) -> tuple[int, list[str]]:
    """Where a title that starts with a position ends, and the agencies it names."""
    agencies = []
    by_start = {mention.start: mention for mention in mentions}
    place = re.compile(
        r"\s+(?:(?:Kabupaten|Kota|Provinsi)\s+)?(?:"
        + "|".join(re.escape(place) for place in places)
        + r")(?![\w-])"
    ) if places else None  # fmt: skip
    if (named := by_start.get(start)) and named.end >= end:
        # The title itself names the agency ("Bupati Indramayu", "Dirjen Politik …").
        agencies.append(named.slug)
        end = named.end
    elif position in POSITIONS_OF_A_DISTRICT and (match := DISTRICT.match(text, end)):
        end = match.end()
    while True:
        mention = next(
            (m for start, m in by_start.items() if start >= end and not text[end:start].strip()),
            None,
        )
        if mention:
            agencies.append(mention.slug)
            end = mention.end
            continue
        # "Penjabat Sekretaris Daerah Papua": a position and a known place go on with the title.
        gap = len(text[end:]) - len(text[end:].lstrip())
        if (further := POSITION.match(text, end + gap)) or (
            place and (further := place.match(text, end))
        ):
            end = further.end()
            continue
        token = TOKEN.match(text, end)
        if not token:
            break
        word = token[1]
        following = TOKEN.match(text, token.end())
        next_word = following[1] if following else ""
        joins = (word in CONNECTORS or word == ",") and (
            next_word in AGENCY_NAME_WORDS or token.end() + len(next_word) in by_start
        )
        if word in TITLE_WORDS or ACRONYM.fullmatch(word) or joins:
            end = token.end()
        elif word == "(" and (closing := text.find(")", end, end + 30)) != -1:
            end = closing + 1
        elif region := REGION_PHRASE.match(text, end):
            end = region.end()
        else:
            break
    return end, agencies


def _name_span(text: str, start: int) -> tuple[int | None, int]:
    """Where the person's name after a title is: capitalised words, up to four, honorifics
    ("dr.", "H.") left out, abbreviated first names ("Moh.") and initials kept."""
    token = TOKEN.match(text, start)
    if token and token[1] == ",":
        start = token.end()
    words: list[tuple[int, int, str]] = []
    position = start
    while len(words) < 5 and (token := TOKEN.match(text, position)):
        word, position = token[1], token.end()
        bare = word.rstrip(".")
        if word in HONORIFICS and not words:
            continue
        if word in NAME_ABBREVIATIONS or INITIAL.fullmatch(word):
            words.append((token.start(1), token.end(1), word))
        elif NAME_WORD.fullmatch(bare) and bare not in NOT_NAMES:
            words.append((token.start(1), token.start(1) + len(bare), bare))
            if word != bare:
                break  # A full stop after a word ends the sentence, and the name with it.
        else:
            break
    real_words = [w for _, _, w in words if len(w) > 2 and not w.endswith(".")]
    if not real_words or len(words) > 4:
        return None, start
    return words[0][0], words[-1][1]


def _once_each(found: list[PersonMention]) -> list[PersonMention]:
    """One mention a person; a later one-word name under a title already held ("Presiden
    Jokowi" after "Presiden RI Joko Widodo") is the same person, not another."""
    people: dict[str, PersonMention] = {}
    holders: dict[str, str] = {}
    for person in found:
        title_key = re.sub(r"\s+RI$", "", person.title)
        if person.name in people:
            if not people[person.name].title and person.title:
                people[person.name] = person
            continue
        if title_key and title_key in holders and " " not in person.name:
            continue
        if any(person.name in other for other in people):
            continue
        people[person.name] = person
        if title_key:
            holders.setdefault(title_key, person.name)
    return list(people.values())
