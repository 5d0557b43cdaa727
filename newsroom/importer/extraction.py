"""What a document says: the fields of a draft article, its agencies, people and events.

Pure: it reads a Source and a directory and touches no database, so the same extraction runs
in the import, the admin's preview and the evaluation over the labelled documents.
"""

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime

from newsroom.agencies.recognition import (
    AgencyDirectory,
    AgencyMention,
    unrecognised_agency_names,
)
from newsroom.importer.datelines import find_dates, find_zone, moment_on
from newsroom.importer.events import EventFound, find_events
from newsroom.importer.page import headline_case, read_layout, sentences
from newsroom.importer.people import find_people
from newsroom.importer.sources import Source


class Flag:
    """What the editor should check, as codes; the admin and the report word them."""

    HEADLINE_PROPOSED = "headline_proposed"
    PUBLISHED_FROM_STORY = "published_from_story"
    NO_PUBLICATION_TIME = "no_publication_time"
    NO_LEAD_AGENCY = "no_lead_agency"
    UNKNOWN_AGENCIES = "unknown_agencies"


# The first verb of a sentence (me-, ber-, di-, ter- words that are not prepositions).
VERB = re.compile(
    r"\s(?!(?:melalui|bersama|beserta|terhadap|tersebut|terkait|termasuk|dalam)\b)"
    r"(?:me|ber|di|ter)[a-z]{3,}"
)
SUMMARY_LENGTH = 300
PROPOSED_HEADLINE_LENGTH = 110
# Where a proposed headline may stop: before a clause that only adds detail.
CLAUSE_BREAK = re.compile(r",|\s(?:yang|dalam rangka|untuk|guna|sebagai|agar|sehingga|karena)\s")


@dataclass
class Extraction:
    headline: str = ""
    headline_proposed: bool = False
    published_at: datetime | None = None
    byline: str = ""
    editor: str = ""
    outlet: str = ""
    place: str = ""
    source_url: str = ""
    summary: str = ""
    paragraphs: list[str] = field(default_factory=list)
    lead_agency: str | None = None
    agencies: list[str] = field(default_factory=list)
    unknown_agencies: list[str] = field(default_factory=list)
    people: list[dict] = field(default_factory=list)
    events: list[EventFound] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        """The extraction as JSON-ready data, for reports and the import record."""
        data = asdict(self)
        data["published_at"] = self.published_at.isoformat() if self.published_at else None
        for event in data["events"]:
            event["day"] = event["day"].isoformat()
            for key in ("start_time", "end_time"):
                event[key] = event[key].strftime("%H:%M") if event[key] else None
        return data


def extract(
    source: Source,
    *,
    directory: AgencyDirectory,
    topics: dict[str, str] | None = None,
    known_people: Sequence[str] = (),
) -> Extraction:
    """Read a document. topics maps topic names to slugs; known_people are names to find."""
    layout = read_layout(
        source.text, directory=directory, headline_hint=source.metadata.get("title", "")
    )
    found = Extraction(
        headline=layout.headline,
        byline=layout.byline or source.metadata.get("author", ""),
        editor=layout.editor,
        outlet=layout.outlet or source.metadata.get("sitename", ""),
        place=layout.place,
        source_url=source.metadata.get("url", ""),
        paragraphs=layout.paragraphs,
    )
    story = "\n".join(layout.paragraphs)
    zone = find_zone(source.text)
    _publication_time(found, layout, source, story, zone)
    reference = found.published_at.date() if found.published_at else None

    region = _region(found, directory)
    split = [(index, s) for index, p in enumerate(layout.paragraphs) for s in sentences(p)]
    mentions_in = {s: directory.recognise(s, region=region) for _, s in split}
    mentions = [m for _, s in split for m in mentions_in[s]]
    found.lead_agency = _lead_agency(split, mentions_in, directory)
    found.agencies = [
        slug for slug in dict.fromkeys(m.slug for m in mentions) if slug != found.lead_agency
    ]
    found.unknown_agencies = list(
        dict.fromkeys(
            name for _, s in split for name in unrecognised_agency_names(s, mentions_in[s])
        )
    )
    people = find_people(
        story,
        mentions=directory.recognise(story, region=region),
        directory=directory,
        places=directory.regions() | {place for place in [found.place] if place},
        known_names=known_people,
    )
    found.people = [{"name": p.name, "title": p.title, "agency": p.agency} for p in people]
    body_dates = find_dates(story, reference=reference)
    found.events = find_events(
        split,
        directory=directory,
        mentions_in=mentions_in,
        lead_agency=found.lead_agency,
        people=[(p.name, p.agency) for p in people],
        reference=reference,
        fallback_day=body_dates[0].day if body_dates else reference,
        place=found.place,
    )
    for event in found.events:
        event.zone = event.zone or zone
    found.topics = [
        slug
        for name, slug in (topics or {}).items()
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", story, re.IGNORECASE)
    ]
    if layout.paragraphs:
        found.summary = _shortened(sentences(layout.paragraphs[0])[0], SUMMARY_LENGTH)
    if not found.headline and split:
        found.headline = propose_headline(split[0][1], mentions_in[split[0][1]], directory)
        found.headline_proposed = True
        found.flags.append(Flag.HEADLINE_PROPOSED)
    if not found.lead_agency:
        found.flags.append(Flag.NO_LEAD_AGENCY)
    if found.unknown_agencies:
        found.flags.append(Flag.UNKNOWN_AGENCIES)
    return found


def _publication_time(found, layout, source, story, zone) -> None:
    """The dateline's time; else the page's; else a day the story names, flagged."""
    if layout.dateline:
        mention = layout.dateline
        found.published_at = moment_on(mention.day, mention.time, mention.zone or zone)
    elif published := source.metadata.get("published"):
        moment = datetime.fromisoformat(published)
        if moment.tzinfo is None or (moment.hour, moment.minute) == (0, 0):
            moment = moment_on(moment.date(), None, zone)
        found.published_at = moment
    elif dates := find_dates(story):
        # The latest day written as news writes the day it reports ("Senin (13/3/2023)"),
        # else the first date: an event announced for later is no publication day.
        news_days = [mention.day for mention in dates if mention.news_day]
        found.published_at = moment_on(max(news_days, default=dates[0].day), None, zone)
        found.flags.append(Flag.PUBLISHED_FROM_STORY)
    else:
        found.flags.append(Flag.NO_PUBLICATION_TIME)


def _region(found: Extraction, directory: AgencyDirectory) -> str | None:
    """The regency, city or province the story is from: the outlet's, its dateline place's,
    else the first one it names."""
    outlet = directory.lookup(found.outlet) if found.outlet else None
    if outlet and (region := directory.region(outlet.slug)):
        return region
    regions = directory.regions_named(directory.recognise("\n".join(found.paragraphs)))
    if found.place in regions:
        return found.place
    return regions[0] if regions else None


def _lead_agency(split, mentions_in, directory) -> str | None:
    """The agency whose news it is: the most specific one the first sentence naming any
    agency names before its verb, or the first it names."""
    for _, sentence in split:
        mentions: list[AgencyMention] = mentions_in[sentence]
        if not mentions:
            continue
        verb = VERB.search(sentence)
        before = [m for m in mentions if verb is None or m.start < verb.start()]
        return max((m.slug for m in before), key=directory.depth, default=mentions[0].slug)
    return None


def propose_headline(sentence: str, mentions: list[AgencyMention], directory) -> str:
    """A headline for a story that has none, from its first sentence: the agency that opens it
    by its short name, parenthesised asides out, cut before a clause that only adds detail."""
    text = sentence
    if mentions and mentions[0].start <= 1:
        end = mentions[0].end
        for mention in mentions[1:]:
            if re.fullmatch(r"\s*(?:pada|di|,)?\s*", text[end : mention.start]):
                end = mention.end
        chain = re.compile(r"\s*(?:\([^)]*\)|RI\b)")
        while step := chain.match(text, end):
            end = step.end()
        text = directory.entries[mentions[0].slug].display_name + text[end:]
    text = re.sub(r"\s*\([^)]*\)", "", text).strip().rstrip(".")
    return headline_case(_shortened(text, PROPOSED_HEADLINE_LENGTH, breaks=CLAUSE_BREAK))


def _shortened(text: str, length: int, *, breaks: re.Pattern | None = None) -> str:
    if len(text) <= length:
        return text
    cut = text[:length]
    if breaks and (positions := [m.start() for m in breaks.finditer(cut) if m.start() > 30]):
        return cut[: positions[-1]].rstrip(" ,")
    return cut.rsplit(" ", 1)[0].rstrip(" ,") + "…"
