import re

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.utils.translation import gettext_lazy as _

from newsroom.agencies.models import Agency
from newsroom.importer.sources import MAX_BYTES, SUPPORTED_SUFFIXES


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field, as Django's documentation shows."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ",".join(SUPPORTED_SUFFIXES)})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_file_clean = super().clean
        if not data and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if isinstance(data, (list, tuple)):
            return [single_file_clean(item, initial) for item in data]
        return [single_file_clean(data, initial)]


class UploadForm(forms.Form):
    documents = MultipleFileField(
        label=_("Documents"),
        help_text=_(
            "Text copied from a news page (.txt) or a saved page (.html), %(size)d MB at most "
            "each. Nothing is saved before you review what was read."
        )
        % {"size": MAX_BYTES >> 20},
    )


MAX_EVENTS = 50


class ReviewForm(forms.Form):
    """One uploaded document: what was read from it, for the editor to correct."""

    upload = forms.CharField(widget=forms.HiddenInput)
    name = forms.CharField(widget=forms.HiddenInput)
    headline = forms.CharField(
        label=_("Headline"),
        max_length=250,
        widget=forms.TextInput(attrs={"class": "vLargeTextField"}),
    )
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
    )
    published_at = forms.SplitDateTimeField(
        label=_("Publication time"), required=False, widget=AdminSplitDateTime
    )
    byline = forms.CharField(label=_("Byline"), required=False, max_length=200)
    editor = forms.CharField(label=_("Editor"), required=False, max_length=200)
    outlet = forms.CharField(label=_("Source outlet"), required=False, max_length=200)
    place = forms.CharField(label=_("Dateline place"), required=False, max_length=100)
    paragraphs = forms.CharField(
        label=_("Body"),
        widget=forms.Textarea(attrs={"rows": 16, "class": "vLargeTextField"}),
        help_text=_("One paragraph per block; leave an empty line between paragraphs."),
    )
    lead_agency = forms.ModelChoiceField(
        label=_("Lead agency"), queryset=Agency.objects.all(), to_field_name="slug", required=False
    )
    agencies = forms.ModelMultipleChoiceField(
        label=_("Agencies mentioned"),
        queryset=Agency.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    events = forms.TypedMultipleChoiceField(
        label=_("Events to link"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("An event already known (same kind, day and organiser) is linked, not added."),
    )
    event_count = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0)
    update = forms.BooleanField(
        label=_("Update the article imported from an earlier version"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Bound, the events on offer are those the review listed, by their number.
        count = self.data.get(self.add_prefix("event_count"), "0") if self.is_bound else "0"
        count = min(int(count), MAX_EVENTS) if str(count).isdigit() else 0
        self.fields["events"].choices = [(index, str(index)) for index in range(count)]

    def corrections(self) -> dict:
        """The reviewed values, as document_import takes them."""
        data = self.cleaned_data
        lead = data["lead_agency"].slug if data["lead_agency"] else None
        return {
            "headline": data["headline"],
            "summary": data["summary"],
            "published_at": data["published_at"],
            "byline": data["byline"],
            "editor": data["editor"],
            "outlet": data["outlet"],
            "place": data["place"],
            "paragraphs": [
                " ".join(block.split())
                for block in re.split(r"\n\s*\n", data["paragraphs"])
                if block.strip()
            ],
            "lead_agency": lead,
            "agencies": [agency.slug for agency in data["agencies"] if agency.slug != lead],
            "events": data["events"],
        }
