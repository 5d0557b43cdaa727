from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.agencies.models import agency_ids_with_descendants


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
        relation = self.model._meta.get_field(relation_name)
        links = relation.remote_field.through.objects.filter(
            **{
                relation.m2m_field_name(): OuterRef("pk"),
                f"{relation.m2m_reverse_field_name()}__in": objects,
            }
        )
        return self.filter(Exists(links))

    def linked_to_agencies(self, agencies):
        """Items linked, in any role, to any of these agencies or to an agency below one."""
        return self.linked_to(
            "agencies", agency_ids_with_descendants(agency.pk for agency in agencies)
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

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        get_latest_by = "published_at"
        indexes = [
            models.Index(fields=["status", "-published_at"], name="%(app_label)s_%(class)s_public"),
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

    @property
    def publication_state(self) -> str:
        """The state as editors speak of it: a published item due later is scheduled."""
        if self.status == Status.PUBLISHED and self.published_at > timezone.now():
            return _("Scheduled")
        return self.get_status_display()
