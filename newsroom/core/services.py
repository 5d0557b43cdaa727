"""The publishing life cycle's state changes: the only code that changes an item's status.

Each function checks who is acting (newsroom.desk.permissions), refuses what the life cycle
does not allow with a clear message, saves in a transaction and records a Transition (who,
when, why). Whatever ends public (published, scheduled or withdrawn) passes the spam guard
first (newsroom.core.spam); a refusal is recorded too, and mailed to the administrators.
Readers' caches hear of every committed change through newsroom.caching, which listens to every
write of content, whatever made it.
"""

import logging
from datetime import datetime
from functools import partial

import reversion
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsroom.core.models import Publishable, Status, Transition
from newsroom.core.spam import SpamRefused, describe_findings, spam_check

Action = Transition.Action
logger = logging.getLogger(__name__)

# What readers see, or will by themselves: what the spam guard checks.
PUBLIC_STATUSES = {Status.PUBLISHED, Status.WITHDRAWN}

# Fields a restored revision leaves as they are: the life cycle is changed only by the
# actions below, never by bringing back an old text.
LIFE_CYCLE_FIELDS = {
    "id", "status", "published_at", "withdrawn_at", "withdrawal_reason",
    "created_at", "updated_at", "created_by_id",
}  # fmt: skip


# When each action is possible, and what is said when it is not: the life cycle's one table.
ALLOWED = {
    Action.SUBMIT: (
        lambda item: item.status == Status.DRAFT,
        gettext_lazy("Only a draft can be submitted for review."),
    ),
    Action.SEND_BACK: (
        lambda item: item.status == Status.IN_REVIEW,
        gettext_lazy("Only an item in review can be sent back."),
    ),
    Action.PUBLISH: (
        lambda item: item.status != Status.WITHDRAWN and not item.is_public,
        gettext_lazy("It is already public, or withdrawn."),
    ),
    Action.SCHEDULE: (
        lambda item: item.status != Status.WITHDRAWN and not item.is_public,
        gettext_lazy("It is already public, or withdrawn: unpublish it first."),
    ),
    Action.UNPUBLISH: (
        lambda item: item.status in {Status.PUBLISHED, Status.WITHDRAWN},
        gettext_lazy("It is not published."),
    ),
    Action.WITHDRAW: (
        lambda item: item.status == Status.PUBLISHED and item.is_public,
        gettext_lazy("Only a public item can be withdrawn."),
    ),
}


def possible_actions(*, item: Publishable, by) -> list[str]:
    """The life cycle's actions this person can take on this item now."""
    from newsroom.desk.permissions import can_act

    return [
        action
        for action, (allows, _refusal) in ALLOWED.items()
        if allows(item) and can_act(by, action, item)
    ]


def publishable_submit(*, item: Publishable, by) -> Publishable:
    """A draft goes to the editors for review."""
    return _transition(
        item=item,
        by=by,
        action=Action.SUBMIT,
        change={"status": Status.IN_REVIEW},
    )


def publishable_send_back(*, item: Publishable, by, comment: str) -> Publishable:
    """An item in review goes back to its writers as a draft, with the editor's comment."""
    if not comment.strip():
        raise ValidationError({"comment": _("Tell the writers what to change.")})
    return _transition(
        item=item,
        by=by,
        action=Action.SEND_BACK,
        change={"status": Status.DRAFT},
        note=comment.strip(),
    )


def publishable_publish(*, item: Publishable, by, at: datetime | None = None) -> Publishable:
    """Published now, or at `at` (a time in the future schedules it).

    Publishing an item that was public before (then unpublished) keeps its first publication
    time, so that a correction does not make old news look new.
    """
    if at is not None:
        return publishable_schedule(item=item, by=by, at=at)

    def publish_now(item):
        now = timezone.now()
        if item.published_at is None or item.published_at > now:
            item.published_at = now
        item.status = Status.PUBLISHED

    return _transition(
        item=item, by=by, action=Action.PUBLISH, change=publish_now, check=_publication_check
    )


def publishable_schedule(*, item: Publishable, by, at: datetime) -> Publishable:
    """Published by itself at a time in the future: published() compares with the clock."""
    if at <= timezone.now():
        raise ValidationError({"at": _("Choose a time in the future.")})
    return _transition(
        item=item,
        by=by,
        action=Action.SCHEDULE,
        change={"status": Status.PUBLISHED, "published_at": at},
        publish_at=at,
        check=_publication_check,
    )


def publishable_unpublish(*, item: Publishable, by) -> Publishable:
    """A published, scheduled or withdrawn item leaves the public site and becomes a draft."""
    return _transition(
        item=item,
        by=by,
        action=Action.UNPUBLISH,
        change={"status": Status.DRAFT, "withdrawn_at": None, "withdrawal_reason": ""},
    )


def publishable_withdraw(*, item: Publishable, by, reason: str) -> Publishable:
    """A public item leaves every list but keeps its page, with the reason, as GOV.UK does."""
    if not reason.strip():
        raise ValidationError({"reason": _("Tell the public why this was withdrawn.")})
    return _transition(
        item=item,
        by=by,
        action=Action.WITHDRAW,
        change={
            "status": Status.WITHDRAWN,
            "withdrawal_reason": reason.strip(),
            "withdrawn_at": timezone.now(),
        },
        note=reason.strip(),
    )


def publishable_restore(*, item: Publishable, version, by) -> Publishable:
    """The text, image, links and agencies of an earlier revision, in a new revision.

    The life cycle is left as it is: restoring an old text of a published article changes
    the public page, but never publishes or unpublishes anything.
    """
    model = type(item)
    if version.content_type != ContentType.objects.get_for_model(model) or version.object_id != (
        str(item.pk)
    ):
        raise ValidationError(_("This revision belongs to another item."))
    saved_at = formats.date_format(
        timezone.localtime(version.revision.date_created), "DATETIME_FORMAT"
    )
    note = _("Restored the revision of %(time)s.") % {"time": saved_at}

    def restore(item):
        fields = version.field_dict
        for field in model._meta.concrete_fields:
            if field.attname not in LIFE_CYCLE_FIELDS and field.attname in fields:
                setattr(item, field.attname, fields[field.attname])
        for field in model._meta.many_to_many:
            if field.remote_field.through._meta.auto_created and field.name in fields:
                existing = field.related_model.objects.filter(pk__in=fields[field.name])
                getattr(item, field.name).set(existing)
        _restore_agency_links(item, version)

    from_status = item.status
    try:
        with reversion.create_revision(manage_manually=True):
            reversion.set_user(by)
            reversion.set_comment(note)
            item = _transition(
                item=item,
                by=by,
                action=Action.RESTORE,
                change=restore,
                note=note,
                record_refusal=False,
            )
            reversion.add_to_revision(item)
    except SpamRefused as refusal:
        # Outside the revision's transaction, which the refusal rolls back.
        spam_refusal_record(
            refusal=refusal, by=by, attempted=Action.RESTORE.label, from_status=from_status
        )
        raise
    return item


def publishable_recover(*, version, by) -> Publishable:
    """A deleted article or event back from its last revision, as a draft."""
    model = version._model
    if not by.has_perm(f"{model._meta.app_label}.delete_{model._meta.model_name}"):
        raise PermissionDenied(_("You may not recover deleted items."))
    if model.objects.filter(pk=version.object_id).exists():
        raise ValidationError(_("This item was not deleted."))
    with transaction.atomic(), reversion.create_revision(manage_manually=True):
        reversion.set_user(by)
        reversion.set_comment(_("Recovered as a draft."))
        version.revision.revert(delete=False)
        item = model.objects.get(pk=version.object_id)
        from_status = item.status
        item.status = Status.DRAFT
        item.withdrawn_at = None
        item.withdrawal_reason = ""
        item.save()
        _record(item, by=by, action=Action.RECOVER, from_status=from_status)
        reversion.add_to_revision(item)
    return item


def _publication_check(item: Publishable) -> None:
    if problems := item.publication_problems():
        raise ValidationError(
            _("“%(item)s” cannot be published yet: %(problems)s")
            % {"item": item, "problems": " ".join(str(problem) for problem in problems.values())}
        )


def _transition(
    *, item, by, action, change, check=None, note="", publish_at=None, record_refusal=True
):
    """Lock the item, check the person and the state, change, validate, save and record."""
    from newsroom.desk.permissions import check_can_act

    from_status = None
    try:
        with transaction.atomic():
            # Work on the stored item, locked: two editors acting at once do not both succeed.
            type(item).objects.select_for_update().filter(pk=item.pk).exists()
            item.refresh_from_db()
            check_can_act(by, action, item)
            if action in ALLOWED:
                allows, refusal = ALLOWED[action]
                if not allows(item):
                    raise ValidationError(f"“{item}”: {refusal}")
            if check:
                check(item)
            from_status = item.status
            if callable(change):
                change(item)
            else:
                for name, value in change.items():
                    setattr(item, name, value)
            if item.status in PUBLIC_STATUSES:
                spam_check(item)
            # The image was checked when it was uploaded; reading it back is not needed here.
            item.full_clean(exclude=["lead_image"])
            item.save()
            _record(
                item,
                by=by,
                action=action,
                from_status=from_status,
                note=note,
                publish_at=publish_at,
            )
    except SpamRefused as refusal:
        # Recorded once the change is rolled back: the refusal stays, the spam does not.
        if record_refusal:
            spam_refusal_record(
                refusal=refusal, by=by, attempted=Action(action).label, from_status=from_status
            )
        raise
    return item


def spam_refusal_record(
    *, refusal: SpamRefused, by, attempted: str, from_status: str | None = None
) -> Transition:
    """A refusal of the spam guard in the audit trail (who, when, which item, what matched),
    mailed to the administrators once it is committed."""
    item = refusal.item
    model = type(item)
    stored = model.objects.filter(pk=item.pk).first() if item.pk else None
    status = stored.status if stored else (from_status or Status.DRAFT)
    found = describe_findings(model, refusal.findings)
    step = Transition.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_id=stored.pk if stored else None,
        item_title=str(item)[:250],
        action=Action.REFUSE,
        from_status=status,
        to_status=status,
        by=by,
        note=f"{attempted}: {found}",
        findings=[finding.as_json() for finding in refusal.findings],
    )
    transaction.on_commit(partial(_spam_alert, step.pk), robust=True)
    logger.warning("Spam guard refused %s %s by %s: %s", model.__name__, item.pk, by, found)
    return step


def spam_alert_recipients() -> list[str]:
    """The addresses of the administrators: active accounts of the Administrator role or
    superusers, and ADMINS."""
    from newsroom.desk.models import Role

    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    users = users.filter(Q(is_superuser=True) | Q(groups__name=Role.ADMINISTRATOR))
    addresses = {*users.values_list("email", flat=True), *(a for _n, a in settings.ADMINS)}
    return sorted(addresses)


def _spam_alert(step_pk: int) -> None:
    # Mail that fails is logged, never raised: the refusal is in the trail either way, and the
    # desk's front page shows it to the administrators.
    try:
        step = Transition.objects.select_related("by", "content_type").get(pk=step_pk)
        recipients = spam_alert_recipients()
        if not recipients:
            logger.warning("No administrator has an e-mail address for the spam alert")
            return
        with translation.override(settings.LANGUAGE_CODE):
            model = step.content_type.model_class()
            kind = model._meta.verbose_name if model else step.content_type.model
            subject = _("[%(site)s] Publication refused as spam: “%(item)s”") % {
                "site": settings.NEWSROOM_SITE_NAME,
                "item": step.item_title,
            }
            body = _(
                "The spam guard refused to make this public.\n\n"
                "Item: %(kind)s “%(item)s” (id %(id)s)\n"
                "Who: %(by)s\n"
                "When: %(when)s\n"
                "Attempt and what was found: %(note)s\n\n"
                "If this person did not mean to, their account may be in someone else's hands: "
                "deactivate it and reset its password. Every refusal is in the desk's audit "
                "trail."
            ) % {
                "kind": kind,
                "item": step.item_title,
                "id": step.object_id or "-",
                "by": step.by.get_username() if step.by else _("the importer"),
                "when": formats.date_format(timezone.localtime(step.at), "DATETIME_FORMAT"),
                "note": step.note,
            }
        send_mail(subject, body, None, recipients)
    except Exception:  # a mail server's failure of any kind is only logged
        logger.exception("The spam alert for audit trail entry %s could not be sent", step_pk)


def publication_record(*, item: Publishable, by, from_status: str, note: str = "") -> None:
    """The audit trail's entry for an item that went public outside the desk's actions (the
    importer's --publish), so that every publication is in the trail."""
    _record(item, by=by, action=Action.PUBLISH, from_status=from_status, note=note)


def _record(item, *, by, action, from_status, note="", publish_at=None):
    Transition.objects.create(
        item=item,
        item_title=str(item)[:250],
        action=action,
        from_status=from_status,
        to_status=item.status,
        by=by,
        note=note,
        publish_at=publish_at,
    )


def _restore_agency_links(item: Publishable, version) -> None:
    """The agency links (lead, mentioned, organiser…) saved in the same revision."""
    relation = item._meta.get_field("agencies")
    through = relation.remote_field.through
    item_field = through._meta.get_field(relation.m2m_field_name())
    link_versions = version.revision.version_set.filter(
        content_type=ContentType.objects.get_for_model(through)
    )
    agency_field = through._meta.get_field(relation.m2m_reverse_field_name())
    links = [
        link_version.field_dict
        for link_version in link_versions
        if link_version.field_dict.get(item_field.attname) == item.pk
    ]
    # An agency deleted since then cannot come back with the text.
    agencies_still_there = set(
        relation.related_model.objects.filter(
            pk__in=[link[agency_field.attname] for link in links]
        ).values_list("pk", flat=True)
    )
    through.objects.filter(**{item_field.name: item}).delete()
    through.objects.bulk_create(
        through(
            **{
                item_field.attname: item.pk,
                agency_field.attname: link[agency_field.attname],
                "role": link["role"],
            }
        )
        for link in links
        if link[agency_field.attname] in agencies_still_there
    )
