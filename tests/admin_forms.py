"""Posting the admin's change forms as a browser would: the data of the form as it is shown."""

from datetime import date, datetime, time

from django import forms


def _formatted(value):
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    if hasattr(value, "pk"):
        return value.pk
    return value


def _add_form(data: dict, form) -> None:
    for bound in form:
        field = bound.field
        if isinstance(field, forms.FileField):
            continue
        value = bound.value()
        if isinstance(field.widget, forms.MultiWidget):
            for index, part in enumerate(field.widget.decompress(value)):
                if part is not None:
                    data[f"{bound.html_name}_{index}"] = _formatted(part)
            continue
        if isinstance(field, forms.BooleanField):
            if value:
                data[bound.html_name] = "on"
            continue
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[bound.html_name] = [_formatted(item) for item in value]
        else:
            data[bound.html_name] = _formatted(value)


def change_form_data(response, **changes) -> dict:
    """The POST data of the admin change form in `response`, with `changes` applied."""
    data = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _add_form(data, formset.management_form)
        for form in formset.forms:
            _add_form(data, form)
    data.update(changes)
    return data
