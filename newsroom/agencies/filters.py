import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from newsroom.agencies.models import Agency
from newsroom.core.filters import FacetOption, nothing_chosen


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
        return qs if nothing_chosen(value) else qs.linked_to_agencies(value)


def agency_options(chosen, counts: dict[int, int] | None, *, limit: int) -> list[FacetOption]:
    """The agencies a list's filter offers: never all of them, since there are hundreds.

    The chosen ones, and with counts the `limit` most frequent in the result; without counts,
    the top of the hierarchy and the sub-agencies of the chosen ones. Any other agency is a
    click away in the directory, whose pages link to their news and events.
    """
    chosen = {agency.pk for agency in chosen}
    if counts is not None:
        frequent = sorted(counts, key=counts.get, reverse=True)[:limit]
        shown = Agency.objects.filter(pk__in=chosen | set(frequent))
    else:
        shown = Agency.objects.filter(Q(parent=None) | Q(pk__in=chosen) | Q(parent__in=chosen))
    options = [
        FacetOption(
            agency.slug,
            agency.display_name,
            counts.get(agency.pk, 0) if counts is not None else None,
            agency.pk in chosen,
        )
        for agency in shown.in_display_order()
    ]
    # The chosen first, then the most frequent: what a reader looks for, before the scroll.
    return sorted(options, key=lambda option: (not option.selected, -(option.count or 0)))
