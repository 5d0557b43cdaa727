from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from newsroom.core.admin import OwnerAgencyInline, PublishableAdmin
from newsroom.events.models import Event, EventAgency


class EventAgencyInline(OwnerAgencyInline):
    model = EventAgency


@admin.register(Event)
class EventAdmin(PublishableAdmin):
    list_display = [
        "title",
        "kind",
        "starts_at",
        "attendance_mode",
        "publication_state",
        "published_at",
    ]
    list_filter = [*PublishableAdmin.list_filter, "kind", "attendance_mode", "topics"]
    search_fields = ["title", "summary", "venue", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["speakers", "topics"]
    inlines = [EventAgencyInline]
    date_hierarchy = "starts_at"
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "summary", "description"]}),
        (_("When"), {"fields": ["starts_at", "ends_at", "all_day"]}),
        (_("Where"), {"fields": ["attendance_mode", "venue", "online_url"]}),
        (
            _("Lead image"),
            {"fields": ["lead_image", "lead_image_alt", "lead_image_caption", "lead_image_credit"]},
        ),
        (_("Related"), {"fields": ["speakers", "topics"]}),
        PublishableAdmin.publication_fieldset,
    ]
