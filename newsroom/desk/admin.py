from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from newsroom.desk.models import Membership
from newsroom.desk.signin import SignInForm

User = get_user_model()

# The password, then the code from the authenticator app for whoever has one.
admin.site.login_form = SignInForm


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["agency"]
    verbose_name_plural = _("agencies this person writes for (contributors only)")


admin.site.unregister(User)


@admin.register(User)
class DeskUserAdmin(UserAdmin):
    """Users with their role (group) and, for contributors, the agencies they write for; their
    sign-in locked after failures, and their two-factor sign-in, which administrators reset."""

    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "roles", "is_active", "two_factor",
                    "locked_out"]  # fmt: skip
    list_filter = ["groups", "is_active", "is_superuser"]
    actions = ["unlock_sign_in", "reset_two_factor"]

    def get_queryset(self, request):
        cool_off_start = timezone.now() - settings.AXES_COOLOFF_TIME
        failures = AccessAttempt.objects.filter(
            username=OuterRef("username"),
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
            attempt_time__gte=cool_off_start,
        )
        devices = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return (
            super()
            .get_queryset(request)
            .prefetch_related("groups")
            .annotate(is_locked_out=Exists(failures), has_two_factor=Exists(devices))
        )

    @admin.display(description=_("roles"))
    def roles(self, user):
        return ", ".join(group.name for group in user.groups.all())

    @admin.display(description=_("two-factor sign-in"), boolean=True)
    def two_factor(self, user):
        return user.has_two_factor

    @admin.display(description=_("sign-in locked"), boolean=True)
    def locked_out(self, user):
        return user.is_locked_out

    @admin.action(description=_("Unlock sign-in (forget the failed attempts)"),
                  permissions=["change"])  # fmt: skip
    def unlock_sign_in(self, request, queryset):
        for user in queryset:
            axes_reset(username=user.get_username())
        count = len(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d account can sign in again.",
                "%(count)d accounts can sign in again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Reset two-factor sign-in (a new app is set up at next sign-in)"),
                  permissions=["change"])  # fmt: skip
    def reset_two_factor(self, request, queryset):
        TOTPDevice.objects.filter(user__in=queryset.values("pk")).delete()
        count = len(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d account will set up two-factor sign-in again.",
                "%(count)d accounts will set up two-factor sign-in again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
