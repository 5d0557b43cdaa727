from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.db.models.functions import Greatest


def changed_at(relation: str = "") -> Greatest:
    """When a published item last changed for readers: its last edit, or when it went out.

    A scheduled item goes out after its last edit; relation reaches items from a topic, a
    person or an agency ("articles").
    """
    prefix = f"{relation}__" if relation else ""
    return Greatest(f"{prefix}updated_at", f"{prefix}published_at")


class PublishableSitemap(Sitemap):
    """Published articles or events, a thousand to a sitemap page, each with when it changed.

    Subclasses give published(): the items, from the model's published().
    """

    limit = 1000

    def published(self):
        raise NotImplementedError

    def items(self):
        return self.published().annotate(changed_at=changed_at())

    def lastmod(self, item):
        return item.changed_at

    def get_latest_lastmod(self):
        # For the index: one aggregate, rather than every item loaded to compare dates.
        return self.published().aggregate(latest=Max(changed_at()))["latest"]
