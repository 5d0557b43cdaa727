from urllib.parse import urlencode

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.views.generic import DetailView

from newsroom.agencies.models import Role
from newsroom.articles.filters import ArticleFilter
from newsroom.articles.models import Article
from newsroom.core.views import FilteredListView


class ArticleListView(FilteredListView):
    filterset_class = ArticleFilter

    def get_queryset(self):
        return Article.objects.published().for_listing()


class ArticleDetailView(DetailView):
    def get_queryset(self):
        return Article.objects.published(include_withdrawn=True).for_detail()

    def get_context_data(self, **kwargs):
        # People appear with the titles they held when the article was published.
        # (A preview of unpublished work has no publication time yet: today's titles then.)
        day = timezone.localdate(self.object.published_at or timezone.now())
        people = self.object.people.prefetch_related(
            Prefetch(
                "roles",
                queryset=Role.objects.held_on(day).select_related("agency"),
                to_attr="roles_then",
            )
        )
        return super().get_context_data(people=people, **kwargs)


def news_finder_url(**filters: str) -> str:
    """The news finder filtered, such as news_finder_url(topic="pemilu-2024").

    Topics and people link here, from sitemaps and the API, until they have pages of their own.
    """
    return f"{reverse('articles:list')}?{urlencode(filters)}"
