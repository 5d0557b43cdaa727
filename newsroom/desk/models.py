from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsroom.agencies.models import Agency


class Role(models.TextChoices):
    """The desk's roles, each a group of permissions made by a migration (0002_roles)."""

    CONTRIBUTOR = "Contributor", _("Contributor (penulis)")
    EDITOR = "Editor", _("Editor (redaktur)")
    ADMINISTRATOR = "Administrator", _("Administrator")


class Membership(models.Model):
    """A person on the desk who writes for an agency: a contributor sees that agency's work."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        related_name="agency_memberships",
        on_delete=models.CASCADE,
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        related_name="memberships",
        on_delete=models.CASCADE,
        help_text=_("Its sub-agencies are included."),
    )

    class Meta:
        verbose_name = _("agency membership")
        verbose_name_plural = _("agency memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency"],
                name="desk_membership_once",
                violation_error_message=_("This person is already a member of this agency."),
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.agency}"
