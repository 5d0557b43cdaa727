from django.urls import path

from newsroom.events import calendars, views

app_name = "events"
urlpatterns = [
    path("", views.EventListView.as_view(), name="list"),
    path("kalender.ics", calendars.event_calendar_view, name="calendar"),
    path("bulan/", views.EventMonthView.as_view(), name="month"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
    path("<slug:slug>/kalender.ics", calendars.event_icalendar_view, name="icalendar"),
]
