"""The OpenAPI 3 document: the lists' FilterSets as parameters, and every error response."""

from drf_spectacular import openapi
from drf_spectacular.contrib.django_filters import DjangoFilterExtension

from newsroom.api.serializers import ErrorSerializer

# The filters' rules, for people reading the documentation.
FILTER_DESCRIPTIONS = {
    "q": "Words to find in the title, summary or body (at most 200 characters).",
    "agency": (
        "An agency's slug; repeat it for several (agency=kpu&agency=bawaslu). An agency "
        "includes its sub-agencies."
    ),
    "topic": "A topic's slug; repeat it for several.",
    "person": "The slug of a person the news mentions; repeat it for several.",
    "event": "The slug of a published event: the news about it.",
    "from": "On or after this day (YYYY-MM-DD), in Western Indonesian Time (Asia/Jakarta).",
    "to": "On or before this day (YYYY-MM-DD), in Western Indonesian Time (Asia/Jakarta).",
    "when": "`upcoming`: not over yet, soonest first; `past`: over.",
    "attendance": "How people attend: in person, online or both.",
}


class FilterSetExtension(DjangoFilterExtension):
    """django-filter's parameters, knowing that Newsroom's filters take slugs.

    drf-spectacular cannot follow a filter by slug to the slug field (topics__slug) and would
    warn and guess; this points it there. It also gives each parameter its rule in words, its
    maximum length, and says that an empty value is allowed.
    """

    priority = 1

    def _get_model_field(self, filter_field, model):
        queryset = filter_field.extra.get("queryset")
        to_field_name = filter_field.extra.get("to_field_name")
        if to_field_name and queryset is not None and not callable(queryset):
            return queryset.model._meta.get_field(to_field_name)
        return super()._get_model_field(filter_field, model)

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        for parameter in parameters:
            parameter["description"] = FILTER_DESCRIPTIONS.get(
                field_name, parameter.get("description", "")
            )
            if max_length := filter_field.extra.get("max_length"):
                parameter["schema"]["maxLength"] = max_length
            # As in the finder's form, an empty value (?to=) means "not filtered".
            parameter["allowEmptyValue"] = True
        return parameters


class AutoSchema(openapi.AutoSchema):
    """Every operation documents its errors: 404 always, 400 for lists (filters, page size)."""

    def get_response_serializers(self):
        serializer = super().get_response_serializers()
        if serializer is None:
            return serializer
        responses = {200: serializer, 404: ErrorSerializer}
        if self._is_list_view(serializer):
            responses[400] = ErrorSerializer
        return responses
