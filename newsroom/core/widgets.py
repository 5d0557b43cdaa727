"""The public lists' form widgets, written out in Python rather than through Django's widget
templates: the same markup, for a fraction of the time. Each template render costs some 150 µs
(an input includes a second template for its attributes, a select two for each option), and
the finder's form has seven fields: 1.5 ms of every finder and agenda page. The admin keeps
Django's own widgets."""

from django import forms
from django.utils.safestring import mark_safe

from newsroom.core.html import escaped


def attributes(attrs: dict) -> str:
    """The attributes as Django's attrs.html writes them: True as a bare name, False left out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escaped(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class Input(forms.widgets.Input):
    """An input as Django's input.html writes it."""

    def render(self, name, value, attrs=None, renderer=None):
        return mark_safe(self.markup(self.get_context(name, value, attrs)["widget"]))  # noqa: S308 (every value is escaped)

    @staticmethod
    def markup(widget: dict) -> str:
        value = "" if widget["value"] is None else f' value="{escaped(widget["value"])}"'
        return (
            f'<input type="{widget["type"]}" name="{escaped(widget["name"])}"{value}'
            f"{attributes(widget['attrs'])}>"
        )


class SearchInput(Input, forms.SearchInput):
    pass


class DateInput(Input, forms.DateInput):
    pass


class HiddenInput(Input, forms.HiddenInput):
    pass


class MultipleHiddenInput(forms.MultipleHiddenInput):
    """One hidden input for each value, as Django's multiple_hidden.html writes them."""

    def render(self, name, value, attrs=None, renderer=None):
        subwidgets = self.get_context(name, value, attrs)["widget"]["subwidgets"]
        return mark_safe("".join(Input.markup(widget) for widget in subwidgets))  # noqa: S308 (every value is escaped)


class Select(forms.Select):
    """A select with the attributes the form gives (id, aria-describedby, aria-invalid) and
    `selected` on the chosen option; grouped choices go through Django's templates."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        if any(group_name for group_name, _, _ in widget["optgroups"]):
            return super().render(name, value, attrs, renderer)
        options = "".join(
            f'<option value="{escaped(option["value"])}"{attributes(option["attrs"])}>'
            f"{escaped(option['label'])}</option>"
            for _, group, _ in widget["optgroups"]
            for option in group
        )
        select = f'<select name="{escaped(widget["name"])}"{attributes(widget["attrs"])}>'
        return mark_safe(f"{select}{options}</select>")  # noqa: S308 (every value is escaped)
