from django.views.generic import TemplateView
from django_filters.views import FilterView

from newsroom.agencies.models import Agency
from newsroom.articles.models import Article
from newsroom.core.pagination import CappedPaginator
from newsroom.events.models import Event


class FilteredListView(FilterView):
    """A public list driven by one FilterSet, 20 to a page.

    Filters that do not validate give no results, the form's messages and a 400 status, so
    that neither readers nor crawlers mistake a bad address for an empty list.
    """

    paginate_by = 20
    paginator_class = CappedPaginator
    template_name_suffix = "_list"

    def render_to_response(self, context, **response_kwargs):
        if self.filterset.is_bound and not self.filterset.is_valid():
            response_kwargs.setdefault("status", 400)
        return super().render_to_response(context, **response_kwargs)


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            latest_articles=Article.objects.published().for_listing()[:6],
            upcoming_events=Event.objects.published().upcoming().order_by("starts_at")[:5],
            agencies=Agency.objects.filter(parent=None).prefetch_related("children"),
            **kwargs,
        )
