"""Importing a document: the one function that turns a document into a draft and its links.

The management command, the admin and the fixtures build call document_import; none repeats
what it does.
"""

import html
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsroom.agencies.models import Agency, Person, Role
from newsroom.agencies.recognition import AgencyDirectory
from newsroom.articles.models import Article, ArticleAgency, Topic
from newsroom.core.dates import local_day_end, local_day_start
from newsroom.core.models import Status
from newsroom.core.services import PUBLIC_STATUSES, publication_record, spam_refusal_record
from newsroom.core.spam import SpamRefused, spam_check
from newsroom.events.models import Event, EventAgency
from newsroom.importer.datelines import moment_on
from newsroom.importer.events import EventFound
from newsroom.importer.extraction import Extraction, extract
from newsroom.importer.models import ImportedDocument
from newsroom.importer.sources import Source

logger = logging.getLogger(__name__)

SLUG_LENGTH = 80
# Two titles of the same day and kind whose words overlap this much name the same event.
SAME_EVENT_SIMILARITY = 0.5


class Outcome(models.TextChoices):
    CREATED = "created", gettext_lazy("created")
    UPDATED = "updated", gettext_lazy("updated")
    UNCHANGED = "unchanged", gettext_lazy("unchanged, already imported")
    CHANGED = "changed", gettext_lazy("changed since it was imported; not updated")
    FAILED = "failed", gettext_lazy("failed")


@dataclass
class ImportReport:
    name: str
    outcome: str
    extraction: Extraction | None = None
    article: Article | None = None
    message: str = ""
    events_created: list[str] = field(default_factory=list)
    events_linked: list[str] = field(default_factory=list)
    people_created: list[str] = field(default_factory=list)

    def get_outcome_display(self) -> str:
        return Outcome(self.outcome).label

    def as_json(self) -> dict:
        return {
            "document": self.name,
            "outcome": self.outcome,
            "message": self.message,
            "article": (
                {"slug": self.article.slug, "status": self.article.status, "id": self.article.pk}
                if self.article
                else None
            ),
            "events_created": self.events_created,
            "events_linked": self.events_linked,
            "people_created": self.people_created,
            "extraction": self.extraction.as_json() if self.extraction else None,
        }


def document_import(
    *,
    source: Source,
    by: AbstractBaseUser | None,
    publish: bool = False,
    update: bool = False,
    dry_run: bool = False,
    corrections: dict | None = None,
) -> ImportReport:
    """Import one document as a draft article (published with publish=True).

    The same document again changes nothing; a changed version of one imported before is
    reported, and updates its article only with update=True. corrections (from the admin's
    review) replace extracted values. dry_run does everything and keeps nothing.
    """
    try:
        with transaction.atomic():
            report = _import(source, by, publish, update, corrections or {})
            if dry_run:
                transaction.set_rollback(True)
            elif report.outcome in (Outcome.CREATED, Outcome.UPDATED):
                name, outcome = source.name, report.outcome
                transaction.on_commit(lambda: logger.info("Imported %s: %s", name, outcome))
            return report
    except SpamRefused as refusal:
        # Recorded after the rollback, so the refusal stays and nothing of the document does;
        # a dry run keeps nothing, not even that.
        if not dry_run:
            attempted = _("Import and publish") if publish else _("Import, updating a public item")
            spam_refusal_record(refusal=refusal, by=by, attempted=attempted)
        return ImportReport(source.name, Outcome.FAILED, message=" ".join(refusal.messages))
    except ValidationError as error:
        return ImportReport(source.name, Outcome.FAILED, message=_validation_message(error))
    except IntegrityError:
        # Another import saved the same slug or document at the same moment.
        logger.exception("Importing %s failed", source.name)
        message = _("“%(name)s” was being saved by someone else: try again.") % {
            "name": source.name
        }
        return ImportReport(source.name, Outcome.FAILED, message=message)


def document_extract(source: Source) -> Extraction:
    """What the directory as it is now recognises in a document."""
    return extract(
        source,
        directory=AgencyDirectory.from_database(),
        topics=dict(Topic.objects.values_list("name", "slug")),
        known_people=list(Person.objects.values_list("name", flat=True)),
    )


def _import(source, by, publish, update, corrections) -> ImportReport:
    same = ImportedDocument.objects.filter(content_hash=source.content_hash).first()
    if same and same.article:
        return ImportReport(source.name, Outcome.UNCHANGED, article=same.article)
    extraction = document_extract(source)
    _apply(corrections, extraction)
    if not extraction.paragraphs:
        message = _("No article text was found in “%(name)s”.") % {"name": source.name}
        return ImportReport(source.name, Outcome.FAILED, extraction, message=message)
    earlier = same or ImportedDocument.objects.earlier_version_of(
        name=source.name, source_url=extraction.source_url
    )
    article = earlier.article if earlier else None
    if article and not update:
        return ImportReport(source.name, Outcome.CHANGED, extraction, article)
    outcome = Outcome.UPDATED if article else Outcome.CREATED
    report = ImportReport(source.name, outcome, extraction)
    status_before = article.status if article else Status.DRAFT
    report.article = _save_article(article or Article(), extraction, publish)
    _link(report, extraction, publish)
    if publish:
        note = _("Imported from “%(name)s”.") % {"name": source.name}
        published = [] if status_before == Status.PUBLISHED else [(report.article, status_before)]
        published += [
            (event, Status.DRAFT) for event in Event.objects.filter(slug__in=report.events_created)
        ]
        for item, from_status in published:
            publication_record(item=item, by=by, from_status=from_status, note=note)
    record = earlier or ImportedDocument(name=source.name)
    record.name = source.name
    record.source_url = extraction.source_url
    record.content_hash = source.content_hash
    record.content = source.document
    record.extraction = extraction.as_json()
    record.article = report.article
    record.imported_by = by
    record.imported_at = timezone.now()
    record.full_clean()
    record.save()
    return report


def _apply(corrections: dict, extraction: Extraction) -> None:
    """The editor's corrections over what was extracted."""
    named = [corrections.get("lead_agency"), *corrections.get("agencies", [])]
    unknown = set(filter(None, named)) - set(Agency.objects.values_list("slug", flat=True))
    if unknown:
        raise ValidationError(
            _("No agency in the directory has the slug %(slugs)s.")
            % {"slugs": ", ".join(sorted(unknown))}
        )
    for key, value in corrections.items():
        if key == "events":
            events = extraction.events
            extraction.events = [events[index] for index in value if 0 <= index < len(events)]
        elif key == "headline" and value != extraction.headline:
            extraction.headline, extraction.headline_proposed = value, False
        else:
            setattr(extraction, key, value)


def _save_article(article: Article, extraction: Extraction, publish: bool) -> Article:
    article.title = extraction.headline
    article.slug = article.slug or unique_slug(Article, extraction.headline)
    article.summary = extraction.summary
    article.body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in extraction.paragraphs)
    article.byline = extraction.byline
    article.editor_name = extraction.editor
    article.source_outlet = extraction.outlet
    article.source_url = extraction.source_url
    article.dateline_place = extraction.place
    article.published_at = extraction.published_at
    if publish:
        article.status = Status.PUBLISHED
    if article.status in PUBLIC_STATUSES:
        spam_check(article)
    article.full_clean()
    article.save()
    return article


def _link(report: ImportReport, extraction: Extraction, publish: bool) -> None:
    article = report.article
    agencies = {agency.slug: agency for agency in Agency.objects.all()}
    article.article_agencies.all().delete()
    if extraction.lead_agency:
        ArticleAgency.objects.create(
            article=article, agency=agencies[extraction.lead_agency], role=ArticleAgency.Role.LEAD
        )
    ArticleAgency.objects.bulk_create(
        ArticleAgency(article=article, agency=agencies[slug])
        for slug in extraction.agencies
        if slug != extraction.lead_agency
    )
    topics = list(Topic.objects.filter(slug__in=extraction.topics))
    article.topics.set(topics)
    people = {}
    for found in extraction.people:
        person, created = _person(found, agencies, article.published_at)
        people[found["name"]] = person
        if created:
            report.people_created.append(person.name)
    article.people.set(people.values())
    events = []
    for found in extraction.events:
        event = _same_event(found)
        if event is None:
            event = _create_event(found, agencies, people, topics, article, publish)
            report.events_created.append(event.slug)
        else:
            report.events_linked.append(event.slug)
        events.append(event)
    article.events.set(events)


def _person(found: dict, agencies: dict, on: datetime | None) -> tuple[Person, bool]:
    """The person by name, created if new; a title at a known agency becomes a role."""
    person = Person.objects.filter(name__iexact=found["name"]).first()
    created = person is None
    if created:
        person = Person(name=found["name"], slug=unique_slug(Person, found["name"]))
        person.full_clean()
        person.save()
    if found["agency"] and found["title"]:
        roles = person.roles.filter(agency=agencies[found["agency"]])
        if on:
            roles = roles.held_on(on.date())
        if not roles.exists():
            role = Role(person=person, agency=agencies[found["agency"]], title=found["title"])
            role.full_clean()
            role.save()
    return person, created


def _same_event(found: EventFound) -> Event | None:
    """An event already known of the same kind and day, by the same organiser or under a
    similar title: two documents describing one event give one event."""
    candidates = Event.objects.filter(
        kind=found.kind,
        starts_at__gte=local_day_start(found.day),
        starts_at__lt=local_day_end(found.day),
    ).prefetch_related("event_agencies__agency")
    for event in candidates:
        organisers = {agency.slug for agency in event.organisers}
        if found.organiser in organisers or _similar(event.title, found.title):
            return event
    return None


def _create_event(found, agencies, people, topics, article, publish) -> Event:
    event = Event(
        title=found.title,
        slug=unique_slug(Event, found.title),
        kind=found.kind,
        summary=found.evidence[0] if found.evidence else "",
        all_day=found.start_time is None,
        attendance_mode=found.attendance,
        venue=found.venue,
        online_url=found.online_url,
    )
    if found.start_time:
        event.starts_at = moment_on(found.day, found.start_time, found.zone)
        if found.end_time:
            event.ends_at = moment_on(found.day, found.end_time, found.zone)
    else:
        event.starts_at = local_day_start(found.day)
    if publish:
        event.status = Status.PUBLISHED
        event.published_at = article.published_at
        spam_check(event)
    event.full_clean()
    event.save()
    if found.organiser:
        EventAgency.objects.create(
            event=event, agency=agencies[found.organiser], role=EventAgency.Role.ORGANISER
        )
    EventAgency.objects.bulk_create(
        EventAgency(event=event, agency=agencies[slug]) for slug in found.participants
    )
    event.speakers.set(people[name] for name in found.speakers if name in people)
    event.topics.set(topics)
    return event


def unique_slug(model: type[models.Model], text: str) -> str:
    """A slug for text, cut at a word, with -2, -3… when the model has it already."""
    base = slugify(text)
    if len(base) > SLUG_LENGTH:
        base = base[: SLUG_LENGTH + 1].rsplit("-", 1)[0]
    base = base or "dokumen"
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _similar(first: str, second: str) -> bool:
    words = [set(re.findall(r"\w{3,}", title.casefold())) for title in (first, second)]
    union = words[0] | words[1]
    return bool(union) and len(words[0] & words[1]) / len(union) >= SAME_EVENT_SIMILARITY


def _validation_message(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)
