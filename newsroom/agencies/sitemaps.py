from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef

from newsroom.agencies.models import Agency, Person
from newsroom.articles.models import Article
from newsroom.articles.sitemaps import latest_change
from newsroom.articles.views import news_finder_url
from newsroom.events.models import Event


class AgencySitemap(Sitemap):
    """Every agency; its page changes with the news and events of it and its sub-agencies."""

    def items(self):
        agencies = list(
            Agency.objects.annotate(
                news_changed_at=latest_change(
                    Article.objects.published().filter(agencies=OuterRef("pk"))
                ),
                events_changed_at=latest_change(
                    Event.objects.published().filter(agencies=OuterRef("pk"))
                ),
            ).order_by("name", "id")
        )
        by_id = {agency.pk: agency for agency in agencies}
        for agency in agencies:
            agency.changed_at = max(
                filter(None, [agency.news_changed_at, agency.events_changed_at]), default=None
            )
        for agency in agencies:
            ancestor = by_id.get(agency.parent_id)
            while ancestor is not None and agency.changed_at is not None:
                ancestor.changed_at = max(filter(None, [ancestor.changed_at, agency.changed_at]))
                ancestor = by_id.get(ancestor.parent_id)
        return agencies

    def lastmod(self, agency):
        return agency.changed_at

    def get_latest_lastmod(self):
        # Agencies with no published news or events yet have no date; the others still count.
        return max(filter(None, map(self.lastmod, self.items())), default=None)


class PersonSitemap(Sitemap):
    """People in published news, as the finder filtered by each until people have pages."""

    def items(self):
        return (
            Person.objects.annotate(
                news_changed_at=latest_change(
                    Article.objects.published().filter(people=OuterRef("pk"))
                )
            )
            .filter(news_changed_at__isnull=False)
            .order_by("name", "id")
        )

    def location(self, person):
        return news_finder_url(person=person.slug)

    def lastmod(self, person):
        return person.news_changed_at
