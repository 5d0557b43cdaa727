from datetime import timedelta

from django import template
from django.urls import reverse
from django.utils import timezone

from newsroom.articles.models import Article
from newsroom.core.models import Status, Transition
from newsroom.desk.permissions import accessible
from newsroom.events.models import Event

register = template.Library()

DESK_MODELS = (Article, Event)
LIST_LENGTH = 10
# How far back the front page shows the spam guard's refusals to administrators.
REFUSALS_SHOWN_FOR = timedelta(days=30)


def desk_items(user, select):
    """Articles and events the person may see, chosen by `select`, newest change first."""
    items = []
    for model in DESK_MODELS:
        if user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
            items += select(accessible(model.objects.all(), user))[:LIST_LENGTH]
    return items


@register.inclusion_tag("admin/desk/overview.html", takes_context=True)
def desk_overview(context):
    """The desk's front page: my drafts, work awaiting review, what is scheduled, what is new."""
    user = context["request"].user
    now = timezone.now()

    def newest(items, key):
        return sorted(items, key=key, reverse=True)[:LIST_LENGTH]

    def oldest(items, key):
        return sorted(items, key=key)[:LIST_LENGTH]

    def link(item):
        opts = item._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])

    sections = [
        (
            "drafts",
            newest(
                desk_items(
                    user,
                    lambda qs: qs.filter(status=Status.DRAFT, created_by=user).order_by(
                        "-updated_at"
                    ),
                ),
                key=lambda item: item.updated_at,
            ),
        ),
        (
            "in_review",
            oldest(
                desk_items(
                    user, lambda qs: qs.filter(status=Status.IN_REVIEW).order_by("updated_at")
                ),
                key=lambda item: item.updated_at,
            ),
        ),
        (
            "scheduled",
            oldest(
                desk_items(user, lambda qs: qs.scheduled().order_by("published_at")),
                key=lambda item: item.published_at,
            ),
        ),
        (
            "recent",
            newest(
                desk_items(
                    user,
                    lambda qs: (
                        qs.published().filter(published_at__lte=now).order_by("-published_at")
                    ),
                ),
                key=lambda item: item.published_at,
            ),
        ),
    ]
    return {
        "sections": {
            name: [
                {"item": item, "url": link(item), "kind": item._meta.verbose_name} for item in items
            ]
            for name, items in sections
        },
        "refusals": spam_refusals(user, since=now - REFUSALS_SHOWN_FOR),
    }


def spam_refusals(user, *, since):
    """For those who read the audit trail (administrators): the spam guard's latest refusals,
    each linked to its entry in the trail; None for everyone else."""
    if not user.has_perm("core.view_transition"):
        return None
    steps = Transition.objects.filter(action=Transition.Action.REFUSE, at__gte=since)
    return {
        "entries": [
            {"step": step, "url": reverse("admin:core_transition_change", args=[step.pk])}
            for step in steps.select_related("by")[:LIST_LENGTH]
        ],
        "all_url": reverse("admin:core_transition_changelist") + "?action__exact=refuse",
    }
