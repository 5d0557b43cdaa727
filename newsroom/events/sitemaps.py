from django.contrib.sitemaps import Sitemap

from newsroom.events.models import Event


class EventSitemap(Sitemap):
    def items(self):
        return Event.objects.published().order_by("-starts_at", "-id")

    def lastmod(self, event):
        return max(event.updated_at, event.published_at)
