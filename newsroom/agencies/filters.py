import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from newsroom.agencies.models import Agency


class AgencyFilter(django_filters.ModelMultipleChoiceFilter):
    """Agencies by slug, repeatable (?agency=kpu&agency=bawaslu); each includes its sub-agencies.

    Filters a queryset of articles or events, which are linked to agencies in some role.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", Agency.objects.in_display_order())
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("label", _("Agency"))
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        kwargs.setdefault(
            "error_messages", {"invalid_choice": _("There is no agency “%(value)s”.")}
        )
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.linked_to_agencies(value)
