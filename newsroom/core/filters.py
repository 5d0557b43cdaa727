from collections.abc import Iterable
from datetime import date
from urllib.parse import urlencode

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EMPTY_VALUES
from django.db import models
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from newsroom.core.dates import local_day_end, local_day_start


class DayInput(forms.DateInput):
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


class LinkedToAnyFilter(django_filters.ModelMultipleChoiceFilter):
    """Items linked through the many-to-many field_name to any of the chosen objects."""

    def filter(self, qs, value):
        return qs.linked_to(self.field_name, value) if value else qs


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


def filters_in_use(filterset: django_filters.FilterSet) -> str:
    """The valid filters of a list in words, for the title of its feed or calendar.

    “Instansi: Kemendagri · Topik: Pemilu 2024”; an empty string when nothing is filtered.
    """
    parts = []
    for name, field in filterset.form.fields.items():
        value = filterset.form.cleaned_data.get(name)
        if isinstance(value, date):
            words = formats.date_format(value, "DATE_FORMAT")
        elif isinstance(value, models.Model):
            words = str(value)
        elif isinstance(value, Iterable) and not isinstance(value, str):
            words = ", ".join(str(item) for item in value)
        elif value in EMPTY_VALUES:
            words = ""
        elif choices := dict(getattr(field, "choices", ())):
            words = str(choices.get(value, value))
        else:
            words = f"“{value}”"
        if words:
            parts.append(f"{field.label}: {words}")
    return " · ".join(parts)


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
