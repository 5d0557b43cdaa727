from django.views.generic import DetailView

from newsroom.core.views import FilteredListView
from newsroom.events.filters import EventFilter
from newsroom.events.models import Event


class EventListView(FilteredListView):
    filterset_class = EventFilter

    def get_queryset(self):
        return Event.objects.published().for_listing()


class EventDetailView(DetailView):
    def get_queryset(self):
        return Event.objects.published(include_withdrawn=True).for_detail()
