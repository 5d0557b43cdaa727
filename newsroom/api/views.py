"""The read-only JSON API, version 1: what the public pages show, as data.

Lists are filtered by the finder's own FilterSets (DRF's DjangoFilterBackend runs them), so a
list, its page and its feed always agree; everything goes through published().
"""

from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import conditional_page
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView
from rest_framework import generics
from rest_framework.exceptions import NotFound

from newsroom.agencies.models import Agency, Person, Role
from newsroom.api import serializers
from newsroom.articles.filters import ArticleFilter
from newsroom.articles.models import Article, Topic
from newsroom.events.filters import EventFilter
from newsroom.events.models import Event


class ApiView(generics.GenericAPIView):
    """What every endpoint shares: GET only, ETag, messages in the reader's language.

    Messages are in Indonesian unless the request's Accept-Language asks for English.
    """

    lookup_field = "slug"
    http_method_names = ["get", "head"]
    not_found_message = ""

    @classmethod
    def as_view(cls, **initkwargs):
        # ETag from the response body; a matching If-None-Match gets 304 Not Modified.
        return conditional_page(super().as_view(**initkwargs))

    def dispatch(self, request, *args, **kwargs):
        with translation.override(translation.get_language_from_request(request)):
            response = super().dispatch(request, *args, **kwargs)
        patch_vary_headers(response, ["Accept-Language"])
        return response

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            raise NotFound(self.not_found_message % {"slug": self.kwargs["slug"]}) from None


class ArticleFilterBackend(DjangoFilterBackend):
    """The finder's filters, read as the finder reads them: one agency's news (with dates, words
    or both) from AgencyListing (ArticleFilter.agency_news), anything else through the
    FilterSet's queryset.
    Filters that do not validate give a 400, as DjangoFilterBackend's do."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)
        return filterset.agency_news(articles=queryset) or filterset.qs


class ArticleList(ApiView, generics.ListAPIView):
    """Published news, newest first, with the news finder's filters."""

    serializer_class = serializers.ArticleSerializer
    filterset_class = ArticleFilter
    filter_backends = [ArticleFilterBackend]

    def get_queryset(self):
        return Article.objects.published().with_agencies().prefetch_related("topics")


class ArticleDetail(ApiView, generics.RetrieveAPIView):
    """One article; a withdrawn one keeps its address, with the reason (status `withdrawn`)."""

    serializer_class = serializers.ArticleDetailSerializer
    not_found_message = gettext_lazy("There is no published article “%(slug)s”.")

    def get_queryset(self):
        return (
            Article.objects.published(include_withdrawn=True)
            .with_agencies()
            .prefetch_related(
                "topics", "people", Prefetch("events", queryset=Event.objects.published())
            )
        )


class EventList(ApiView, generics.ListAPIView):
    """Published events with the agenda's filters, latest start first (`when=upcoming`: soonest)."""

    serializer_class = serializers.EventSerializer
    filterset_class = EventFilter

    def get_queryset(self):
        return Event.objects.published().for_listing().prefetch_related("topics")


class EventDetail(ApiView, generics.RetrieveAPIView):
    """One event; a withdrawn one keeps its address, with the reason (status `withdrawn`)."""

    serializer_class = serializers.EventDetailSerializer
    not_found_message = gettext_lazy("There is no published event “%(slug)s”.")

    def get_queryset(self):
        return (
            Event.objects.published(include_withdrawn=True)
            .for_listing()
            .prefetch_related(
                "topics", "speakers", Prefetch("articles", queryset=Article.objects.published())
            )
        )


def agencies():
    return (
        Agency.objects.select_related("parent")
        .prefetch_related(Prefetch("children", queryset=Agency.objects.only("slug", "parent")))
        .order_by("name", "id")
    )


def people():
    """People the public may know of: officials with a role, or named in what is published.

    A person named only in a draft stays out until the draft is published.
    """
    return (
        Person.objects.filter(
            Exists(Role.objects.filter(person=OuterRef("pk")))
            | Exists(Article.objects.published().filter(people=OuterRef("pk")))
            | Exists(Event.objects.published().filter(speakers=OuterRef("pk")))
        )
        .prefetch_related(Prefetch("roles", queryset=Role.objects.select_related("agency")))
        .order_by("name", "id")
    )


def topics():
    return Topic.objects.order_by("name", "id")


class AgencyList(ApiView, generics.ListAPIView):
    """Every agency by name, each with its parent and sub-agencies: the hierarchy, flat."""

    serializer_class = serializers.AgencySerializer

    def get_queryset(self):
        return agencies()


class AgencyDetail(ApiView, generics.RetrieveAPIView):
    """One agency with its officials of today."""

    serializer_class = serializers.AgencyDetailSerializer
    not_found_message = gettext_lazy("There is no agency “%(slug)s”.")

    def get_queryset(self):
        officials = Role.objects.held_on(timezone.localdate()).select_related("person")
        return agencies().prefetch_related(
            Prefetch("roles", queryset=officials, to_attr="officials_today")
        )


class PersonList(ApiView, generics.ListAPIView):
    """Officials and the people named in published news and events, by name, with their roles."""

    serializer_class = serializers.PersonSerializer

    def get_queryset(self):
        return people()


class PersonDetail(ApiView, generics.RetrieveAPIView):
    serializer_class = serializers.PersonSerializer
    not_found_message = gettext_lazy("There is no person “%(slug)s”.")

    def get_queryset(self):
        return people()


class TopicList(ApiView, generics.ListAPIView):
    serializer_class = serializers.TopicSerializer

    def get_queryset(self):
        return topics()


class TopicDetail(ApiView, generics.RetrieveAPIView):
    serializer_class = serializers.TopicSerializer
    not_found_message = gettext_lazy("There is no topic “%(slug)s”.")

    def get_queryset(self):
        return topics()


class OpenAPIView(SpectacularJSONAPIView):
    """The OpenAPI 3 document, in English, the API's language (?lang=id for Indonesian)."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        with translation.override("en"):
            return super().get(request, *args, **kwargs)


class DocumentationView(SpectacularSwaggerSplitView):
    """Swagger UI from the drf-spectacular-sidecar package: nothing loads from elsewhere. Its
    script comes from this view (?script=) and its style from a file, as the
    Content-Security-Policy wants: nothing inline."""

    url_name = "api:openapi"
    template_name = "api/docs.html"


def not_found(request):
    """Any other address under /api/: a JSON 404 that says where the documentation is."""
    docs = request.build_absolute_uri(reverse("api:docs"))
    with translation.override(translation.get_language_from_request(request)):
        message = _("There is no such address in the API. The documentation is at %(url)s.")
    return JsonResponse({"detail": message % {"url": docs}}, status=404)
