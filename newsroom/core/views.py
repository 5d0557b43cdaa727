from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from django.views.static import serve
from django_filters.views import FilterView

from newsroom.agencies.models import Agency
from newsroom.articles.models import Article
from newsroom.core.filters import chosen_values
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

    def get(self, request, *args, **kwargs):
        # A form sent with fields left empty (?q=&from=…) is sent on to the same list without
        # them, so that every state of the list has one plain address to share.
        given = [(name, value) for name, values in request.GET.lists() for value in values]
        kept = [(name, value) for name, value in given if value]
        if len(kept) < len(given):
            return HttpResponseRedirect(
                f"{request.path}?{urlencode(kept)}" if kept else request.path
            )
        self.filterset = self.get_filterset(self.get_filterset_class())
        self.object_list = self.filtered_result()
        context = self.get_context_data(
            filter=self.filterset, chosen=self.chosen, object_list=self.object_list
        )
        return self.render_to_response(context)

    @cached_property
    def filters_usable(self) -> bool:
        """Whether the list can be filtered as asked: no filters given, or all of them valid."""
        return not self.filterset.is_bound or self.filterset.is_valid()

    @cached_property
    def chosen(self) -> dict:
        """The filters given a value, with their cleaned values; empty when none were given or
        they do not validate."""
        if not (self.filterset.is_bound and self.filters_usable):
            return {}
        return chosen_values(self.filterset)

    def filtered_result(self):
        """The items the filters select; none when they do not validate (the form says why)."""
        if not self.filters_usable:
            return self.filterset.queryset.none()
        return self.filterset.qs

    def render_to_response(self, context, **response_kwargs):
        if not self.filters_usable:
            response_kwargs.setdefault("status", 400)
        return super().render_to_response(context, **response_kwargs)


def bad_filters_response(filterset) -> HttpResponse:
    """A 400 in plain text for a feed or calendar whose filters cannot be used.

    Feed readers and calendar applications show the body as it is, so it says what to fix.
    """
    lines = [_("Some filters could not be used"), ""]
    for name, errors in filterset.errors.items():
        field = filterset.form.fields.get(name)
        prefix = f"{field.label} ({name}): " if field else ""
        lines.extend(prefix + error for error in errors)
    return HttpResponse(
        "\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8"
    )


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            latest_articles=Article.objects.published().for_listing()[:6],
            upcoming_events=Event.objects.published().upcoming()[:5],
            agencies=Agency.objects.filter(parent=None).prefetch_related("children"),
            **kwargs,
        )


def media(request, path):
    """Uploaded files, served by Django in the embedded default only (NEWSROOM_SERVE_MEDIA).

    The folder is read at each request, so a MEDIA_ROOT changed after start (tests) holds.
    """
    return serve(request, path, document_root=settings.MEDIA_ROOT)
