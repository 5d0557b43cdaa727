from django.db import models
from django.utils import timezone
from django.views.generic import DetailView, ListView

from newsroom.agencies.models import Agency, Person
from newsroom.articles.models import Article
from newsroom.events.models import Event


class AgencyListView(ListView):
    """The directory, as a tree: ministry → directorate-general; regency → its offices."""

    model = Agency

    def get_context_data(self, **kwargs):
        children = {}
        for agency in self.object_list:
            children.setdefault(agency.parent_id, []).append(agency)

        def branch(parent_id):
            return [(agency, branch(agency.pk)) for agency in children.get(parent_id, [])]

        return super().get_context_data(tree=branch(None), **kwargs)


class AgencyDetailView(DetailView):
    model = Agency
    latest_news_count = 10

    def get_queryset(self):
        return Agency.objects.select_related("parent")

    def get_context_data(self, **kwargs):
        agency = self.object
        return super().get_context_data(
            subagencies=agency.children.all(),
            officials=agency.roles.held_on(timezone.localdate()).select_related("person"),
            latest_articles=Article.objects.published()
            .linked_to_agencies([agency])
            .for_listing()[: self.latest_news_count],
            upcoming_events=Event.objects.published().linked_to_agencies([agency]).upcoming()[:5],
            **kwargs,
        )


class PersonDetailView(DetailView):
    """A person: their roles over time, the news that mentions them, the events they spoke at."""

    latest_news_count = 10

    def get_queryset(self):
        return Person.objects.public()

    def get_context_data(self, **kwargs):
        person = self.object
        return super().get_context_data(
            roles=person.roles.select_related("agency").order_by(
                models.F("start_date").desc(nulls_last=True), "-id"
            ),
            latest_articles=Article.objects.published()
            .linked_to("people", [person])
            .for_listing()[: self.latest_news_count],
            events=Event.objects.published()
            .linked_to("speakers", [person])
            .order_by("-starts_at")[:5],
            **kwargs,
        )
