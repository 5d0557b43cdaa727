from newsroom.core.sitemaps import PublishableSitemap
from newsroom.events.models import Event


class EventSitemap(PublishableSitemap):
    def published(self):
        return (
            Event.objects.published()
            .only("slug", "published_at", "updated_at")
            .order_by("-starts_at", "-id")
        )
