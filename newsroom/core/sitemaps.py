from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.db.models import Count, Max
from django.db.models.functions import Greatest


def changed_at(relation: str = "") -> Greatest:
    """When a published item last changed for readers: its last edit, or when it went out.

    A scheduled item goes out after its last edit; relation reaches items from a topic, a
    person or an agency ("articles").
    """
    prefix = f"{relation}__" if relation else ""
    return Greatest(f"{prefix}updated_at", f"{prefix}published_at")


class SummarisedSitemap(Sitemap):
    """A section that tells the sitemap index its newest change and its size in one statement,
    rather than one for each (and its items loaded to compare dates).

    items() is a queryset whose items carry their date as `lastmod_field`.
    """

    lastmod_field = "changed_at"

    def lastmod(self, item):
        return getattr(item, self.lastmod_field)

    @cached_property
    def summary(self) -> dict:
        return self.items().aggregate(latest=Max(self.lastmod_field), count=Count("pk"))

    def get_latest_lastmod(self):
        return self.summary["latest"]

    @property
    def paginator(self):
        paginator = super().paginator
        paginator.count = self.summary["count"]
        return paginator


class PublishableSitemap(SummarisedSitemap):
    """Published articles or events, a thousand to a sitemap page, each with when it changed.

    Subclasses give published(): the items, from the model's published().
    """

    limit = 1000

    def published(self):
        raise NotImplementedError

    def items(self):
        return self.published().annotate(changed_at=changed_at())
