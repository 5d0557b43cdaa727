from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from newsroom.desk.models import Membership

User = get_user_model()


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["agency"]
    verbose_name_plural = _("agencies this person writes for (contributors only)")


admin.site.unregister(User)


@admin.register(User)
class DeskUserAdmin(UserAdmin):
    """Users with their role (group) and, for contributors, the agencies they write for."""

    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "roles", "is_active"]
    list_filter = ["groups", "is_active", "is_superuser"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("roles"))
    def roles(self, user):
        return ", ".join(group.name for group in user.groups.all())
