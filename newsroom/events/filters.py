import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from newsroom.agencies.filters import AgencyFilter
from newsroom.articles.models import Topic
from newsroom.core.filters import (
    DateRangeMeta,
    LinkedToAnyFilter,
    date_range_filterset,
)
from newsroom.core.widgets import Select
from newsroom.events.models import Event


class EventFilter(date_range_filterset("starts_at")):
    """The one set of filters behind the agenda."""

    WHEN_CHOICES = [("upcoming", _("Upcoming")), ("past", _("Past"))]

    when = django_filters.ChoiceFilter(
        choices=WHEN_CHOICES,
        method="filter_when",
        label=_("When"),
        empty_label=_("All"),
        widget=Select,
    )
    agency = AgencyFilter()
    kind = django_filters.ChoiceFilter(
        choices=Event.Kind.choices, label=_("Kind of event"), empty_label=_("Any"), widget=Select
    )
    topic = LinkedToAnyFilter(
        field_name="topics",
        to_field_name="slug",
        queryset=Topic.objects.all(),
        label=_("Topic"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("There is no topic “%(value)s”.")},
    )
    attendance = django_filters.ChoiceFilter(
        field_name="attendance_mode",
        choices=Event.AttendanceMode.choices,
        label=_("Attendance"),
        empty_label=_("Any"),
        widget=Select,
    )

    class Meta(DateRangeMeta):
        model = Event
        fields = []

    def filter_when(self, queryset, name, value):
        if value == "upcoming":
            return queryset.upcoming()
        return queryset.past()
