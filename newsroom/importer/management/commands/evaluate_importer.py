from pathlib import Path

from django.core.management.base import BaseCommand

from newsroom.agencies.recognition import AgencyDirectory
from newsroom.importer.evaluation import LABELS, evaluate
from newsroom.importer.fixtures import DIRECTORY


class Command(BaseCommand):
    help = (
        "Measure the importer's extraction on the labelled documents (tests/importer/"
        "labels.json) with the curated directory: headline, publication time and lead agency "
        "accuracy; precision and recall of agencies, people and events. Needs no database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--labels", type=Path, default=LABELS)
        parser.add_argument("--directory", type=Path, default=DIRECTORY)
        parser.add_argument(
            "--differences", action="store_true", help="List what differed, document by document."
        )

    def handle(self, *args, labels, directory, differences, **options):
        result = evaluate(labels=labels, directory=AgencyDirectory.from_fixture(directory))
        lines = [
            f"documents                {result.documents}",
            _accuracy("headline", result.headline),
            _accuracy("publication time", result.published_at),
            _accuracy("lead agency", result.lead_agency),
            _set_score("agencies", result.agencies),
            _set_score("people", result.people),
            _set_score("events", result.events),
            _accuracy("event attendance", result.attendance),
        ]
        self.stdout.write("\n".join(lines))
        if differences:
            for path, found in result.differences.items():
                for difference in found:
                    self.stdout.write(f"{path}: {difference}")


def _accuracy(name, score):
    return f"{name:<24} accuracy {score.value:6.1%}  ({score.right}/{score.total})"


def _set_score(name, score):
    return (
        f"{name:<24} precision {score.precision:6.1%}  recall {score.recall:6.1%}"
        f"  ({score.found_right} right of {score.found} found, {score.expected} there)"
    )
