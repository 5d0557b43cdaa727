from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from newsroom.articles.models import Article, ArticleAgency, Topic
from newsroom.core.admin import OwnerAgencyInline, PublishableAdmin


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class ArticleAgencyInline(OwnerAgencyInline):
    model = ArticleAgency


@admin.register(Article)
class ArticleAdmin(PublishableAdmin):
    list_display = ["title", "publication_state", "lead_agency", "published_at", "updated_at"]
    list_filter = [*PublishableAdmin.list_filter, "topics", "source_outlet"]
    search_fields = ["title", "summary", "byline", "source_outlet", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["people", "events", "topics"]
    inlines = [ArticleAgencyInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        (
            _("Lead image"),
            {"fields": ["lead_image", "lead_image_alt", "lead_image_caption", "lead_image_credit"]},
        ),
        (
            _("Credits and source"),
            {"fields": ["byline", "editor_name", "source_outlet", "source_url", "dateline_place"]},
        ),
        (_("Related"), {"fields": ["people", "events", "topics"]}),
        PublishableAdmin.publication_fieldset,
    ]

    def get_queryset(self, request):
        # The agencies prefetched, not joined (for_listing): the admin adds its own
        # select_related() and bulk actions update this queryset.
        return super().get_queryset(request).with_agencies()

    @admin.display(description=_("lead agency"))
    def lead_agency(self, article):
        return article.lead_agency
