"""News as Wagtail pages, laid out as wagtail/bakerydemo's blog: an index page whose children
are the news pages, listed newest first."""

from django.core.paginator import Paginator
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

NEWS_PER_PAGE = 20
# As many as Newsroom's home page shows.
HOME_LATEST_NEWS = 6


class HomePage(Page):
    max_count = 1
    subpage_types = ["news.NewsIndexPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = NewsPage.objects.live().order_by("-date")[:HOME_LATEST_NEWS]
        return context


class NewsIndexPage(Page):
    introduction = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    subpage_types = ["news.NewsPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = NewsPage.objects.live().descendant_of(self)
        search_query = request.GET.get("q", "").strip()
        # A search is ordered by relevance, by Wagtail's search backend; the list by date.
        news = news.search(search_query) if search_query else news.order_by("-date")
        context["search_query"] = search_query
        context["news"] = Paginator(news, NEWS_PER_PAGE).get_page(request.GET.get("page"))
        return context


class NewsPage(Page):
    # Indexed: the news index lists by it, as Newsroom's listing index does.
    date = models.DateTimeField("publication time", db_index=True)
    summary = models.TextField(blank=True)
    body = RichTextField(blank=True)
    agency = models.CharField("lead agency", max_length=200, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("agency"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
