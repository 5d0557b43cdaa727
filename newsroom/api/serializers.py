"""What the API shows of each thing: read-only, typed, with absolute addresses."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from newsroom.agencies.models import Agency, Person, Role
from newsroom.articles.models import Article, ArticleAgency, Topic
from newsroom.articles.views import news_finder_url
from newsroom.events.models import Event, EventAgency


@extend_schema_field(OpenApiTypes.URI)
class AbsoluteURLField(serializers.Field):
    """An address on this site, made absolute; by default the object's public page."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "get_absolute_url")
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return self.context["request"].build_absolute_uri(value)


class FinderURLField(AbsoluteURLField):
    """The page of this topic or person."""

    def __init__(self, *, filter_name, **kwargs):
        self.filter_name = filter_name
        super().__init__(source="slug", **kwargs)

    def to_representation(self, value):
        return super().to_representation(news_finder_url(**{self.filter_name: value}))


class AgencyReferenceSerializer(serializers.ModelSerializer):
    url = AbsoluteURLField()

    class Meta:
        model = Agency
        fields = ["slug", "name", "short_name", "url"]


class TopicSerializer(serializers.ModelSerializer):
    url = FinderURLField(filter_name="topic")

    class Meta:
        model = Topic
        fields = ["slug", "name", "description", "url"]


class TopicReferenceSerializer(TopicSerializer):
    class Meta(TopicSerializer.Meta):
        fields = ["slug", "name", "url"]


class PersonReferenceSerializer(serializers.ModelSerializer):
    url = FinderURLField(filter_name="person")

    class Meta:
        model = Person
        fields = ["slug", "name", "url"]


class PersonRoleSerializer(serializers.ModelSerializer):
    """A role seen from its person: where, as what, when."""

    agency = AgencyReferenceSerializer()

    class Meta:
        model = Role
        fields = ["agency", "title", "start_date", "end_date"]


class PersonSerializer(serializers.ModelSerializer):
    url = FinderURLField(filter_name="person")
    roles = PersonRoleSerializer(many=True)

    class Meta:
        model = Person
        fields = ["slug", "name", "biography", "photo", "url", "roles"]


class OfficialSerializer(serializers.ModelSerializer):
    """A role seen from its agency: who, as what, since when."""

    person = PersonReferenceSerializer()

    class Meta:
        model = Role
        fields = ["person", "title", "start_date", "end_date"]


class AgencySerializer(serializers.ModelSerializer):
    url = AbsoluteURLField()
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    children = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Agency
        fields = [
            "slug", "name", "short_name", "kind", "level", "parent", "children",
            "website", "description", "logo", "url",
        ]  # fmt: skip


class AgencyDetailSerializer(AgencySerializer):
    officials = OfficialSerializer(many=True, source="officials_today")

    class Meta(AgencySerializer.Meta):
        fields = [*AgencySerializer.Meta.fields, "officials"]


class ArticleAgencySerializer(serializers.ModelSerializer):
    agency = AgencyReferenceSerializer()

    class Meta:
        model = ArticleAgency
        fields = ["agency", "role"]


class EventAgencySerializer(serializers.ModelSerializer):
    agency = AgencyReferenceSerializer()

    class Meta:
        model = EventAgency
        fields = ["agency", "role"]


class ArticleReferenceSerializer(serializers.ModelSerializer):
    url = AbsoluteURLField()

    class Meta:
        model = Article
        fields = ["slug", "title", "published_at", "url"]


class EventReferenceSerializer(serializers.ModelSerializer):
    url = AbsoluteURLField()

    class Meta:
        model = Event
        fields = ["slug", "title", "starts_at", "ends_at", "all_day", "url"]


class ArticleSerializer(serializers.ModelSerializer):
    url = AbsoluteURLField()
    agencies = ArticleAgencySerializer(many=True, source="agency_links")
    topics = TopicReferenceSerializer(many=True)

    class Meta:
        model = Article
        fields = [
            "slug", "title", "summary", "published_at", "updated_at", "url",
            "lead_image", "lead_image_alt", "lead_image_caption", "lead_image_credit",
            "byline", "source_outlet", "agencies", "topics",
        ]  # fmt: skip


class ArticleDetailSerializer(ArticleSerializer):
    people = PersonReferenceSerializer(many=True)
    events = EventReferenceSerializer(many=True)

    class Meta(ArticleSerializer.Meta):
        fields = [
            *ArticleSerializer.Meta.fields,
            "body", "editor_name", "source_url", "dateline_place", "people", "events",
            "status", "withdrawn_at", "withdrawal_reason",
        ]  # fmt: skip


class EventSerializer(serializers.ModelSerializer):
    url = AbsoluteURLField()
    calendar_url = serializers.SerializerMethodField()
    agencies = EventAgencySerializer(many=True, source="event_agencies")
    topics = TopicReferenceSerializer(many=True)

    class Meta:
        model = Event
        fields = [
            "slug", "title", "kind", "summary", "starts_at", "ends_at", "all_day",
            "attendance_mode", "venue", "online_url", "published_at", "updated_at", "url",
            "calendar_url", "agencies", "topics",
        ]  # fmt: skip

    @extend_schema_field(OpenApiTypes.URI)
    def get_calendar_url(self, event) -> str:
        """The event as an iCalendar (.ics) file."""
        url = reverse("events:icalendar", kwargs={"slug": event.slug})
        return self.context["request"].build_absolute_uri(url)


class EventDetailSerializer(EventSerializer):
    speakers = PersonReferenceSerializer(many=True)
    articles = ArticleReferenceSerializer(many=True)

    class Meta(EventSerializer.Meta):
        fields = [
            *EventSerializer.Meta.fields,
            "description", "speakers", "articles", "status", "withdrawn_at", "withdrawal_reason",
        ]  # fmt: skip


class ErrorSerializer(serializers.Serializer):
    """Every error: a message for people, and for bad parameters the message of each one."""

    detail = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text=(
            "The parameters that could not be used, each with its messages; `__all__` holds "
            "those about several together, such as a start date after the end date."
        ),
    )
