from django.utils.translation import gettext_lazy as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from newsroom.core.pagination import CappedPaginator


class PageNumberPagination(pagination.PageNumberPagination):
    """?page=2&page_size=50, as the finder pages; a page past the end is a 404, as there.

    Like the finder, it counts no further than CappedPaginator.COUNT_LIMIT: `count` then
    stops there, `count_is_exact` is false, and pages go on as deep as the finder's.
    """

    django_paginator_class = CappedPaginator

    page_size = 20
    max_page_size = 100
    page_size_query_param = "page_size"
    page_size_query_description = _("How many results a page holds, from 1 to 100 (default 20).")
    invalid_page_message = _("There is no page “{page_number}”.")

    def get_page_size(self, request):
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        if not value.isdecimal() or not 1 <= int(value) <= self.max_page_size:
            raise ValidationError(
                {self.page_size_query_param: [_("Give a whole number from 1 to 100.")]}
            )
        return int(value)

    def get_paginated_response(self, data):
        paginator = self.page.paginator
        return Response(
            {
                "count": min(paginator.count, paginator.COUNT_LIMIT),
                "count_is_exact": not paginator.is_capped,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"] = {
            "count": {
                "type": "integer",
                "maximum": CappedPaginator.COUNT_LIMIT,
                "description": "How many results there are, counted up to 1,000.",
            },
            "count_is_exact": {
                "type": "boolean",
                "description": "False when there are more results than `count` says.",
            },
            **{name: value for name, value in schema["properties"].items() if name != "count"},
        }
        schema["required"] = [*schema["required"], "count_is_exact"]
        return schema

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters
