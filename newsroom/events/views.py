import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from newsroom.agencies.filters import agency_options
from newsroom.core import structured_data
from newsroom.core.dates import local_day_end, local_day_start
from newsroom.core.views import FilteredListView
from newsroom.events.filters import EventFilter
from newsroom.events.models import Event


class AgendaMixin:
    """What the agenda's list and its month calendar share: the filters and their agencies."""

    filterset_class = EventFilter
    agency_options_limit = 15

    def get_queryset(self):
        return Event.objects.published().for_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            agency_options=agency_options(
                self.chosen.get("agency") or [], None, limit=self.agency_options_limit
            ),
            **kwargs,
        )


class EventListView(AgendaMixin, FilteredListView):
    pass


class MonthForm(forms.Form):
    month = forms.DateField(
        label=_("Month"),
        required=False,
        input_formats=["%Y-%m"],
        error_messages={"invalid": _("Give the month as year and month, such as 2023-01.")},
    )


@dataclass
class CalendarDay:
    day: date
    in_month: bool
    events: list = field(default_factory=list)


class EventMonthView(AgendaMixin, FilteredListView):
    """The agenda as a month calendar (?month=2023-01, with the agenda's filters): every event
    under each day it spans, a link to the months before and after."""

    template_name = "events/event_month.html"
    paginate_by = None
    # A month of a busy region has tens of events; the bound keeps a page small in any case.
    most_events = 300
    shown_fields = ["slug", "title", "attendance_mode", "starts_at", "ends_at"]

    def get(self, request, *args, **kwargs):
        self.month_form = MonthForm(request.GET)
        return super().get(request, *args, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        if not self.month_form.is_valid():
            response_kwargs.setdefault("status", 400)
        return super().render_to_response(context, **response_kwargs)

    def get_context_data(self, *, object_list, **kwargs):
        chosen = self.month_form.cleaned_data.get("month") if self.month_form.is_valid() else None
        first = chosen or timezone.localdate().replace(day=1)
        weeks = calendar.Calendar().monthdatescalendar(first.year, first.month)
        days = {day: CalendarDay(day, day.month == first.month) for week in weeks for day in week}
        start, end = local_day_start(weeks[0][0]), local_day_end(weeks[-1][-1])
        events = list(
            object_list.filter(starts_at__lt=end)
            .exclude(ends_at__lt=start)
            .exclude(ends_at__isnull=True, starts_at__lt=start)
            .order_by("starts_at", "id")
            # A day's cell names its events, nothing more: no agencies to read for hundreds.
            .prefetch_related(None)
            .only(*self.shown_fields)[: self.most_events + 1]
        )
        left_out_from = None
        if len(events) > self.most_events:
            # Too many to show: the days from the first event left out are left out whole and
            # the page says so, rather than showing half a day or an empty fortnight.
            left_out_from = max(timezone.localdate(events[-1].starts_at), weeks[0][0])
            events = [e for e in events if timezone.localdate(e.starts_at) < left_out_from]
        for event in events:
            day = max(timezone.localdate(event.starts_at), weeks[0][0])
            last = min(timezone.localdate(event.ends_at or event.starts_at), weeks[-1][-1])
            while day <= last:
                days[day].events.append(event)
                day += timedelta(days=1)
        previous_month = (first - timedelta(days=1)).replace(day=1)
        next_month = (first + timedelta(days=31)).replace(day=1)
        return super().get_context_data(
            object_list=events,
            month_form=self.month_form,
            month=first,
            most_events=self.most_events,
            left_out_from=left_out_from,
            month_name=formats.date_format(first, "YEAR_MONTH_FORMAT"),
            weekdays=[formats.date_format(day, "l") for day in weeks[0]],
            weeks=[[days[day] for day in week] for week in weeks],
            previous_month=previous_month,
            next_month=next_month,
            **kwargs,
        )


class EventDetailView(DetailView):
    def get_queryset(self):
        return Event.objects.published(include_withdrawn=True).for_detail()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            canonical_url=self.request.build_absolute_uri(self.object.get_absolute_url()),
            structured_data=structured_data.event(self.object, self.request),
            **kwargs,
        )
