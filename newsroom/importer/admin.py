from django.contrib import admin, messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.forms import formset_factory
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsroom.events.models import Event
from newsroom.importer.forms import ReviewForm, UploadForm
from newsroom.importer.models import ImportedDocument
from newsroom.importer.reporting import describe, flag_messages
from newsroom.importer.services import (
    Outcome,
    document_extract,
    document_import,
)
from newsroom.importer.sources import DocumentError, Source, source_from_bytes

# Uploaded documents wait in the cache between reading and saving (Redis in production).
UPLOAD_KEY = "importer:upload:{}"
UPLOAD_SECONDS = 60 * 60

ReviewFormSet = formset_factory(ReviewForm, extra=0)


@admin.register(ImportedDocument)
class ImportedDocumentAdmin(admin.ModelAdmin):
    list_display = ["name", "article", "imported_at", "imported_by", "flags"]
    list_select_related = ["article", "imported_by"]
    search_fields = ["name", "source_url", "article__title"]
    date_hierarchy = "imported_at"
    fields = ["name", "source_url", "article", "imported_by", "imported_at", "content_hash",
              "extracted", "content"]  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        upload = self.admin_site.admin_view(self.upload_view)
        return [
            path("upload/", upload, name="importer_importeddocument_upload"),
            *super().get_urls(),
        ]

    @admin.display(description=gettext_lazy("to check"))
    def flags(self, document):
        return len(document.extraction.get("flags", []))

    @admin.display(description=gettext_lazy("what was extracted"))
    def extracted(self, document):
        data = document.extraction
        rows = [
            (_("headline"), data.get("headline", "")),
            (_("publication time"), data.get("published_at") or "–"),
            (_("lead agency"), data.get("lead_agency") or "–"),
            (_("agencies mentioned"), ", ".join(data.get("agencies", [])) or "–"),
            (_("people"), "; ".join(p["name"] for p in data.get("people", [])) or "–"),
            (
                _("events"),
                "; ".join(f"{e['title']} ({e['day']})" for e in data.get("events", [])) or "–",
            ),
            (_("not in the directory"), "; ".join(data.get("unknown_agencies", [])) or "–"),
            (_("to check"), " ".join(flag_messages(data.get("flags", []))) or "–"),
        ]
        return format_html("<dl>{}</dl>", format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows))

    def upload_view(self, request):
        """Upload documents, review what was read from each, save them as drafts."""
        if not (request.user.has_perm("articles.add_article")
                and request.user.has_perm("importer.add_importeddocument")):  # fmt: skip
            raise PermissionDenied
        context = {**self.admin_site.each_context(request), "opts": self.model._meta,
                   "title": _("Import documents")}  # fmt: skip
        if request.method == "POST" and "review" in request.POST:
            return self._save_reviewed(request, context)
        upload_form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and upload_form.is_valid():
            return self._review(request, context, upload_form.cleaned_data["documents"])
        context["form"] = upload_form
        return TemplateResponse(request, "admin/importer/importeddocument/upload.html", context)

    def _review(self, request, context, files):
        forms, unreadable, unchanged = [], [], []
        for uploaded in files:
            try:
                source = source_from_bytes(uploaded.name, uploaded.read())
            except DocumentError as error:
                unreadable.append(str(error))
                continue
            same = ImportedDocument.objects.filter(content_hash=source.content_hash).first()
            if same and same.article:
                unchanged.append(same)
                continue
            key = source.content_hash
            cache.set(UPLOAD_KEY.format(key), (source.name, source.content), UPLOAD_SECONDS)
            forms.append(self._review_initial(source, key))
        formset = ReviewFormSet(initial=[initial for initial, _ in forms])
        for form, (_initial, choices) in zip(formset.forms, forms, strict=True):
            form.fields["events"].choices = choices
        context.update(formset=formset, unreadable=unreadable, unchanged=unchanged)
        return TemplateResponse(request, "admin/importer/importeddocument/review.html", context)

    def _review_initial(self, source: Source, key: str):
        found = document_extract(source)
        earlier = ImportedDocument.objects.earlier_version_of(
            name=source.name, source_url=found.source_url
        )
        choices = [
            (index, f"{e.title} — {e.day:%d/%m/%Y}, {Event.AttendanceMode(e.attendance).label}")
            for index, e in enumerate(found.events)
        ]
        initial = {
            "upload": key,
            "name": source.name,
            "headline": found.headline,
            "summary": found.summary,
            "published_at": found.published_at,
            "byline": found.byline,
            "editor": found.editor,
            "outlet": found.outlet,
            "place": found.place,
            "paragraphs": "\n\n".join(found.paragraphs),
            "lead_agency": found.lead_agency,
            "agencies": found.agencies,
            "events": [index for index, _label in choices],
            "event_count": len(choices),
            # Shown beside the form, not edited.
            "flags": flag_messages(found.flags),
            "unknown_agencies": found.unknown_agencies,
            "people": found.people,
            "earlier": earlier.article if earlier else None,
        }
        return initial, choices

    def _save_reviewed(self, request, context):
        formset = ReviewFormSet(request.POST)
        if not formset.is_valid():
            context.update(formset=formset)
            return TemplateResponse(
                request, "admin/importer/importeddocument/review.html", context, status=400
            )
        for form in formset.forms:
            name = form.cleaned_data["name"]
            stored = cache.get(UPLOAD_KEY.format(form.cleaned_data["upload"]))
            if stored is None:
                messages.error(
                    request, _("“%(name)s” waited too long and was not kept: upload it again.")
                    % {"name": name},
                )  # fmt: skip
                continue
            report = document_import(
                source=source_from_bytes(*stored),
                by=request.user,
                update=form.cleaned_data["update"],
                corrections=form.corrections(),
            )
            level = messages.ERROR if report.outcome == Outcome.FAILED else messages.SUCCESS
            messages.add_message(request, level, describe(report).splitlines()[0])
            if report.outcome != Outcome.FAILED:
                cache.delete(UPLOAD_KEY.format(form.cleaned_data["upload"]))
        return redirect(reverse("admin:importer_importeddocument_changelist"))
