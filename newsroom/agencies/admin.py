from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from newsroom.agencies.models import Agency, AgencyAlias, Person, Role


class AgencyAliasInline(admin.TabularInline):
    model = AgencyAlias
    extra = 1


class RoleInline(admin.TabularInline):
    model = Role
    extra = 1


class AgencyRoleInline(RoleInline):
    autocomplete_fields = ["person"]
    verbose_name_plural = _("officials")


class PersonRoleInline(RoleInline):
    autocomplete_fields = ["agency"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "level", "parent"]
    list_filter = ["level", "kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "short_name", "slug", "aliases__name"]
    prepopulated_fields = {"slug": ["short_name"]}
    autocomplete_fields = ["parent"]
    inlines = [AgencyAliasInline, AgencyRoleInline]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "kind", "level", "parent"]}),
        (_("About"), {"fields": ["description", "website", "logo"]}),
    ]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "current_titles"]
    search_fields = ["name", "roles__title"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PersonRoleInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("roles")

    @admin.display(description=_("roles"))
    def current_titles(self, person):
        return "; ".join(role.title for role in person.roles.all())


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["person", "title", "agency", "start_date", "end_date"]
    list_select_related = ["person", "agency"]
    list_filter = ["agency__level"]
    search_fields = ["person__name", "title", "agency__name", "agency__short_name"]
    autocomplete_fields = ["person", "agency"]
    date_hierarchy = "start_date"
