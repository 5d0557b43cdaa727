from datetime import timedelta
from urllib.parse import urljoin

from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import get_language

from newsroom.articles.models import Article, Topic
from newsroom.articles.views import news_finder_url
from newsroom.core.sitemaps import PublishableSitemap, SummarisedSitemap, changed_at


class ArticleSitemap(PublishableSitemap):
    """Published articles, each with its lead image."""

    def published(self):
        return (
            Article.objects.published()
            .only("slug", "title", "published_at", "updated_at", "lead_image")
            .order_by("-published_at", "-id")
        )

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)
        base = f"{self.get_protocol(protocol)}://{self.get_domain(site)}/"
        for url in urls:
            image = url["item"].lead_image
            # A storage such as S3 gives absolute addresses already; urljoin keeps them.
            url["images"] = [urljoin(base, image.url)] if image else []
        return urls


class NewsSitemap(ArticleSitemap):
    """Google News: articles of the last two days, at most a thousand."""

    days = 2

    def published(self):
        since = timezone.now() - timedelta(days=self.days)
        return super().published().filter(published_at__gte=since)[: self.limit]

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)
        for url in urls:
            url["news"] = {
                "publication": settings.NEWSROOM_SITE_NAME,
                "language": get_language(),
                "published_at": url["item"].published_at,
                "title": url["item"].title,
            }
        return urls


def with_news(queryset):
    """Topics or people in published news, each with when that news last changed."""
    return queryset.filter(articles__in=Article.objects.published()).annotate(
        news_changed_at=Max(changed_at("articles"))
    )


class TopicSitemap(SummarisedSitemap):
    """Topics in published news, at their pages."""

    lastmod_field = "news_changed_at"

    def items(self):
        return with_news(Topic.objects.only("slug")).order_by("name", "id")

    def location(self, topic):
        return news_finder_url(topic=topic.slug)
