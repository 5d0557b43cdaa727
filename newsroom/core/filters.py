from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EMPTY_VALUES
from django.db import models
from django.http import QueryDict
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from newsroom.core.dates import local_day_end, local_day_start
from newsroom.core.widgets import DateInput


class DayInput(DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DayFromFilter(django_filters.DateFilter):
    """On or after the start of the day, in the site's time zone."""

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        return qs.filter(**{f"{self.field_name}__gte": local_day_start(value)})


class DayToFilter(django_filters.DateFilter):
    """On or before the end of the day, in the site's time zone: the range is inclusive."""

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        return qs.filter(**{f"{self.field_name}__lt": local_day_end(value)})


def nothing_chosen(value) -> bool:
    """Whether a filter's cleaned value is empty. A choice of several objects left empty is
    cleaned to an empty QuerySet, which a truth test would compile and run (0.2 to 0.4 ms a
    filter, on every request of a list): its query says so at once. Chosen objects were read
    as they were checked, so testing them costs nothing."""
    if isinstance(value, models.QuerySet) and value.query.is_empty():
        return True
    return not value


def chosen_values(filterset: django_filters.FilterSet) -> dict:
    """The filters of a bound, valid FilterSet that were given a value, with their cleaned
    values."""
    values = filterset.form.cleaned_data
    return {name: value for name, value in values.items() if not nothing_chosen(value)}


class LinkedToAnyFilter(django_filters.ModelMultipleChoiceFilter):
    """Items linked through the many-to-many field_name to any of the chosen objects."""

    def filter(self, qs, value):
        return qs if nothing_chosen(value) else qs.linked_to(self.field_name, value)


class LinkedToFilter(django_filters.ModelChoiceFilter):
    """Items linked through the many-to-many field_name to the chosen object."""

    def filter(self, qs, value):
        return qs.linked_to(self.field_name, [value]) if value else qs


class DateRangeForm(forms.Form):
    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("from"), cleaned_data.get("to")
        if start and end and start > end:
            raise ValidationError(_("The start date is after the end date."), code="range")
        return cleaned_data


class DateRangeMeta:
    """Meta for a FilterSet made by date_range_filterset(): checks the range as a whole."""

    form = DateRangeForm


def date_range_filterset(field_name: str) -> type[django_filters.FilterSet]:
    """A FilterSet with `from` and `to`, inclusive days in the site's time zone, on a field.

    The filters are declared by name because "from" is a Python keyword. A subclass's Meta
    inherits DateRangeMeta so that a start after the end gets a clear message.
    """
    return type(
        "DateRangeFilterSet",
        (django_filters.FilterSet,),
        {
            "from": DayFromFilter(field_name=field_name, label=_("From"), widget=DayInput),
            "to": DayToFilter(field_name=field_name, label=_("To"), widget=DayInput),
        },
    )


@dataclass(frozen=True)
class FacetOption:
    """A choice of a filter as a list shows it, with its number of results when counted."""

    value: str
    label: str
    count: int | None
    selected: bool


@dataclass(frozen=True)
class ActiveFilter:
    """One value of a filter in use, in words, with the address of the list without it."""

    label: str
    words: str
    remove_url: str


def filter_values(filterset: django_filters.FilterSet):
    """The valid filters of a list, each as (name, label, [(value in the address, words)])."""
    for name, field in filterset.form.fields.items():
        value = filterset.form.cleaned_data.get(name)
        if nothing_chosen(value):
            continue
        if isinstance(value, date):
            values = [(value.isoformat(), formats.date_format(value, "DATE_FORMAT"))]
        elif isinstance(value, models.Model):
            values = [(str(getattr(value, field.to_field_name or "pk")), str(value))]
        elif isinstance(value, Iterable) and not isinstance(value, str):
            key = getattr(field, "to_field_name", None) or "pk"
            values = [(str(getattr(item, key, item)), str(item)) for item in value]
        elif choices := dict(getattr(field, "choices", ())):
            values = [(value, str(choices.get(value, value)))]
        else:
            values = [(value, f"“{value}”")]
        if values:
            yield name, field.label, values


def filters_in_use(filterset: django_filters.FilterSet) -> str:
    """The valid filters of a list in words, for the title of its feed or calendar.

    “Instansi: Kemendagri · Topik: Pemilu 2024”; an empty string when nothing is filtered.
    """
    return " · ".join(
        f"{label}: {', '.join(words for _, words in values)}"
        for _, label, values in filter_values(filterset)
    )


def active_filters(filterset: django_filters.FilterSet, query: QueryDict) -> list[ActiveFilter]:
    """Every value of the filters in use, each with the address that removes it (and goes back
    to the first page), for the chips above a list and the suggestions of an empty one."""
    active = []
    for name, label, values in filter_values(filterset):
        several = isinstance(
            filterset.form.fields[name], forms.MultipleChoiceField | forms.ModelMultipleChoiceField
        )
        for value, words in values:
            remaining = query.copy()
            kept = [other for other in query.getlist(name) if several and other != value]
            remaining.setlist(name, kept)
            remaining.pop("page", None)
            active.append(ActiveFilter(str(label), words, f"?{remaining.urlencode()}"))
    return active


def filtered_url(view_name: str, filterset: django_filters.FilterSet) -> str:
    """Another view of the same list, such as its feed or calendar, with the filters in use.

    Only the FilterSet's own parameters are kept, without empty values, so that the page
    number and stray parameters stay behind.
    """
    url = reverse(view_name)
    if not filterset.is_bound:
        return url
    query = [
        (name, value)
        for name in filterset.filters
        for value in filterset.data.getlist(name)
        if value
    ]
    return f"{url}?{urlencode(query)}" if query else url
