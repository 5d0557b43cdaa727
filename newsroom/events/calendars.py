"""The agenda as iCalendar (RFC 5545): a feed to subscribe to, and each event's own .ics."""

from datetime import timedelta

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import conditional_page
from icalendar import Calendar, vDuration
from icalendar import Event as CalendarEvent

from newsroom.core.filters import filters_in_use
from newsroom.core.models import Status
from newsroom.core.views import bad_filters_response
from newsroom.events.filters import EventFilter
from newsroom.events.models import Event

# How often a subscribed calendar application should fetch the feed again.
REFRESH_INTERVAL = timedelta(hours=1)


def event_calendar(*, events, name: str, request) -> Calendar:
    """A calendar of these events, with the time zone each one is given in."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.NEWSROOM_SITE_NAME}//Newsroom//ID")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    for event in events:
        calendar.add_component(calendar_event(event=event, request=request))
    calendar.add_missing_timezones()
    return calendar


def calendar_event(*, event: Event, request) -> CalendarEvent:
    """One event; an all-day event is given as dates, its end being the day after it ends."""
    url = request.build_absolute_uri(event.get_absolute_url())
    component = CalendarEvent()
    component.add("uid", f"event-{event.pk}@{request.get_host()}")
    # With no METHOD, DTSTAMP is when the event last changed; it keeps the feed's ETag stable.
    component.add("dtstamp", event.updated_at)
    component.add("created", event.created_at)
    component.add("last-modified", event.updated_at)
    component.add("summary", event.title)
    if event.all_day:
        first_day = timezone.localdate(event.starts_at)
        last_day = timezone.localdate(event.ends_at) if event.ends_at else first_day
        component.add("dtstart", first_day)
        component.add("dtend", last_day + timedelta(days=1))
    else:
        component.add("dtstart", timezone.localtime(event.starts_at))
        if event.ends_at:
            component.add("dtend", timezone.localtime(event.ends_at))
    component.add("description", "\n\n".join(filter(None, [event.summary, url])))
    component.add("url", url)
    if location := event.venue or event.online_url:
        component.add("location", location)
    component.add("status", "CANCELLED" if event.status == Status.WITHDRAWN else "CONFIRMED")
    if agencies := [link.agency.name for link in event.event_agencies.all()]:
        component.add("categories", agencies)
    return component


def calendar_response(calendar: Calendar, *, filename: str | None = None) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class EventCalendarView(View):
    """The agenda to subscribe to, for the same filters as the agenda page (?agency=…&topic=…).

    The most recent events by start come first, at most max_events of them.
    """

    max_events = 500

    def get(self, request):
        filterset = EventFilter(
            request.GET, queryset=Event.objects.published().for_listing(), request=request
        )
        if not filterset.is_valid():
            return bad_filters_response(filterset)
        name = _("%(site)s: agenda") % {"site": settings.NEWSROOM_SITE_NAME}
        if filters := filters_in_use(filterset):
            name = f"{name} ({filters})"
        events = filterset.qs.order_by("-starts_at", "-id")[: self.max_events]
        return calendar_response(event_calendar(events=events, name=name, request=request))


class EventICalendarView(View):
    """One event as an .ics file, to add to a calendar; a withdrawn event is cancelled."""

    def get(self, request, slug):
        event = get_object_or_404(
            Event.objects.published(include_withdrawn=True).for_listing(), slug=slug
        )
        calendar = event_calendar(events=[event], name=event.title, request=request)
        return calendar_response(calendar, filename=f"{event.slug}.ics")


event_calendar_view = conditional_page(EventCalendarView.as_view())
event_icalendar_view = conditional_page(EventICalendarView.as_view())
