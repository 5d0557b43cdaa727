import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from newsroom.agencies.filters import AgencyFilter
from newsroom.agencies.models import Agency, Person
from newsroom.articles.models import AgencyListing, AgencyNews, Article, ArticleAgency, Topic
from newsroom.core.filters import (
    DateRangeMeta,
    LinkedToAnyFilter,
    LinkedToFilter,
    chosen_values,
    date_range_filterset,
)
from newsroom.core.widgets import HiddenInput, MultipleHiddenInput, SearchInput, Select
from newsroom.events.models import Event


def published_events(request):
    return Event.objects.published()


class ArticleFilter(date_range_filterset("published_at")):
    """The one set of filters behind the news list, its feeds and its API."""

    q = django_filters.CharFilter(
        method="search", label=_("Search"), max_length=200, widget=SearchInput
    )
    agency = AgencyFilter()
    kind = django_filters.ChoiceFilter(
        choices=Agency.Kind.choices,
        method="filter_kind",
        label=_("Kind of agency"),
        empty_label=_("Any"),
        help_text=_("The kind of the agency whose news it is (the lead agency)."),
        widget=Select,
    )
    topic = LinkedToAnyFilter(
        field_name="topics",
        to_field_name="slug",
        queryset=Topic.objects.all(),
        label=_("Topic"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("There is no topic “%(value)s”.")},
    )
    event = LinkedToFilter(
        field_name="events",
        to_field_name="slug",
        queryset=published_events,
        label=_("Event"),
        widget=HiddenInput,
        error_messages={"invalid_choice": _("There is no such event.")},
    )
    person = LinkedToAnyFilter(
        field_name="people",
        to_field_name="slug",
        queryset=Person.objects.all(),
        label=_("Person"),
        widget=MultipleHiddenInput,
        error_messages={"invalid_choice": _("There is no person “%(value)s”.")},
    )

    class Meta(DateRangeMeta):
        model = Article
        fields = []

    def agency_news(self, *, articles=None) -> AgencyNews | None:
        """The result read from AgencyListing where the database keeps it and the only filters
        are one agency, dates and words: the same articles, newest first, whose count and pages
        no longer grow with the agency's news. None for any other filters, or filters that do
        not validate."""
        if not self.is_bound or not self.is_valid() or not AgencyListing.is_kept(self.queryset.db):
            return None
        chosen = chosen_values(self)
        agencies = chosen.get("agency", [])
        if len(agencies) != 1 or chosen.keys() - {"agency", "from", "to", "q"}:
            return None
        entries = AgencyListing.objects.using(self.queryset.db).filter(agency=agencies[0])
        for name in chosen.keys() - {"agency"}:
            # The table's columns have the articles' names, and its queryset searches as
            # theirs does: the date filters and the search apply as they are.
            entries = self.filters[name].filter(entries, chosen[name])
        return AgencyNews(entries, articles=articles)

    def search(self, queryset, name, value):
        return queryset.search(value)

    def filter_kind(self, queryset, name, value):
        leads = Article.links_to("agencies", OuterRef("pk"), Agency.objects.filter(kind=value))
        return queryset.filter(Exists(leads.filter(role=ArticleAgency.Role.LEAD)))
