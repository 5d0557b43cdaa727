"""How well extraction reads a labelled set of documents, against a human reading of each.

Headlines, publication times and lead agencies are right or wrong; agencies, people and events
are sets, scored by precision (how much of what was found is right) and recall (how much of
what is there was found). An event is found when its kind and day are; its attendance is
scored on the events found.
"""

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.conf import settings

from newsroom.agencies.recognition import AgencyDirectory
from newsroom.importer.extraction import extract
from newsroom.importer.sources import source_from_path

LABELS = settings.BASE_DIR / "tests" / "importer" / "labels.json"


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    def add(self, right: bool) -> None:
        self.right += right
        self.total += 1

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0


@dataclass
class SetScore:
    found_right: int = 0
    found: int = 0
    expected: int = 0

    def add(self, found: set, expected: set) -> None:
        self.found_right += len(found & expected)
        self.found += len(found)
        self.expected += len(expected)

    @property
    def precision(self) -> float:
        return self.found_right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.found_right / self.expected if self.expected else 1.0


@dataclass
class Evaluation:
    documents: int = 0
    headline: Accuracy = field(default_factory=Accuracy)
    published_at: Accuracy = field(default_factory=Accuracy)
    lead_agency: Accuracy = field(default_factory=Accuracy)
    attendance: Accuracy = field(default_factory=Accuracy)
    agencies: SetScore = field(default_factory=SetScore)
    people: SetScore = field(default_factory=SetScore)
    events: SetScore = field(default_factory=SetScore)
    # What differed, document by document, to see where the rules fall short.
    differences: dict[str, list[str]] = field(default_factory=dict)


def evaluate(*, labels: Path = LABELS, directory: AgencyDirectory) -> Evaluation:
    result = Evaluation()
    for label in json.loads(labels.read_text(encoding="utf-8"))["documents"]:
        path = settings.BASE_DIR / label["path"]
        found = extract(source_from_path(path), directory=directory)
        differences = result.differences.setdefault(label["path"], [])
        result.documents += 1

        if label["headline"] is None:
            right = found.headline_proposed
            expected_headline = "(a proposed headline)"
        else:
            right = not found.headline_proposed and found.headline == label["headline"]
            expected_headline = label["headline"]
        _score(result.headline, right, differences, "headline", found.headline, expected_headline)
        published = datetime.fromisoformat(label["published_at"])
        same_time = found.published_at == published
        same_zone = same_time and found.published_at.utcoffset() == published.utcoffset()
        _score(
            result.published_at, same_zone, differences, "published_at", found.published_at,
            published,
        )  # fmt: skip
        _score(
            result.lead_agency, found.lead_agency == label["lead_agency"], differences,
            "lead agency", found.lead_agency, label["lead_agency"],
        )  # fmt: skip
        found_agencies = {found.lead_agency, *found.agencies} - {None}
        _compare(result.agencies, found_agencies, set(label["agencies"]), differences, "agencies")
        found_people = {person["name"] for person in found.people}
        _compare(result.people, found_people, set(label["people"]), differences, "people")
        found_events = {(e.kind, e.day.isoformat()): e.attendance for e in found.events}
        expected_events = {(e["kind"], e["day"]): e["attendance"] for e in label["events"]}
        _compare(result.events, set(found_events), set(expected_events), differences, "events")
        for key in set(found_events) & set(expected_events):
            _score(
                result.attendance, found_events[key] == expected_events[key], differences,
                f"attendance {key}", found_events[key], expected_events[key],
            )  # fmt: skip
    return result


def _score(score: Accuracy, right: bool, differences, what, found, expected) -> None:
    score.add(right)
    if not right:
        differences.append(f"{what}: found {found!r}, expected {expected!r}")


def _compare(score: SetScore, found: set, expected: set, differences, what) -> None:
    score.add(found, expected)
    if extra := found - expected:
        differences.append(f"{what}: found but not there: {sorted(extra)}")
    if missed := expected - found:
        differences.append(f"{what}: there but not found: {sorted(missed)}")
