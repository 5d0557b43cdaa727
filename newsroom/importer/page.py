"""How a news page copied as text is laid out, and what on it is not the article.

A copied page has, in some order: a headline (perhaps twice), a byline ("author Uswatun
Hasanah", "Penulis: …"), a dateline ("Selasa, 27 Des 2022 14:08 WIB"), the article — its
first paragraph opening with the outlet and place ("JAKARTA, KOMPAS.com –", "Optika.id -",
"DISKOMINFO INDRAMAYU –") — interrupted by page furniture ("Baca Juga: …", "ADVERTISEMENT",
"SCROLL TO RESUME CONTENT"), then the editor's credit and the rest of the site ("BERITA
TERBARU", related stories), which ends the article.
"""

import re
from dataclasses import dataclass, field

from newsroom.agencies.recognition import ACRONYM, AgencyDirectory
from newsroom.importer.datelines import DateMention, find_dates

# Lines that are the page, not the article.
JUNK_LINE = re.compile(
    r"""^(?:
        (?:baca|lihat|simak)\s+(?:juga|pula)\b.*
      | simak\s+(?:breaking|berita|informasi|video)\b.*
      | artikel\s+ini\s+telah\s+(?:tayang|terbit)\b.*
      | advertisement | iklan | ads | sponsored | konten\s+sponsor
      | scroll\s+(?:to|untuk)\s+(?:resume|continue|lanjut).*
      | (?:bagikan|share)(?:\s+(?:artikel|berita|ini))?\s*:?.{0,40}
      | (?:ikuti|follow)\s+(?:kami|berita|akun|saluran).*
      | (?:dapatkan|download|unduh)\s+(?:update|berita|aplikasi).*
      | (?:foto|ilustrasi|gambar|video)\s*:.*
      | (?:tags?|tag\s+terkait|topik|kategori|label)\s*:.*
      | (?:copyright|hak\s+cipta)\b.* | ©.*
      | (?:halaman|page)\s+\d+.* | selanjutnya | sebelumnya | next | prev(?:ious)?
      | [-–•·|]*\s*(?:author|penulis|reporter|wartawan|pewarta|editor|redaktur|kontributor)
      | (?:beranda|home)\s*[>»/].*
      | \([^()]{1,40}\)
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# Headings after which the page lists other stories: the article is over.
END_OF_ARTICLE = re.compile(
    r"^(?:berita|artikel|baca)\s+(?:terbaru|terkait|lainnya|populer|pilihan)\b.*$"
    r"|^(?:terpopuler|terkini|rekomendasi|komentar|tulis\s+komentar)\b.*$"
    # A press release's closing boilerplate.
    r"|^tentang\s+[A-Z][^.]{0,80}$|^untuk\s+informasi\s+(?:lebih\s+lanjut|selengkapnya)\b.*$",
    re.IGNORECASE,
)
# Credit lines: "author Uswatun Hasanah", "Penulis: A | Editor: B", "Editor : Pahlevi".
CREDIT = re.compile(
    r"^[-–•]?\s*(?P<label>author|penulis|reporter|wartawan|pewarta|ditulis\s+oleh|oleh|"
    r"kontributor|editor|redaktur|penyunting|sumber)\s*(?::|\s[-–]\s|\s)\s*(?P<value>.+)$",
    re.IGNORECASE,
)
# "Rahel Narda Chaterine - detikNews", "Laporan Wartawan Tribun-Timur.com, Siti Aminah".
BYLINE_WITH_OUTLET = re.compile(
    r"^(?:(?P<name>[A-Z][\w.'’ ]{2,60}?)\s+-\s+(?P<outlet>detik\w*|[\w-]+\.(?:com|id))"
    r"|Laporan\s+(?:Wartawan|Reporter|Jurnalis)\s+(?P<outlet_first>\S+?),\s*"
    r"(?P<name_last>[A-Z][\w.'’ ]{2,60}))$",
    re.IGNORECASE,
)
CREDIT_PARTS = re.compile(
    r"\s*[|·]\s*|\s*,\s*(?=(?:editor|redaktur|penyunting)\b)|\s+[-–]\s+", re.IGNORECASE
)
EDITOR_LABELS = {"editor", "redaktur", "penyunting"}
SOURCE_LABELS = {"sumber"}
# "(ant/abc)", "(rls)": the writers' initials that close an article.
CLOSING_INITIALS = re.compile(r"\s*\((?:[a-z]{2,5}|\*+)(?:/[a-z]{2,5})*\)\s*$", re.IGNORECASE)
# The separator between the dateline prefix and the story: a dash with a space on one side.
PREFIX_SEPARATOR = re.compile(r"\s+[–—-]{1,2}\s*|\s*[–—]\s+|(?<=[A-Za-z)])-\s+")
DOMAIN = re.compile(
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:co\.id|go\.id|or\.id|web\.id|id|com|co|net|org|news|info)\b",
    re.IGNORECASE,
)
PARENTHESISED = re.compile(r"\(([^)]{2,40})\)")
# Bodies whose name opens an outlet's dateline: "DISKOMINFO INDRAMAYU", "HUMAS PEMKOT MATARAM".
OUTLET_HEAD = re.compile(
    r"^(?:Diskominfo\w*|Kominfo|Humas|Prokopim|Pemkab|Pemkot|Pemprov|Setda|Setwan|Media\s+Center|"
    r"MC|Bagian\s+\w+|Dinas\s+Komunikasi\s+dan\s+Informatika)\b",
    re.IGNORECASE,
)
# "kata Bahtiar … di Jakarta, Selasa (27/12/2022)": the dateline place in the story itself.
PLACE_IN_STORY = re.compile(
    r"\bdi\s+(?P<place>[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2}),\s+"
    r"(?:Senin|Selasa|Rabu|Kamis|Jum['’]?at|Sabtu|Minggu)\b"
)
SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")
ABBREVIATIONS = re.compile(
    r"(?:\b(?:H|Hj|Dr|dr|drg|Ir|Drs|Dra|Prof|Moh|Muh|Mohd|Moch|M|KH|St|No|Jl|Kab|Kec|Prov)|"
    r"\b[A-Z])\.$"
)
# Small words that an Indonesian title keeps in lower case.
SMALL_WORDS = frozenset(
    "dan di ke dari dalam untuk yang pada bagi serta atau dengan oleh tentang terhadap".split()
)


@dataclass
class Layout:
    headline: str = ""
    paragraphs: list[str] = field(default_factory=list)
    byline: str = ""
    editor: str = ""
    outlet: str = ""
    place: str = ""
    # The dateline: a line that is a date, or the date in the first paragraph's prefix.
    dateline: DateMention | None = None


def read_layout(text: str, *, directory: AgencyDirectory, headline_hint: str = "") -> Layout:
    layout = Layout()
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    lines = _until_end_of_article(lines)
    candidates, body = [], []
    for line in lines:
        if JUNK_LINE.match(line) or _read_credit(line, layout):
            continue
        if layout.dateline is None and (mention := _dateline(line)):
            layout.dateline = mention
            continue
        if body or _starts_story(line, directory):
            body.append(line)
        else:
            candidates.append(line)
    layout.headline = _headline(headline_hint, candidates, body)
    if not body:
        # A short story: every line but the headline is the story.
        body = [line for line in candidates if line != layout.headline]
    key = _headline_key(layout.headline)
    body = [line for line in body if _headline_key(line) != key]
    if body:
        body[0] = _read_prefix(body[0], layout, directory)
        body[-1] = CLOSING_INITIALS.sub("", body[-1])
    layout.paragraphs = [line for line in body if line]
    if not layout.place and (match := PLACE_IN_STORY.search(" ".join(layout.paragraphs))):
        layout.place = match["place"]
    return layout


def sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences; "Moh. Iskak" and "dr. Emirald" do not end one."""
    pieces: list[str] = []
    for piece in SENTENCE_END.split(paragraph):
        if pieces and ABBREVIATIONS.search(pieces[-1]):
            pieces[-1] = f"{pieces[-1]} {piece}"
        else:
            pieces.append(piece)
    return pieces


def headline_case(text: str) -> str:
    """Title case as Indonesian headlines have it: small words lower, acronyms kept."""
    words = text.split()
    return " ".join(
        word
        if ACRONYM.fullmatch(word) or any(c.isupper() for c in word[1:]) or "." in word
        else word.lower()
        if index and word.lower() in SMALL_WORDS
        else word[:1].upper() + word[1:]
        for index, word in enumerate(words)
    )


def _until_end_of_article(lines: list[str]) -> list[str]:
    for index, line in enumerate(lines):
        if index and END_OF_ARTICLE.match(line):
            return lines[:index]
    return lines


def _read_credit(line: str, layout: Layout) -> bool:
    """Take the writer, editor or source from a credit line; False if the line is not one."""
    if (match := BYLINE_WITH_OUTLET.match(line)) and _looks_like_a_name(
        name := match["name"] or match["name_last"]
    ):
        layout.byline = layout.byline or name.strip()
        layout.outlet = layout.outlet or match["outlet"] or match["outlet_first"]
        return True
    parts = [CREDIT.match(part) for part in CREDIT_PARTS.split(line) if part]
    if not parts or not all(parts) or not all(_looks_like_a_name(m["value"]) for m in parts):
        return False
    for match in parts:
        label, value = match["label"].lower(), match["value"].strip(" .")
        if label in EDITOR_LABELS:
            layout.editor = layout.editor or value
        elif label in SOURCE_LABELS:
            layout.outlet = layout.outlet or value
        else:
            layout.byline = layout.byline or value
    return True


def _looks_like_a_name(value: str) -> bool:
    words = value.strip(" .").split()
    capitalised = [word for word in words if word[:1].isupper()]
    return 0 < len(words) <= 6 and len(capitalised) * 2 >= len(words) and len(value) <= 80


def _dateline(line: str) -> DateMention | None:
    """The date of a line that is a date and little else."""
    dates = find_dates(line)
    if not dates or len(line) > 90:
        return None
    rest = line[: dates[0].start] + line[dates[0].end :]
    return dates[0] if len(re.sub(r"[\W\d]+", " ", rest).strip()) <= 30 else None


def _starts_story(line: str, directory: AgencyDirectory) -> bool:
    words = len(line.split())
    return (
        _split_prefix(line, directory) is not None
        or words >= 25
        or (words >= 8 and line.endswith((".", "”", '"')))
    )


def _headline(hint: str, candidates: list[str], body: list[str]) -> str:
    """The page's title if it gave one; else a headline-like line before the story, a line
    the page repeats first."""
    if hint:
        return hint
    headline_like = [line for line in candidates if _looks_like_a_headline(line)]
    keys = [_headline_key(line) for line in candidates + body]
    repeated = [line for line in headline_like if keys.count(_headline_key(line)) > 1]
    if repeated:
        return repeated[0]
    return max(headline_like, key=lambda line: len(line.split()), default="")


def _looks_like_a_headline(line: str) -> bool:
    return 3 <= len(line.split()) <= 30 and len(line) <= 250 and not line.endswith(".")


def _headline_key(line: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", line.casefold()).split())


def _split_prefix(line: str, directory: AgencyDirectory) -> tuple[str, str] | None:
    """The dateline prefix of a story's first paragraph, and the story after it."""
    separator = PREFIX_SEPARATOR.search(line, 0, 100)
    if not separator or separator.start() < 2:
        return None
    prefix, rest = line[: separator.start()].strip(" ,"), line[separator.end() :]
    words = PARENTHESISED.sub("", prefix).replace(",", " ").split()
    words = [word for word in words if not DOMAIN.fullmatch(word)] or words
    lower = [word for word in words if word[:1].islower()]
    if not words or len(words) > 8 or (lower and not directory.lookup(prefix)):
        return None
    looks_like_a_dateline = (
        len(words) <= 2  # a place: "Jakarta -", "Nusa Dua -"
        or DOMAIN.search(prefix)
        or PARENTHESISED.search(prefix)
        or any(word.isupper() and len(word) >= 3 for word in words)
        or find_dates(prefix)
        or directory.lookup(prefix)
    )
    return (prefix, rest) if looks_like_a_dateline else None


def _read_prefix(paragraph: str, layout: Layout, directory: AgencyDirectory) -> str:
    """Take outlet, place and date from "JAKARTA, KOMPAS.com –"; return the story after it."""
    split = _split_prefix(paragraph, directory)
    if split is None:
        return paragraph
    prefix, rest = split
    if dates := find_dates(prefix):
        layout.dateline = layout.dateline or dates[0]
        prefix = prefix[: dates[0].start] + prefix[dates[0].end :]
    outlet = ""
    for inside in PARENTHESISED.findall(prefix):
        outlet = outlet or inside.strip()
    prefix = PARENTHESISED.sub(",", prefix)
    for part in (part.strip() for part in prefix.split(",")):
        if not part:
            continue
        if DOMAIN.search(part):
            outlet = outlet or (part if not part.isupper() else part.lower())
        elif entry := directory.lookup(part):
            outlet = outlet or entry.display_name
            region = directory.region(entry.slug)
            if region and region.casefold() in part.casefold():
                layout.place = layout.place or region
        elif head := OUTLET_HEAD.match(part):
            outlet = outlet or _as_written_in_a_title(part, directory)
            if remainder := part[head.end() :].strip():
                layout.place = layout.place or _as_written_in_a_title(remainder, directory)
        elif layout.place:
            # "Jakarta, CNN Indonesia": the place comes first, the outlet after it.
            outlet = outlet or part
        else:
            layout.place = _as_written_in_a_title(part, directory)
    layout.outlet = layout.outlet or _as_written_in_a_title(outlet, directory)
    return rest


def _as_written_in_a_title(text: str, directory: AgencyDirectory) -> str:
    """An all-capitals prefix in the case of a title ("DISKOMINFO INDRAMAYU" → "Diskominfo
    Indramayu"), keeping what the directory writes as an acronym."""
    if not text.isupper():
        return text
    acronyms = {
        word
        for entry in directory.entries.values()
        for word in entry.short_name.split()
        if ACRONYM.fullmatch(word)
    }
    return " ".join(word if word in acronyms else word.capitalize() for word in text.split())
