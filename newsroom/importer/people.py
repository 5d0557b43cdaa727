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
    CONNECTORS,
    AgencyDirectory,
    AgencyMention,
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
# Positions of a place: "Bupati Indramayu", "Camat Lohbener".
POSITIONS_OF_A_PLACE = {
    "Bupati", "Wakil Bupati", "Wali Kota", "Walikota", "Wakil Wali Kota", "Wakil Walikota",
    "Gubernur", "Wakil Gubernur", "Camat", "Lurah", "Kuwu", "Kapolres", "Kapolresta",
    "Kapolda", "Kapolsek", "Dandim", "Sekda",
}  # fmt: skip
POSITION = re.compile(
    r"(?<![\w-])(?P<position>" + "|".join(re.escape(p) for p in POSITIONS) + r")(?![\w-])"
)
# Honorifics and abbreviated first names that belong to a person's name.
NAME_PREFIXES = frozenset(
    "H. Hj. Dr. dr. drg. Ir. Drs. Dra. Prof. Moh. Muh. Mohd. Moch. M. KH. K.H. Ust. Hj H".split()
)
NAME_WORD = re.compile(r"[A-Z][a-z'’]+(?:-[A-Z]?[a-z]+)?|[A-Z]\.")
NOT_NAMES = (
    frozenset(
        """
    Senin Selasa Rabu Kamis Jumat Sabtu Minggu Ahad Januari Februari Maret April Mei Juni Juli
    Agustus September Oktober November Desember Dalam Pada Yang Dan Di Ke Dari Untuk Dengan
    Tahun Hari Ini Itu Acara Kegiatan Pemilu Pilkada Webinar Rapat Sosialisasi Kantor Gedung
    Aula Pendopo Hotel Kabupaten Kota Provinsi Desa Kecamatan Pemerintah Kementerian Badan
    Dinas Bapak Ibu Saudara
    """.split()
    )
    | AGENCY_NAME_WORDS
)
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
    for position in POSITION.finditer(text):
        if found and position.start() < found[-1].end:
            continue
        title_end, agencies = _title_end(text, position, mentions, places)
        name_start, name_end = _name_span(text, title_end)
        if name_start is None:
            continue
        title = " ".join(text[position.start() : title_end].split()).rstrip(",")
        agency = max(agencies, key=directory.depth, default=None)
        found.append(
            PersonMention(
                " ".join(text[name_start:name_end].split()), title, agency, position.start(),
                name_end,
            )
        )  # fmt: skip
    for name in known_names:
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            found.append(PersonMention(name, "", None, match.start(), match.end()))
    return _once_each(sorted(found, key=lambda person: person.start))


def _title_end(text, position, mentions, places) -> tuple[int, list[str]]:
    end = position.end()
    agencies = []
    by_start = {mention.start: mention for mention in mentions}
    if (named := by_start.get(position.start())) and named.end > end:
        # The title itself names the agency ("Bupati Indramayu", "Dirjen Politik …").
        agencies.append(named.slug)
        end = named.end
    elif position["position"] in POSITIONS_OF_A_PLACE:
        for place in places:
            place_match = re.compile(rf"\s+(?:(?:Kabupaten|Kota|Provinsi)\s+)?{re.escape(place)}")
            if match := place_match.match(text, end):
                end = match.end()
                break
    while True:
        mention = next(
            (m for start, m in by_start.items() if start >= end and not text[end:start].strip()),
            None,
        )
        if mention:
            agencies.append(mention.slug)
            end = mention.end
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
        if word in AGENCY_NAME_WORDS or ACRONYM.fullmatch(word) or joins:
            end = token.end()
        elif word == "(" and (closing := text.find(")", end, end + 30)) != -1:
            end = closing + 1
        else:
            break
    return end, agencies


def _name_span(text: str, start: int) -> tuple[int | None, int]:
    """Where the person's name after a title is: capitalised words, up to four."""
    token = TOKEN.match(text, start)
    if token and token[1] == ",":
        start = token.end()
    words, name_start, end = [], None, start
    while len(words) < 5 and (token := TOKEN.match(text, end)):
        word = token[1]
        if word in NAME_PREFIXES:
            pass
        elif NAME_WORD.fullmatch(word.rstrip(".")) and word.rstrip(".") not in NOT_NAMES:
            if word.endswith(".") and len(word) > 2:
                # A full stop after a word ends the sentence, and the name with it.
                word = word.rstrip(".")
                words.append(word)
                name_start = token.start(1) if name_start is None else name_start
                end = token.start(1) + len(word)
                break
            words.append(word)
        else:
            break
        name_start = token.start(1) if name_start is None else name_start
        end = token.end()
    if not any(word not in NAME_PREFIXES and len(word) > 2 for word in words) or len(words) > 4:
        return None, start
    return name_start, end


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
