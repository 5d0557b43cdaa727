"""Signed preview links: unpublished work as the public will see it, for anyone holding the link,
until the link expires (NEWSROOM_PREVIEW_MAX_AGE)."""

from django.apps import apps
from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "newsroom.desk.preview"


class PreviewLinkExpired(Exception):
    pass


def preview_token(item) -> str:
    return signing.dumps([item._meta.label_lower, item.pk], salt=SALT, compress=True)


def preview_url(request, item) -> str:
    return request.build_absolute_uri(reverse("desk:preview", args=[preview_token(item)]))


def previewed_item(token: str):
    """The item a token names, or None for a token that was not made here.

    Raises PreviewLinkExpired for a genuine token past its age.
    """
    try:
        label, pk = signing.loads(token, salt=SALT, max_age=settings.NEWSROOM_PREVIEW_MAX_AGE)
    except signing.SignatureExpired:
        raise PreviewLinkExpired from None
    except (signing.BadSignature, ValueError, TypeError):
        return None
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    return model.objects.filter(pk=pk).first()
