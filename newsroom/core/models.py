import re

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.agencies.models import agency_ids_with_descendants
from newsroom.core.images import LeadImageField


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


def public(*, include_withdrawn=False) -> Q:
    """What the public may see: published items whose publication time has passed. (Also true
    of a table that copies their status and publication time, such as AgencyListing.)

    Withdrawn items leave every list but keep their own page, with the withdrawal notice,
    as GOV.UK does; only detail pages ask for them.
    """
    statuses = [Status.PUBLISHED, Status.WITHDRAWN] if include_withdrawn else [Status.PUBLISHED]
    return Q(status__in=statuses, published_at__lte=timezone.now())


class PublishableQuerySet(models.QuerySet):
    def published(self, *, include_withdrawn=False):
        return self.filter(public(include_withdrawn=include_withdrawn))

    def linked_to(self, relation_name: str, objects):
        """Items linked through a many-to-many relation to any of these objects, each once.

        EXISTS rather than a join: no duplicates to remove, and an index on the link table.
        """
        return self.filter(Exists(self.model.links_to(relation_name, OuterRef("pk"), objects)))

    def linked_to_agencies(self, agencies):
        """Items linked, in any role, to any of these agencies or to an agency below one."""
        return self.linked_to(
            "agencies", agency_ids_with_descendants(agency.pk for agency in agencies)
        )

    def owned_by_agencies(self, agency_ids):
        """Items whose owning agency (an article's lead, an event's organiser) is one of these
        agencies or below one: the items a contributor of those agencies works on."""
        links = self.model.links_to(
            "agencies", OuterRef("pk"), agency_ids_with_descendants(agency_ids)
        )
        return self.filter(Exists(links.filter(role=self.model.OWNER_ROLE)))

    def scheduled(self):
        """Published items whose publication time has not come yet."""
        return self.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())


def lead_image_path(instance, filename):
    return f"{instance._meta.app_label}/{timezone.now():%Y/%m}/{filename}"


class Illustrated(models.Model):
    """A lead image with what readers need around it: alt text, caption and credit."""

    lead_image = LeadImageField(
        _("lead image"),
        upload_to=lead_image_path,
        width_field="lead_image_width",
        height_field="lead_image_height",
        blank=True,
        help_text=_(
            "A JPEG, PNG or WebP photo. Location data in the file is removed when it is saved."
        ),
    )
    lead_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_alt = models.CharField(
        _("lead image text alternative"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it. Required with an image."),
    )
    lead_image_caption = models.CharField(_("lead image caption"), max_length=250, blank=True)
    lead_image_credit = models.CharField(_("lead image credit"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.lead_image and not self.lead_image_alt.strip():
            raise ValidationError(
                {"lead_image_alt": _("Describe the lead image for readers who cannot see it.")}
            )


class Publishable(models.Model):
    """The publishing life cycle shared by articles and events.

    draft → in review → published (a future publication time means scheduled) → withdrawn.
    """

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_(
            "Published once the publication time has passed; a time in the future schedules "
            "it. Left empty when publishing, it is set to now."
        ),
    )
    withdrawn_at = models.DateTimeField(_("withdrawal time"), null=True, blank=True)
    withdrawal_reason = models.TextField(
        _("reason for withdrawal"),
        blank=True,
        help_text=_("Shown to the public on the withdrawn page."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )

    objects = PublishableQuerySet.as_manager()

    # The role of the agency link that owns the item (set by each model), and what to say
    # when an item has none.
    OWNER_ROLE = ""
    OWNER_MISSING = ""

    class Meta:
        abstract = True
        get_latest_by = "published_at"
        indexes = [
            # Lists read this index alone, in its order, newest first with the id breaking ties
            # as Meta.ordering does: no sort, and counts without reading the table.
            models.Index(
                fields=["status", "-published_at", "-id"], name="%(app_label)s_%(class)s_listing"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=[Status.PUBLISHED, Status.WITHDRAWN])
                | Q(published_at__isnull=False),
                name="%(app_label)s_%(class)s_public_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.WITHDRAWN) | ~Q(withdrawal_reason=""),
                name="%(app_label)s_%(class)s_withdrawn_has_reason",
            ),
        ]

    def clean(self):
        super().clean()
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.status == Status.WITHDRAWN:
            errors = {}
            if self.published_at is None:
                errors["status"] = _("Only published items can be withdrawn.")
            if not self.withdrawal_reason.strip():
                errors["withdrawal_reason"] = _("Tell the public why this was withdrawn.")
            if errors:
                raise ValidationError(errors)
            if self.withdrawn_at is None:
                self.withdrawn_at = timezone.now()

    @classmethod
    def links_to(cls, relation_name, item, objects):
        """The rows of a many-to-many relation's link table (ArticleAgency, the article-topic
        table…) that tie an item, or an OuterRef to one, to any of these objects."""
        relation = cls._meta.get_field(relation_name)
        return relation.remote_field.through.objects.filter(
            **{
                relation.m2m_field_name(): item,
                f"{relation.m2m_reverse_field_name()}__in": objects,
            }
        )

    def owner_agency_ids(self) -> set[int]:
        """The agencies that own this item (an article's lead, an event's organisers)."""
        if self.pk is None:
            return set()
        relation = self._meta.get_field("agencies")
        links = relation.remote_field.through.objects.filter(
            **{relation.m2m_field_name(): self, "role": self.OWNER_ROLE}
        )
        return set(links.values_list(relation.m2m_reverse_field_name(), flat=True))

    def publication_problems(self) -> dict[str, str]:
        """What stops this item from being published, by field; empty when nothing does."""
        problems = {}
        if not self.title.strip():
            problems["title"] = _("It needs a title.")
        if not self.summary.strip():
            problems["summary"] = _("It needs a summary.")
        if not self.owner_agency_ids():
            problems["agencies"] = self.OWNER_MISSING
        if self.lead_image and not self.lead_image_alt.strip():
            problems["lead_image_alt"] = _("Its lead image needs a text alternative.")
        return problems

    @property
    def transitions(self):
        """This item's steps in the audit trail. Not a GenericRelation, which would delete
        them with the item: the trail outlives what it records."""
        return Transition.objects.of(self)

    @property
    def is_scheduled(self) -> bool:
        return self.status == Status.PUBLISHED and self.published_at > timezone.now()

    @property
    def is_public(self) -> bool:
        """Whether readers can see it now: the same rule as published(), for one item."""
        return (
            self.status in {Status.PUBLISHED, Status.WITHDRAWN}
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def publication_state(self) -> str:
        """The state as editors speak of it: a published item due later is scheduled."""
        if self.is_scheduled:
            return _("Scheduled")
        return self.get_status_display()


class AppendOnlyError(Exception):
    """The audit trail is only ever added to."""


class TransitionQuerySet(models.QuerySet):
    def of(self, item):
        """The steps of an item (whose row may since have been deleted)."""
        content_type = ContentType.objects.get_for_model(item, for_concrete_model=False)
        return self.filter(content_type=content_type, object_id=item.pk)

    def update(self, **kwargs):
        raise AppendOnlyError(_("The audit trail cannot be changed."))

    def delete(self):
        raise AppendOnlyError(_("The audit trail cannot be deleted."))

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError(_("The audit trail cannot be changed."))


class Transition(models.Model):
    """One step of an article's or event's life cycle: what was done, by whom, when, and why;
    or a refusal to make it public (action "refuse", with what the spam guard found).

    Append-only: the model refuses to change or delete a row, the admin offers neither, and a
    trigger refuses it in the database (migration 0002). The item's type, id and title are kept
    in the row, so the record outlives the item.
    """

    class Action(models.TextChoices):
        SUBMIT = "submit", _("Submit for review")
        SEND_BACK = "send_back", _("Send back")
        PUBLISH = "publish", _("Publish now")
        SCHEDULE = "schedule", _("Schedule")
        UNPUBLISH = "unpublish", _("Unpublish")
        WITHDRAW = "withdraw", _("Withdraw")
        RECOVER = "recover", _("Recover")
        RESTORE = "restore", _("Restore a revision")
        REFUSE = "refuse", _("Refused as spam")

    content_type = models.ForeignKey(ContentType, verbose_name=_("type"), on_delete=models.PROTECT)
    # Empty for a refused item that was never saved (a document the importer refused).
    object_id = models.PositiveBigIntegerField(_("item id"), null=True, blank=True)
    item = GenericForeignKey("content_type", "object_id")
    item_title = models.CharField(_("title"), max_length=250, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=16, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=16, choices=Status.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    # Protected: an account with a trail is deactivated, not deleted, so "who" stays known.
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("The comment when sent back, the public reason…")
    )
    publish_at = models.DateTimeField(_("publication time"), null=True, blank=True)
    findings = models.JSONField(
        _("spam found"),
        default=list,
        blank=True,
        help_text=_("What the spam guard found, for a refusal: the field and the phrase or link."),
    )

    objects = TransitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit trail entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-id"]
        get_latest_by = "at"
        indexes = [
            models.Index(fields=["content_type", "object_id", "-at"]),
            models.Index(fields=["action", "-at"], name="core_transition_action_at"),
        ]

    def __str__(self):
        return f"{self.get_action_display()} · {timezone.localtime(self.at):%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(_("The audit trail cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(_("The audit trail cannot be deleted."))


class SpamRule(models.Model):
    """An administrator's change to the spam guard's shipped lists (newsroom/core/spam_terms.py):
    one more phrase or domain to refuse, one more domain links may go to, or a shipped entry
    that this site does not refuse."""

    class Kind(models.TextChoices):
        BLOCKED_PHRASE = "blocked_phrase", _("Refuse this phrase")
        BLOCKED_DOMAIN = "blocked_domain", _("Refuse links to this domain")
        ALLOWED_DOMAIN = "allowed_domain", _("Allow links to this domain everywhere")
        EXEMPT = "exempt", _("Do not refuse this shipped phrase or domain")

    kind = models.CharField(_("rule"), max_length=16, choices=Kind.choices)
    value = models.CharField(
        _("phrase or domain"),
        max_length=200,
        help_text=_(
            "A phrase is found in any case, spacing or spelling with digits (“sl0t g4cor”), "
            "as whole words. A domain includes its subdomains: “bit.ly”, “go.id”."
        ),
    )
    note = models.CharField(_("why"), max_length=250, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )

    class Meta:
        verbose_name = _("spam guard rule")
        verbose_name_plural = _("spam guard rules")
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "value"],
                name="core_spamrule_once",
                violation_error_message=_("This rule exists already."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"

    def clean(self):
        from newsroom.core.spam import normalise, normalise_domain

        super().clean()
        if self.kind == self.Kind.BLOCKED_PHRASE:
            self.value = " ".join(normalise(self.value).split())
            # Short phrases are parts of ordinary words and names.
            if len(re.sub(r"[\W_]", "", self.value)) < 4:
                raise ValidationError({"value": _("A phrase needs at least four letters.")})
        elif self.kind in {self.Kind.BLOCKED_DOMAIN, self.Kind.ALLOWED_DOMAIN}:
            self.value = normalise_domain(self.value)
            if not DOMAIN.fullmatch(self.value) or (
                self.kind == self.Kind.ALLOWED_DOMAIN and "." not in self.value
            ):
                raise ValidationError({"value": _("Enter a domain such as “example.go.id”.")})
        else:
            value = " ".join(normalise(self.value).split())
            domain = normalise_domain(value)
            self.value = domain if DOMAIN.fullmatch(domain) else value
        if not self.value:
            raise ValidationError({"value": _("Enter a phrase or a domain.")})


DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z][a-z0-9-]*[a-z0-9]")
