from datetime import date
from urllib.parse import urlencode

from django import forms
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from newsroom.agencies.filters import agency_options
from newsroom.agencies.models import Role
from newsroom.articles.facets import news_facet_counts
from newsroom.articles.filters import ArticleFilter
from newsroom.articles.models import Article, Topic
from newsroom.core import structured_data
from newsroom.core.filters import FacetOption, active_filters
from newsroom.core.pagination import CappedPaginator
from newsroom.core.views import FilteredListView
from newsroom.core.widgets import Select
from newsroom.events.models import Event


class NewsOrderForm(forms.Form):
    """How the finder orders its results; by relevance only when searching."""

    NEWEST, OLDEST = "newest", "oldest"

    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("", _("Best match, or newest")),
            (NEWEST, _("Newest first")),
            (OLDEST, _("Oldest first")),
        ],
        widget=Select,
    )

    def order(self, result, *, words: str):
        """The result (newest first: a QuerySet, or AgencyNews) in the order asked for; by
        default the best matches of a search first (ranked among the newest matches, as many
        as are counted, to bound the work: ranking reads every match it ranks; the older
        follow, newest first), else the newest."""
        chosen = self.cleaned_data.get("sort") if self.is_valid() else ""
        if chosen == self.OLDEST:
            return result.oldest_first()
        if words and chosen != self.NEWEST:
            return result.by_relevance(words, ranked=CappedPaginator.COUNT_LIMIT + 1)
        return result


class ArticleListView(FilteredListView):
    """The news finder: filters with counts for the current result, chips, sorting."""

    filterset_class = ArticleFilter
    # Named, since the result may not be a QuerySet to name it by (AgencyNews).
    template_name = "articles/article_list.html"
    # The agency filter shows these many agencies, the most frequent in the result first;
    # any other is one click away in the directory.
    agency_options_limit = 15

    def get_queryset(self):
        return Article.objects.published()

    def get(self, request, *args, **kwargs):
        self.order_form = NewsOrderForm(request.GET)
        return super().get(request, *args, **kwargs)

    def filtered_result(self):
        # One agency, with dates or words: its listing, and the links are never queried.
        return self.filterset.agency_news() or super().filtered_result()

    def get_context_data(self, *, object_list, **kwargs):
        words = self.chosen.get("q", "")
        limit = CappedPaginator.COUNT_LIMIT
        ordered = self.order_form.order(object_list, words=words).for_listing()
        # The ordered result counts itself: a search counts the ids it ranks, in one query.
        self.facets = news_facet_counts(ordered, limit=limit) if self.filters_usable else None
        counts = self.facets if self.facets and self.facets.total <= limit else None
        context = super().get_context_data(object_list=ordered, **kwargs)
        chips = active_filters(self.filterset, self.request.GET) if self.chosen else []
        return {
            **context,
            "order_form": self.order_form,
            "words": words,
            "counted": counts is not None,
            "active_filters": chips,
            "agency_options": agency_options(
                self.chosen.get("agency") or [],
                counts.agencies if counts is not None else None,
                limit=self.agency_options_limit,
            ),
            "topic_options": self.topic_options(counts),
            "year_options": self.year_options(counts),
        }

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        if self.facets is not None:
            # The statement of the counts has counted the result already, up to the limit.
            paginator.count = self.facets.total
        return paginator

    def render_to_response(self, context, **response_kwargs):
        if not self.order_form.is_valid():
            response_kwargs.setdefault("status", 400)
        return super().render_to_response(context, **response_kwargs)

    def topic_options(self, counts):
        """Every topic (there are tens), or with counts those in the result and the chosen."""
        chosen = {topic.pk for topic in self.chosen.get("topic") or []}
        options = []
        for topic in Topic.objects.all():
            count = counts.topics.get(topic.pk, 0) if counts is not None else None
            if count != 0 or topic.pk in chosen:
                options.append(FacetOption(topic.slug, topic.name, count, topic.pk in chosen))
        return options

    def year_options(self, counts):
        """The years of the result, newest first, each a link that sets the date range."""
        if counts is None:
            return []
        options = []
        for year in sorted(counts.years, reverse=True):
            start, end = date(year, 1, 1), date(year, 12, 31)
            query = self.request.GET.copy()
            query.setlist("from", [start.isoformat()])
            query.setlist("to", [end.isoformat()])
            query.pop("page", None)
            current = self.chosen.get("from") == start and self.chosen.get("to") == end
            options.append(
                FacetOption(f"?{query.urlencode()}", str(year), counts.years[year], current)
            )
        return options


class ArticleDetailView(DetailView):
    related_count = 4

    def get_queryset(self):
        return Article.objects.published(include_withdrawn=True).for_detail()

    def get_context_data(self, **kwargs):
        article = self.object
        # People appear with the titles they held when the article was published.
        # (A preview of unpublished work has no publication time yet: today's titles then.)
        day = timezone.localdate(article.published_at or timezone.now())
        people = article.people.prefetch_related(
            Prefetch(
                "roles",
                queryset=Role.objects.held_on(day).select_related("agency"),
                to_attr="roles_then",
            )
        )
        return super().get_context_data(
            people=people,
            canonical_url=self.request.build_absolute_uri(article.get_absolute_url()),
            structured_data=structured_data.news_article(article, self.request),
            related_articles=Article.objects.published()
            .related_to(article)
            .for_listing()[: self.related_count],
            **kwargs,
        )


def news_finder_url(**filters: str) -> str:
    """Where readers find the news of a topic or a person, for sitemaps and the API: its page
    (/topik/pemilu-2024/, /tokoh/bahtiar/); any other filters, the news finder filtered."""
    if len(filters) == 1 and (name := next(iter(filters))) in ("topic", "person"):
        return reverse(name, kwargs={"slug": filters[name]})
    return f"{reverse('articles:list')}?{urlencode(filters)}"


class TopicDetailView(DetailView):
    """A topic: its latest news and its events, upcoming first."""

    model = Topic
    latest_news_count = 10

    def get_context_data(self, **kwargs):
        topic = self.object
        events = Event.objects.published().linked_to("topics", [topic])
        return super().get_context_data(
            latest_articles=Article.objects.published()
            .linked_to("topics", [topic])
            .for_listing()[: self.latest_news_count],
            upcoming_events=events.upcoming()[:5],
            past_events=events.past()[:5],
            **kwargs,
        )
