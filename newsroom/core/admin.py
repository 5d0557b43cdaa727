from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = settings.NEWSROOM_SITE_NAME
admin.site.site_title = settings.NEWSROOM_SITE_NAME
admin.site.index_title = _("Newsroom desk")


class PublishableAdmin(admin.ModelAdmin):
    """What articles and events share in the admin: the publishing life cycle."""

    publication_fieldset = (
        _("Publication"),
        {"fields": ["status", "published_at", "withdrawal_reason", "withdrawn_at"]},
    )
    readonly_fields = ["withdrawn_at", "created_at", "updated_at"]
    list_filter = ["status"]
    date_hierarchy = "published_at"
    save_on_top = True

    @admin.display(description=_("state"), ordering="status")
    def publication_state(self, obj):
        return obj.publication_state
