"""The demo fixtures, built by the importer from the documents and the curated directory.

fixtures/directory.json (agencies, their aliases, topics) and fixtures/corrections.json (what
an editor corrected in review, by document name) are written by hand; fixtures/newsroom.json is
what importing fixtures/documents/ over them gives, and is never edited by hand.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db import transaction
from django.db.models import F

from newsroom.agencies.models import Agency, AgencyAlias, Person, Role
from newsroom.agencies.recognition import AgencyDirectory
from newsroom.articles.models import Article, ArticleAgency, Topic
from newsroom.events.models import Event, EventAgency
from newsroom.importer.models import ImportedDocument
from newsroom.importer.services import Outcome, document_import
from newsroom.importer.sources import document_paths, source_from_path

FIXTURES = settings.BASE_DIR / "fixtures"
DIRECTORY = FIXTURES / "directory.json"
CORRECTIONS = FIXTURES / "corrections.json"
DOCUMENTS = FIXTURES / "documents"
DEMO = FIXTURES / "newsroom.json"


class FixturesError(Exception):
    pass


def fixtures_build(
    *, documents: Path = DOCUMENTS, directory: Path = DIRECTORY, corrections: Path = CORRECTIONS
) -> str:
    """The demo fixture as JSON text. Needs an empty database, and leaves it empty."""
    if Agency.objects.exists() or Article.objects.exists():
        raise FixturesError("The fixtures are built in an empty database.")
    edits = json.loads(corrections.read_text(encoding="utf-8")) if corrections.exists() else {}
    with transaction.atomic():
        call_command("loaddata", directory, verbosity=0)
        for path in document_paths([documents]):
            report = document_import(
                source=source_from_path(path),
                by=None,
                publish=True,
                corrections=_corrections(edits.get(path.name, {})),
            )
            if report.outcome != Outcome.CREATED:
                raise FixturesError(f"{path.name}: {report.outcome} {report.message}")
        # The documents' own times stand for when they were entered, so a rebuild is the same.
        for model in (Article, Event):
            model.objects.update(created_at=F("published_at"), updated_at=F("published_at"))
        for record in ImportedDocument.objects.select_related("article"):
            record.imported_at = record.article.published_at
            record.save(update_fields=["imported_at"])
        text = _serialised()
        transaction.set_rollback(True)
    return text


def _corrections(edits: dict) -> dict:
    return {key: value for key, value in edits.items() if not key.startswith("_")}


def _serialised() -> str:
    directory = AgencyDirectory.from_database()
    agencies = sorted(Agency.objects.all(), key=lambda a: (directory.depth(a.slug), a.slug))
    groups = [
        agencies,
        AgencyAlias.objects.order_by("agency__slug", "name"),
        Person.objects.order_by("slug"),
        Role.objects.order_by("person__slug", "agency__slug", "title"),
        Topic.objects.order_by("slug"),
        Event.objects.order_by("starts_at", "slug"),
        EventAgency.objects.order_by("event__slug", "-role", "agency__slug"),
        Article.objects.order_by("published_at", "slug"),
        ArticleAgency.objects.order_by("article__slug", "role", "agency__slug"),
        ImportedDocument.objects.order_by("name"),
    ]
    objects = []
    for group in groups:
        data = json.loads(
            serializers.serialize(
                "json", group, use_natural_foreign_keys=True, use_natural_primary_keys=True
            )
        )
        # Rows without a natural key are numbered in this fixed order, not by the database.
        for number, obj in enumerate(data, start=1):
            if "pk" in obj:
                obj["pk"] = number
        objects += data
    # Keys sorted: PostgreSQL's jsonb keeps a JSON field's keys in an order of its own.
    return json.dumps(objects, ensure_ascii=False, indent=4, sort_keys=True) + "\n"
