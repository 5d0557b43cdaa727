"""Agencies recognised in Indonesian text, from the directory's names, short names and aliases.

The rules, each in one place here:
- an official's title names the agency: "Dirjen Politik dan Pemerintahan Umum" is Ditjen
  Polpum, "Bupati Indramayu" is Pemerintah Kabupaten Indramayu (OFFICIAL_TITLES);
- acronyms ("KPU", "BKD") match in their case and as whole words only, so "KPU" is not found
  in "KPUD" nor "bkd" in running text; other names match in any case, also as whole words;
- a regional office is named without its place in its own region's news ("Dinas Kependudukan
  dan Pencatatan Sipil" in a document from Indramayu);
- the longest name wins where names overlap ("Bagian Tata Pemerintahan Setda Indramayu" over
  "Setda Indramayu").
The recogniser works on plain entries, so it runs from the database or from a fixture file.
"""

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

# How an official's title names the agency: the agency's name starts with the first part, the
# title with one of the others, and the rest is the same ("Direktorat Jenderal X" → "Dirjen X").
OFFICIAL_TITLES = [
    ("Direktorat Jenderal ", ["Direktur Jenderal ", "Dirjen "]),
    ("Ditjen ", ["Dirjen "]),
    ("Kementerian ", ["Menteri "]),
    ("Pemerintah Kabupaten ", ["Bupati "]),
    ("Pemkab ", ["Bupati "]),
    ("Pemerintah Kota ", ["Wali Kota ", "Walikota "]),
    ("Pemkot ", ["Wali Kota ", "Walikota "]),
    ("Pemerintah Provinsi ", ["Gubernur "]),
    ("Pemprov ", ["Gubernur "]),
    ("Sekretariat Daerah ", ["Sekretaris Daerah ", "Sekda "]),
    ("Setda ", ["Sekda "]),
    ("Kepolisian Resor ", ["Kapolres "]),
    ("Polres ", ["Kapolres "]),
]
# "Kemendagri" → "Mendagri": a ministry's short name without "Ke" is its minister.
MINISTRY_SHORT_NAME = re.compile(r"^Kemen(?=[a-z]{3})")
# "Pemerintah Kabupaten Indramayu" → the region "Indramayu".
REGIONAL_GOVERNMENT_NAME = re.compile(
    r"^(?:Pemerintah\s+(?:Daerah\s+)?(?:Kabupaten|Kota|Provinsi)|Pemkab|Pemkot|Pemprov)\s+(.+)$"
)
REGION_WORDS = r"(?:Kabupaten|Kab\.|Kota|Provinsi|Prov\.)"
ACRONYM = re.compile(r"\b[A-Z]{2,}\b")
WORD_BEFORE = r"(?<![\w-])"
# A name ends a word, and is not the start of a web address ("bawaslu.go.id").
WORD_AFTER = r"(?![\w]|\.\w)"
# "Komisi Pemilihan Umum (KPU) Provinsi Jawa Barat": an acronym may sit inside a name.
BETWEEN_WORDS = r"\s+(?:\([^()]{1,20}\)\s+)?"


@dataclass(frozen=True)
class AgencyEntry:
    """An agency as the recogniser needs it."""

    slug: str
    name: str
    short_name: str = ""
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    kind: str = ""
    level: str = ""

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True)
class AgencyMention:
    slug: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class NamePattern:
    slug: str
    pattern: re.Pattern
    # Set for a name given without its place: it counts only in that region's documents.
    region: str | None = None


@dataclass
class AgencyDirectory:
    entries: dict[str, AgencyEntry]
    patterns: list[NamePattern] = field(init=False)
    by_name: dict[str, str] = field(init=False)
    # Officials' titles that name an agency ("bupati indramayu", "mendagri"), normalised.
    title_names: set[str] = field(init=False)

    def __post_init__(self):
        names = [
            (entry.slug, name, region)
            for entry in self.entries.values()
            for name, region in self._names(entry)
        ]
        self.patterns = [
            NamePattern(slug, name_pattern(name), region) for slug, name, region in names
        ]
        self.by_name = {}
        for slug, name, _ in names:
            self.by_name.setdefault(normalise(name), slug)
        self.title_names = {
            normalise(title)
            for entry in self.entries.values()
            for name in [entry.name, entry.short_name, *entry.aliases]
            for title in official_titles(name)
        }

    @classmethod
    def from_entries(cls, entries: Iterable[AgencyEntry]) -> "AgencyDirectory":
        return cls({entry.slug: entry for entry in entries})

    @classmethod
    def from_database(cls) -> "AgencyDirectory":
        from newsroom.agencies.models import Agency

        agencies = Agency.objects.select_related("parent").prefetch_related("aliases")
        return cls.from_entries(
            AgencyEntry(
                slug=agency.slug,
                name=agency.name,
                short_name=agency.short_name,
                aliases=tuple(alias.name for alias in agency.aliases.all()),
                parent=agency.parent.slug if agency.parent else None,
                kind=agency.kind,
                level=agency.level,
            )
            for agency in agencies
        )

    @classmethod
    def from_fixture(cls, path: Path) -> "AgencyDirectory":
        """The directory in a Django fixture file (agencies and aliases by natural key)."""
        objects = json.loads(path.read_text(encoding="utf-8"))
        aliases: dict[str, list[str]] = {}
        for obj in objects:
            if obj["model"] == "agencies.agencyalias":
                aliases.setdefault(obj["fields"]["agency"][0], []).append(obj["fields"]["name"])
        return cls.from_entries(
            AgencyEntry(
                slug=fields["slug"],
                name=fields["name"],
                short_name=fields["short_name"],
                aliases=tuple(aliases.get(fields["slug"], [])),
                parent=fields["parent"][0] if fields["parent"] else None,
                kind=fields["kind"],
                level=fields["level"],
            )
            for obj in objects
            if obj["model"] == "agencies.agency"
            for fields in [obj["fields"]]
        )

    def ancestors(self, slug: str) -> list[str]:
        found = []
        parent = self.entries[slug].parent
        while parent and parent not in found:
            found.append(parent)
            parent = self.entries[parent].parent if parent in self.entries else None
        return found

    def depth(self, slug: str) -> int:
        return len(self.ancestors(slug))

    def region(self, slug: str) -> str | None:
        """The regency, city or province an agency belongs to ("Indramayu"), if any."""
        for candidate in [slug, *self.ancestors(slug)]:
            if match := REGIONAL_GOVERNMENT_NAME.match(self.entries[candidate].name):
                return match[1]
        return None

    def lookup(self, text: str) -> AgencyEntry | None:
        """The agency a whole text names ("DISKOMINFO INDRAMAYU"), in any case."""
        slug = self.by_name.get(normalise(text))
        return self.entries[slug] if slug else None

    def recognise(self, text: str, *, region: str | None = None) -> list[AgencyMention]:
        """Agencies named in the text, in reading order, without overlaps (longest first).

        Names given without their place count only when region is their region.
        """
        candidates = [
            AgencyMention(pattern.slug, match.start(), match.end(), match.group())
            for pattern in self.patterns
            if pattern.region is None or pattern.region == region
            for match in pattern.pattern.finditer(text)
        ]
        chosen: list[AgencyMention] = []
        for mention in sorted(candidates, key=lambda m: (m.start - m.end, m.start)):
            if not any(m.start < mention.end and mention.start < m.end for m in chosen):
                chosen.append(mention)
        return sorted(chosen, key=lambda m: m.start)

    def regions(self) -> set[str]:
        """Every region the directory has a government for."""
        return {region for slug in self.entries if (region := self.region(slug))}

    def regions_named(self, mentions: Iterable[AgencyMention]) -> list[str]:
        regions = []
        for mention in mentions:
            region = self.region(mention.slug)
            if region and region not in regions:
                regions.append(region)
        return regions

    def _names(self, entry: AgencyEntry) -> list[tuple[str, str | None]]:
        names = [entry.name, entry.short_name, *entry.aliases]
        names += [title for name in names for title in official_titles(name)]
        names = list(dict.fromkeys(name.strip() for name in names if name.strip()))
        region = self.region(entry.slug) if entry.kind != "regional_government" else None
        placeless = []
        if region:
            without_place = re.compile(rf"(?:\s+{REGION_WORDS})?\s+{re.escape(region)}$")
            placeless = [without_place.sub("", name) for name in names]
        return [(name, None) for name in names] + [
            (name, region)
            for name in dict.fromkeys(placeless)
            if name not in names and len(name) >= 3
        ]


def official_titles(name: str) -> list[str]:
    titles = [
        title + name.removeprefix(agency_part)
        for agency_part, title_parts in OFFICIAL_TITLES
        if name.startswith(agency_part)
        for title in title_parts
    ]
    if MINISTRY_SHORT_NAME.match(name):
        titles.append(MINISTRY_SHORT_NAME.sub("Men", name))
    return titles


def name_pattern(name: str) -> re.Pattern:
    """A name as a whole-word pattern; acronyms in their case, other words in any case."""
    parts = []
    for word in name.split():
        escaped = re.escape(word)
        parts.append(escaped if ACRONYM.fullmatch(word) else f"(?i:{escaped})")
    return re.compile(WORD_BEFORE + BETWEEN_WORDS.join(parts) + WORD_AFTER)


def normalise(text: str) -> str:
    return " ".join(text.casefold().split())


# Words that start the name of a government body, to report those the directory lacks.
AGENCY_HEADS = (
    r"Kementerian|Kemenko|Badan|Dinas|Direktorat(?:\s+Jenderal)?|Ditjen|Komisi|Lembaga|Dewan|"
    r"Sekretariat(?:\s+Daerah)?|Pemerintah\s+(?:Kabupaten|Kota|Provinsi)|Pemkab|Pemkot|"
    r"Pemprov|Kantor|Biro|Bagian|Balai(?!\s+(?:Kota|Desa|Kelurahan|Pertemuan|Warga))|Inspektorat|Kepolisian|Polres|Polresta|Polda|Kejaksaan|"
    r"Kejari|Pengadilan|Kecamatan|Kelurahan|Rumah\s+Sakit|RSUD|Puskesmas|Universitas|DPRD|"
    r"Bappeda|Bapenda|BPBD|BKPSDM|Satpol\s+PP|Diskominfo|Diskominfotik|Disdukcapil|Dinkes|"
    r"Disdik|Dishub|Dinsos|Disnaker|Disperindag|Kesbangpol|Bakesbangpol"
)
# Words that continue a body's name ("Dinas Kependudukan dan Pencatatan Sipil"); a word not
# here ends it, so that the official's name after it is not taken for part of it.
AGENCY_NAME_WORDS = frozenset(
    """
    Agama Air Aparatur Arsip Bangsa Bencana Bidang Budaya Daerah Dalam Desa Digital Ekonomi
    Energi Informasi Informatika Kebudayaan Kebersihan Kehutanan Kelautan Keluarga Kependudukan
    Kepegawaian Kesatuan Kesehatan Kesejahteraan Ketahanan Ketenagakerjaan Keuangan Komunikasi
    Koordinator Koperasi Lingkungan Luar Manusia Masyarakat Menengah Mikro Modal Negara Negeri
    Olahraga Organisasi Pariwisata Pelayanan Pembangunan Pemadam Kebakaran Pemberdayaan
    Pemerintahan Pemilihan Pemilu Penanaman Penanggulangan Pencatatan Pendapatan Pendidikan
    Pengawas Pengembangan Penataan Penelitian Perdagangan Perempuan Perencanaan Perhubungan
    Perikanan Perindustrian Perlindungan Pertahanan Pertanahan Pertanian Perumahan Pemuda
    Perpustakaan Pekerjaan Peternakan Politik Pintu Pusat Rakyat Ruang Satu Sipil Sosial
    Statistik Sumber Daya Tata Tenaga Kerja Terpadu Transmigrasi Umum Usaha Wilayah Hidup Anak
    Hukum Hak Asasi Kecil Kemasyarakatan Keamanan Ketertiban Kesbangpol Nasional Republik
    Indonesia RI Khusus Kawasan Permukiman Lalu Lintas Jalan Raya Dasar Tinggi Pemerintah
    Persandian Pangan Perwakilan Pelaksana Aplikasi Humas Hubungan Protokol Pimpinan
    """.split()
)
# Words that name a kind of body; in an official's title they continue it ("Kepala Dinas …").
BODY_WORDS = frozenset(
    """
    Dinas Badan Kementerian Komisi Direktorat Jenderal Sekretariat Bagian Balai Biro Lembaga
    Dewan Inspektorat Kepolisian Satuan Unit Seksi Subbagian Divisi Deputi
    """.split()
)
CONNECTORS = frozenset({"dan", "&", "serta"})
# Names that look like a body's but name none in particular.
GENERIC_NAMES = frozenset(
    normalise(name)
    for name in [
        "Pemerintah Pusat", "Pemerintah Daerah", "Badan Usaha", "Dinas Terkait", "Pemerintah",
        "Kementerian", "Lembaga", "Dewan", "Badan", "Dinas", "Kantor", "Bagian", "Bidang",
        "Biro", "Balai", "Komisi", "Direktorat", "Sekretariat", "Inspektorat",
    ]
)  # fmt: skip
# Heads followed by the place's name itself ("Polres Indramayu", "Kecamatan Lohbener").
PLACE_TAKING_HEAD = re.compile(
    r"[A-Z]{2,}|Satpol\s+PP|Pemerintah\s+(?:Kabupaten|Kota|Provinsi)|Pemkab|Pemkot|Pemprov|Polres|Polresta|Polda|Kejari|Bappeda|Bapenda|"
    r"Dis[a-z]+|Dinkes|Dinsos|Kesbangpol|Bakesbangpol|Kecamatan|Kelurahan|Puskesmas|Universitas"
)
AGENCY_HEAD = re.compile(rf"(?<![\w-])(?:{AGENCY_HEADS})(?![\w-])")
PLACE_NAME = r"[A-Z][a-z][\w-]+(?:\s+(?:Barat|Timur|Utara|Selatan|Tengah|Raya))?"
REGION_PHRASE = re.compile(rf"\s+{REGION_WORDS}\s+{PLACE_NAME}")
BRACKETED_ACRONYM = re.compile(r"\s*\([A-Z][A-Za-z]{1,12}\)")
NEXT_WORD = re.compile(r"\s+([A-Za-z&][\w&-]*)")
PLACE_WORD = re.compile(rf"\s+({PLACE_NAME})")


def unrecognised_agency_names(text: str, mentions: Iterable[AgencyMention]) -> list[str]:
    """Names that look like a government body's and that the directory does not know."""
    known = [(mention.start, mention.end) for mention in mentions]
    names, read_up_to = [], 0
    for mention in mentions:
        # "Badan Pengawas Pemilihan Umum Kabupaten Indramayu": a known body's office in a
        # region the directory does not have.
        if region := REGION_PHRASE.match(text, mention.end):
            names.append(" ".join(f"{mention.text}{region.group()}".split()))
    for head in AGENCY_HEAD.finditer(text):
        start = head.start()
        if start < read_up_to or any(s <= start < e for s, e in known):
            continue  # inside a name already read: "(Bappeda)" after "Badan Perencanaan …"
        takes_place = PLACE_TAKING_HEAD.fullmatch(head.group()) is not None
        end = read_up_to = _name_end(text, head.end(), takes_place=takes_place)
        name = " ".join(text[start:end].split())
        overlaps = any(s < end and start < e for s, e in known)
        if not overlaps and normalise(name) not in GENERIC_NAMES and name not in names:
            names.append(name)
    return names


def _name_end(text: str, end: int, *, takes_place: bool) -> int:
    """Where a body's name that starts before end stops: its words, then its region."""
    while True:
        if acronym := BRACKETED_ACRONYM.match(text, end):
            end = acronym.end()  # "Badan Perencanaan Pembangunan Daerah (Bappeda) Kabupaten …"
            continue
        if not (match := NEXT_WORD.match(text, end)):
            break
        word = match[1]
        following = NEXT_WORD.match(text, match.end())
        joins = word in CONNECTORS and following and following[1] in AGENCY_NAME_WORDS
        if word in AGENCY_NAME_WORDS or ACRONYM.fullmatch(word) or joins:
            end = match.end()
        else:
            break
    if region := REGION_PHRASE.match(text, end):
        return region.end()
    if takes_place and (place := PLACE_WORD.match(text, end)) and place[1] not in AGENCY_NAME_WORDS:
        return place.end()
    return end
