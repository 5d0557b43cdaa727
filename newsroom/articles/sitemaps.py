from datetime import timedelta
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import get_language

from newsroom.articles.models import Article, Topic
from newsroom.articles.views import news_finder_url


def latest_change(queryset):
    """When the last of these published items changed, as a Subquery for topics, people…"""
    return Subquery(queryset.order_by("-updated_at").values("updated_at")[:1])


class ArticleSitemap(Sitemap):
    """Published articles, each with its lead image."""

    def items(self):
        return Article.objects.published().order_by("-published_at", "-id")

    def lastmod(self, article):
        return max(article.updated_at, article.published_at)

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
    limit = 1000

    def items(self):
        since = timezone.now() - timedelta(days=self.days)
        return super().items().filter(published_at__gte=since)[: self.limit]

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


class TopicSitemap(Sitemap):
    """Topics with published news, as the finder filtered by each until topics have pages."""

    def items(self):
        return (
            Topic.objects.annotate(
                news_changed_at=latest_change(
                    Article.objects.published().filter(topics=OuterRef("pk"))
                )
            )
            .filter(news_changed_at__isnull=False)
            .order_by("name", "id")
        )

    def location(self, topic):
        return news_finder_url(topic=topic.slug)

    def lastmod(self, topic):
        return topic.news_changed_at
