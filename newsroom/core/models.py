from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
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


class PublishableQuerySet(models.QuerySet):
    def published(self, *, include_withdrawn=False):
        """What the public may see: published items whose publication time has passed.

        Withdrawn items leave every list but keep their own page, with the withdrawal notice,
        as GOV.UK does; only detail pages ask for them.
        """
        statuses = [Status.PUBLISHED, Status.WITHDRAWN] if include_withdrawn else [Status.PUBLISHED]
        return self.filter(status__in=statuses, published_at__lte=timezone.now())

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
    transitions = GenericRelation("core.Transition")

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


class Transition(models.Model):
    """One step of an article's or event's life cycle: what was done, by whom, when, and why."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("Submit for review")
        SEND_BACK = "send_back", _("Send back")
        PUBLISH = "publish", _("Publish now")
        SCHEDULE = "schedule", _("Schedule")
        UNPUBLISH = "unpublish", _("Unpublish")
        WITHDRAW = "withdraw", _("Withdraw")
        RECOVER = "recover", _("Recover")
        RESTORE = "restore", _("Restore a revision")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=16, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=16, choices=Status.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("The comment when sent back, the public reason…")
    )
    publish_at = models.DateTimeField(_("publication time"), null=True, blank=True)

    class Meta:
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")
        ordering = ["-at", "-id"]
        get_latest_by = "at"
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]

    def __str__(self):
        return f"{self.get_action_display()} · {timezone.localtime(self.at):%Y-%m-%d %H:%M}"
