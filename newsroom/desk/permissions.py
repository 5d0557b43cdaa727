"""Who may do what on the desk: the one place the roles' rules are written.

An editor (anyone with the model's publish permission) works on everything. A contributor works
on the items their agencies own (an article's lead agency, an event's organiser, sub-agencies
included), edits them only before they are published, and may only submit them for review.
The admin, its actions and the workflow services all ask these functions.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from newsroom.agencies.models import agency_ids_with_descendants
from newsroom.core.models import Publishable, Status, Transition

EDITABLE_BY_CONTRIBUTORS = {Status.DRAFT, Status.IN_REVIEW}
CONTRIBUTOR_ACTIONS = {Transition.Action.SUBMIT, Transition.Action.RESTORE}


def permission_name(model, action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def is_editor(user, model) -> bool:
    return user.is_active and user.has_perm(permission_name(model, "publish"))


def must_use_two_factor(user) -> bool:
    """Whether a person's role is one that NEWSROOM_REQUIRE_2FA names (superusers count as
    administrators)."""
    roles = settings.NEWSROOM_REQUIRE_2FA
    if not roles:
        return False
    if user.is_superuser and "Administrator" in roles:
        return True
    return user.groups.filter(name__in=roles).exists()


def member_agency_ids(user) -> set[int]:
    """The agencies a person writes for, with their sub-agencies; read once per request."""
    if not hasattr(user, "_member_agency_ids"):
        user._member_agency_ids = agency_ids_with_descendants(
            user.agency_memberships.values_list("agency_id", flat=True)
        )
    return user._member_agency_ids


def accessible(queryset, user):
    """The items of a queryset that a person may see on the desk."""
    if is_editor(user, queryset.model):
        return queryset
    return queryset.owned_by_agencies(member_agency_ids(user))


def is_own(user, item: Publishable) -> bool:
    return bool(item.owner_agency_ids() & member_agency_ids(user))


def can_view(user, item: Publishable) -> bool:
    if not user.has_perm(permission_name(type(item), "view")):
        return False
    return is_editor(user, type(item)) or is_own(user, item)


def can_edit(user, item: Publishable) -> bool:
    if not user.has_perm(permission_name(type(item), "change")):
        return False
    if is_editor(user, type(item)):
        return True
    return item.status in EDITABLE_BY_CONTRIBUTORS and is_own(user, item)


def can_act(user, action: str, item: Publishable) -> bool:
    if action in CONTRIBUTOR_ACTIONS:
        return can_edit(user, item)
    if action == Transition.Action.RECOVER:
        return user.has_perm(permission_name(type(item), "delete"))
    return can_edit(user, item) and is_editor(user, type(item))


def check_can_act(user, action: str, item: Publishable) -> None:
    if not can_act(user, action, item):
        raise PermissionDenied(
            _("You may not do this (%(action)s) to “%(item)s”.")
            % {"action": Transition.Action(action).label, "item": item}
        )
