from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils.translation import gettext_lazy as _

from newsroom.core.fields import URLField
from newsroom.core.urls import slug_url


def agency_ids_with_descendants(agency_ids: Iterable[int]) -> set[int]:
    """These agencies and every agency below them, however deep.

    The whole hierarchy is read in one small query (a regency has a few hundred agencies)
    and walked in Python, which works the same on SQLite and PostgreSQL.
    """
    pending = list(agency_ids)
    if not pending:
        return set()
    children = {}
    for agency_id, parent_id in Agency.objects.values_list("id", "parent_id"):
        children.setdefault(parent_id, []).append(agency_id)
    found = set()
    while pending:
        agency_id = pending.pop()
        if agency_id not in found:
            found.add(agency_id)
            pending.extend(children.get(agency_id, []))
    return found


def agency_ancestry() -> list[tuple[int, int]]:
    """Every agency paired with itself and with each agency above it, however high: what
    counts news of a sub-agency for its parents. One small query, walked in Python."""
    parents = dict(Agency.objects.values_list("id", "parent_id"))
    pairs = []
    for agency_id in parents:
        ancestor_id, seen = agency_id, set()
        while ancestor_id is not None and ancestor_id not in seen:  # a cycle ends the walk
            pairs.append((agency_id, ancestor_id))
            seen.add(ancestor_id)
            ancestor_id = parents.get(ancestor_id)
    return pairs


class AgencyQuerySet(models.QuerySet):
    def with_descendants(self):
        """These agencies and every agency below them."""
        return Agency.objects.filter(
            id__in=agency_ids_with_descendants(self.values_list("id", flat=True))
        )

    def in_display_order(self):
        """Sorted as readers see them: by short name where there is one, else by name."""
        return self.order_by(Lower(Coalesce(NullIf("short_name", Value("")), "name")))

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Agency(models.Model):
    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry")
        DIRECTORATE_GENERAL = "directorate_general", _("Directorate-general")
        COMMISSION = "commission", _("Commission")
        AGENCY = "agency", _("Agency (badan, lembaga)")
        COUNCIL = "council", _("Council")
        REGIONAL_GOVERNMENT = "regional_government", _("Regional government")
        REGIONAL_SECRETARIAT = "regional_secretariat", _("Regional secretariat")
        REGIONAL_OFFICE = "regional_office", _("Regional office (dinas)")
        REGIONAL_AGENCY = "regional_agency", _("Regional agency (badan daerah)")
        SECRETARIAT_DIVISION = "secretariat_division", _("Division of a secretariat (bagian)")
        OTHER = "other", _("Other")

    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        PROVINCIAL = "provincial", _("Provincial")
        REGENCY = "regency", _("Regency or city")

    name = models.CharField(_("name"), max_length=200, help_text=_("The full official name."))
    short_name = models.CharField(
        _("short name"),
        max_length=80,
        blank=True,
        help_text=_("The acronym or short form used in the news, such as “Kemendagri”."),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        related_name="children",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("The agency this one belongs to. News filtered by the parent includes it."),
    )
    website = URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="agencies/logos/", blank=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return slug_url("agencies:detail", self.slug)

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        super().clean()
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": _("An agency cannot sit below itself.")})
            ancestor = ancestor.parent

    @property
    def display_name(self):
        """The short name where the news uses one, else the full name."""
        return self.short_name or self.name


class AgencyAlias(models.Model):
    """Another name the news uses for an agency, to recognise it in text."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), related_name="aliases", on_delete=models.CASCADE
    )
    name = models.CharField(_("alias"), max_length=200)

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="agencies_alias_unique_name",
                violation_error_message=_("Another agency already uses this alias."),
            ),
        ]

    def __str__(self):
        return self.name


class PersonQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def public(self):
        """People the public may know of: officials with a role, or people named in published
        news or events. Someone named only in a draft stays out until it is published."""
        from newsroom.articles.models import Article
        from newsroom.events.models import Event

        return self.filter(
            models.Exists(Role.objects.filter(person=models.OuterRef("pk")))
            | models.Exists(Article.objects.published().filter(people=models.OuterRef("pk")))
            | models.Exists(Event.objects.published().filter(speakers=models.OuterRef("pk")))
        )


class Person(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    biography = models.TextField(_("biography"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="people/", blank=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("person", self.slug)

    def natural_key(self):
        return (self.slug,)


class RoleQuerySet(models.QuerySet):
    def held_on(self, day: date):
        """Roles held on a day, so that old articles keep the title that was true then.

        An empty start or end date means not known, and does not rule the day out.
        """
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=day),
            Q(end_date__isnull=True) | Q(end_date__gte=day),
        )


class Role(models.Model):
    """A person's position at an agency, for a time."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), related_name="roles", on_delete=models.CASCADE
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), related_name="roles", on_delete=models.PROTECT
    )
    title = models.CharField(
        _("title"), max_length=200, help_text=_("Such as “Direktur Jenderal Politik dan …”.")
    )
    start_date = models.DateField(
        _("start date"), null=True, blank=True, help_text=_("Empty when not known.")
    )
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Empty while the role is held.")
    )

    objects = RoleQuerySet.as_manager()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["person", "-start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="agencies_role_ends_after_start",
                violation_error_message=_("A role cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.person}, {self.title}"
