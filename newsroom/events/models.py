import reversion
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.agencies.models import Agency, Person
from newsroom.articles.models import Article, Topic
from newsroom.core.fields import RichTextField, URLField
from newsroom.core.models import Illustrated, Publishable, PublishableQuerySet
from newsroom.core.urls import slug_url


class EventQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def upcoming(self):
        """Events not yet over, soonest first.

        An event never ends before it starts, so "not over" is "ends or starts from now on",
        which PostgreSQL finds through the end and start indexes. Ordered by the start column
        itself, it would instead read the start index from the oldest event on, passing every
        past one (24 ms at 25,000 events); ordered by an expression equal to it (the start,
        else the end: never needed, as the start is required), it sorts the few it found.
        """
        now = timezone.now()
        return self.filter(Q(ends_at__gte=now) | Q(starts_at__gte=now)).order_by(
            Coalesce("starts_at", "ends_at"), "id"
        )

    def past(self):
        """Events over, the latest first: started, and ended or without an end, before now."""
        now = timezone.now()
        over = Q(ends_at__lt=now) | Q(ends_at__isnull=True)
        return self.filter(over, starts_at__lt=now).order_by("-starts_at", "-id")

    def for_listing(self):
        return self.prefetch_related(
            models.Prefetch(
                "event_agencies",
                queryset=EventAgency.objects.select_related("agency"),
            )
        )

    def for_detail(self):
        """What an event's page shows, in a fixed number of queries."""
        return self.for_listing().prefetch_related(
            "speakers",
            "topics",
            models.Prefetch("articles", queryset=Article.objects.published().for_listing()),
        )


@reversion.register(follow=["event_agencies"])
class Event(Publishable, Illustrated):
    class Kind(models.TextChoices):
        WEBINAR = "webinar", _("Webinar")
        MEETING = "meeting", _("Meeting (rapat)")
        SOCIALISATION = "socialisation", _("Socialisation (sosialisasi)")
        CEREMONY = "ceremony", _("Ceremony")
        PRESS_CONFERENCE = "press_conference", _("Press conference")
        OTHER = "other", _("Other")

    class AttendanceMode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("In person and online")

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=250, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.OTHER)
    summary = models.TextField(_("summary"), blank=True)
    description = RichTextField(_("description"), blank=True)
    starts_at = models.DateTimeField(
        _("start"), help_text=_("In Western Indonesian Time (WIB) unless the zone is given.")
    )
    ends_at = models.DateTimeField(_("end"), null=True, blank=True)
    all_day = models.BooleanField(
        _("all day"),
        default=False,
        help_text=_("The day is known but not the time: only the date is shown."),
    )
    attendance_mode = models.CharField(
        _("attendance"),
        max_length=16,
        choices=AttendanceMode.choices,
        default=AttendanceMode.IN_PERSON,
    )
    venue = models.CharField(
        _("venue"),
        max_length=250,
        blank=True,
        help_text=_("Where people meet, or where officials followed an online event."),
    )
    online_url = URLField(_("online link"), max_length=500, blank=True)
    agencies = models.ManyToManyField(
        Agency,
        through="EventAgency",
        verbose_name=_("agencies"),
        related_name="events",
        blank=True,
    )
    speakers = models.ManyToManyField(
        Person, verbose_name=_("speakers"), related_name="events_spoken_at", blank=True
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), related_name="events", blank=True
    )

    objects = EventQuerySet.as_manager()

    OWNER_ROLE = "organiser"
    OWNER_MISSING = _("It needs an organising agency.")

    class Meta(Publishable.Meta):
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at", "-id"]
        permissions = [
            ("publish_event", _("Can publish, schedule, unpublish and withdraw events")),
        ]
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="events_event_ends_after_start",
                violation_error_message=_("An event cannot end before it starts."),
            ),
        ]
        indexes = [
            *Publishable.Meta.indexes,
            models.Index(fields=["starts_at"], name="events_event_starts_at"),
            # Events not yet over: those that end from now on (see upcoming()).
            models.Index(fields=["ends_at"], name="events_event_ends_at"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_url("events:detail", self.slug)

    @property
    def attendance_label(self):
        """The attendance mode's name, as get_attendance_mode_display() gives it, without the
        dictionary of hashed choices that builds at each call: a month's calendar names up to
        300 events."""
        return dict(self.AttendanceMode.choices).get(self.attendance_mode, self.attendance_mode)

    def natural_key(self):
        return (self.slug,)

    @property
    def organisers(self):
        return [link.agency for link in self.event_agencies.all() if link.is_organiser]

    @property
    def participants(self):
        return [link.agency for link in self.event_agencies.all() if not link.is_organiser]


@reversion.register()
class EventAgency(models.Model):
    class Role(models.TextChoices):
        ORGANISER = "organiser", _("Organiser")
        PARTICIPANT = "participant", _("Participant")

    event = models.ForeignKey(Event, related_name="event_agencies", on_delete=models.CASCADE)
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), related_name="event_links", on_delete=models.PROTECT
    )
    role = models.CharField(
        _("role"), max_length=16, choices=Role.choices, default=Role.PARTICIPANT
    )

    class Meta:
        verbose_name = _("agency at the event")
        verbose_name_plural = _("agencies at the event")
        # In the order they were linked: pages list them the same way every time.
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "agency"],
                name="events_agency_once_per_event",
                violation_error_message=_("This agency is already linked to the event."),
            ),
        ]

    def __str__(self):
        return f"{self.agency} ({self.get_role_display()})"

    @property
    def is_organiser(self):
        return self.role == self.Role.ORGANISER
