"""RSS 2.0 and Atom feeds of the news, for the same filters as the finder (/berita/)."""

import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import feedgenerator, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import conditional_page

from newsroom.articles.filters import ArticleFilter
from newsroom.articles.models import Article
from newsroom.core.filters import filtered_url, filters_in_use
from newsroom.core.views import bad_filters_response


class LocalTimeMixin:
    """Feed dates in the site's time zone (+07:00), even for an empty feed."""

    def latest_post_date(self):
        return timezone.localtime(super().latest_post_date())


class NewsRssFeed(LocalTimeMixin, feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with the whole body in content:encoded, beside the summary."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item["content"]:
            handler.addQuickElement("content:encoded", item["content"])


class NewsAtomFeed(LocalTimeMixin, feedgenerator.Atom1Feed):
    """Atom with the whole body as HTML content, beside the summary."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item["content"]:
            handler.addQuickElement("content", item["content"], {"type": "html"})


class NewsFeed(Feed):
    """The latest published news matching the finder's filters (?agency=…&topic=…&person=…).

    The object is the validated ArticleFilter; filters that cannot be used answer 400 with the
    field's message, as the finder does.
    """

    feed_type = NewsRssFeed
    items_per_feed = 20

    def __call__(self, request, *args, **kwargs):
        filterset = ArticleFilter(
            request.GET, queryset=Article.objects.published().with_agencies(), request=request
        )
        if not filterset.is_valid():
            return bad_filters_response(filterset)
        return super().__call__(request, *args, filterset=filterset, **kwargs)

    def get_object(self, request, *, filterset):
        return filterset

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        # Enclosures need absolute addresses; only the request knows the site's.
        for item in feed.items:
            item["enclosures"] = [
                feedgenerator.Enclosure(
                    request.build_absolute_uri(enclosure.url), enclosure.length, enclosure.mime_type
                )
                for enclosure in item["enclosures"]
            ]
        return feed

    def title(self, filterset):
        filters = filters_in_use(filterset)
        title = _("%(site)s: news") % {"site": settings.NEWSROOM_SITE_NAME}
        return f"{title} ({filters})" if filters else title

    def description(self, filterset):
        return _("The latest news published by %(site)s.") % {"site": settings.NEWSROOM_SITE_NAME}

    subtitle = description  # Atom's name for it

    def link(self, filterset):
        return filtered_url("articles:list", filterset)

    def feed_url(self, filterset):
        return filtered_url(self.url_name, filterset)

    def author_name(self, filterset):
        return settings.NEWSROOM_SITE_NAME

    def items(self, filterset):
        return filterset.qs[: self.items_per_feed]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_extra_kwargs(self, article):
        # The body is sanitised with nh3 every time it is saved (newsroom.core.fields).
        return {"content": article.body}

    def item_pubdate(self, article):
        return timezone.localtime(article.published_at)

    def item_updateddate(self, article):
        return timezone.localtime(max(article.updated_at, article.published_at))

    def item_author_name(self, article):
        return article.byline or None

    def item_categories(self, article):
        return [link.agency.name for link in article.agency_links]

    def item_enclosures(self, article):
        if not article.lead_image:
            return []
        mime_type, _encoding = mimetypes.guess_type(article.lead_image.name)
        # The size would cost a request to the media storage for every item; RSS asks for 0
        # when it is not known.
        return [
            feedgenerator.Enclosure(
                article.lead_image.url, "0", mime_type or "application/octet-stream"
            )
        ]


class NewsRss(NewsFeed):
    url_name = "articles:rss"


class NewsAtom(NewsFeed):
    feed_type = NewsAtomFeed
    url_name = "articles:atom"


news_rss = conditional_page(NewsRss())
news_atom = conditional_page(NewsAtom())
