"""The public lists' select, written out in Python: the same markup as Django's own."""

import re

import pytest
from django import forms

from newsroom.core.widgets import Select

CHOICES = [("", "Any"), ("ministry", "Ministry"), ("council", "Council <& co>")]


def form_class(widget):
    class KindForm(forms.Form):
        kind = forms.ChoiceField(
            choices=CHOICES, required=False, help_text="The lead agency's.", widget=widget
        )

    return KindForm


def tags_only(html: str) -> str:
    return re.sub(r">\s+<", "><", str(html)).strip()


def attributes(html: str) -> list[set[str]]:
    """Each tag's attributes, in whatever order they are written."""
    return [
        set(re.findall(r'\s([\w-]+(?:="[^"]*")?)', tag)) for tag in re.findall(r"<[^/][^>]*>", html)
    ]


@pytest.mark.parametrize("data", [{}, {"kind": "ministry"}, {"kind": "council"}, {"kind": "no"}])
def test_a_select_renders_as_djangos_does(data):
    ours = tags_only(form_class(Select)(data)["kind"])
    django = tags_only(form_class(forms.Select)(data)["kind"])
    assert re.sub(r"<(\w+)[^>]*>", r"<\1>", ours) == re.sub(r"<(\w+)[^>]*>", r"<\1>", django)
    assert attributes(ours) == attributes(django)
    assert "Council &lt;&amp; co&gt;" in ours


def test_an_invalid_choice_is_described_and_marked_invalid():
    html = str(form_class(Select)({"kind": "no"})["kind"])
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_kind_helptext id_kind_error"' in html
    assert " selected" not in html


def test_grouped_choices_keep_djangos_templates():
    groups = [("Pusat", [("ministry", "Ministry")]), ("Daerah", [("regional", "Regional")])]
    html = Select(choices=groups).render("kind", "regional")
    assert '<optgroup label="Daerah">' in html
    assert '<option value="regional" selected>Regional</option>' in html
