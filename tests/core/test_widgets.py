"""The public lists' widgets, written out in Python: the same markup as Django's own."""

import re

import pytest
from django import forms

from newsroom.core import widgets
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


def inputs_form(module):
    """A form of every input the public lists use, from Django's widgets or from ours."""

    class InputsForm(forms.Form):
        q = forms.CharField(
            required=False, max_length=20, help_text="Words.", widget=module.SearchInput
        )
        day = forms.DateField(required=False, widget=module.DateInput(format="%Y-%m-%d"))
        event = forms.CharField(required=False, widget=module.HiddenInput)
        people = forms.MultipleChoiceField(
            required=False, choices=[("a", "A"), ('b"<', "B")], widget=module.MultipleHiddenInput
        )
        flags = forms.CharField(
            required=False,
            widget=module.SearchInput(attrs={"autofocus": True, "disabled": False, "x": "&"}),
        )

    return InputsForm


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"q": "pemilu", "day": "2024-02-14", "event": "rapat", "people": ["a"]},
        # Escaped values, a value too long and a day that is not one (invalid: aria-invalid).
        {"q": "\"<script>&'" * 3, "day": "14/02", "event": '"><b>', "people": ["a", 'b"<']},
    ],
)
def test_inputs_render_exactly_as_djangos_do(data):
    ours, django = inputs_form(widgets)(data), inputs_form(forms)(data)
    for name in ours.fields:
        assert str(ours[name]) == str(django[name])


def test_an_input_escapes_its_value_and_marks_itself_invalid():
    form = inputs_form(widgets)({"q": '"<script>' * 3, "event": '"><b>', "people": ['b"<']})
    assert 'value="&quot;&lt;script&gt;' in str(form["q"])
    assert 'aria-invalid="true"' in str(form["q"])
    assert str(form["event"]).count("<") == 1
    assert (
        str(form["people"])
        == '<input type="hidden" name="people" value="b&quot;&lt;" id="id_people_0">'
    )
    assert str(form["flags"]).endswith(' autofocus x="&amp;" id="id_flags">')
