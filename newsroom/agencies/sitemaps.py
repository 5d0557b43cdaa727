from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from newsroom.agencies.models import Agency, Person
from newsroom.articles.models import Article
from newsroom.articles.sitemaps import with_news
from newsroom.articles.views import news_finder_url
from newsroom.core.sitemaps import SummarisedSitemap, changed_at
from newsroom.events.models import Event


class AgencySitemap(Sitemap):
    """Every agency; its page changes with the news and events of it and its sub-agencies."""

    def items(self):
        return self.agencies

    @cached_property
    def agencies(self):
        """Read once for the index, which asks for the date and for the number of pages."""
        agencies = list(Agency.objects.only("slug", "parent").order_by("name", "id"))
        changes = [
            Agency.objects.filter(**{f"{relation}__in": published})
            .values_list("pk")
            .annotate(latest=Max(changed_at(relation)))
            for relation, published in [
                ("articles", Article.objects.published()),
                ("events", Event.objects.published()),
            ]
        ]
        changed = {}
        for agency_id, latest in (row for rows in changes for row in rows):
            changed[agency_id] = max(changed.get(agency_id, latest), latest)
        # Then up the hierarchy: a parent's page lists what its sub-agencies publish.
        by_id = {agency.pk: agency for agency in agencies}
        for agency in agencies:
            agency.changed_at = changed.get(agency.pk)
        for agency_id, latest in changed.items():
            parent_id, seen = by_id[agency_id].parent_id, {agency_id}
            while parent_id is not None and parent_id not in seen:
                parent = by_id[parent_id]
                parent.changed_at = max(parent.changed_at or latest, latest)
                parent_id, seen = parent.parent_id, seen | {parent_id}
        return agencies

    def lastmod(self, agency):
        return agency.changed_at

    def get_latest_lastmod(self):
        # Agencies with no published news or events yet have no date; the others still count.
        return max(filter(None, map(self.lastmod, self.items())), default=None)


class PersonSitemap(SummarisedSitemap):
    """People in published news, at their pages."""

    lastmod_field = "news_changed_at"

    def items(self):
        return with_news(Person.objects.only("slug")).order_by("name", "id")

    def location(self, person):
        return news_finder_url(person=person.slug)
