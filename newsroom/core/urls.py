"""The addresses of items known by their slug: an article, an agency, an event, a topic, a
person."""

import re
from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# What Django's slug converter matches; anything else goes through reverse(), which refuses it.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")
STAND_IN = "slug-stand-in"


def slug_url(viewname: str, slug: str) -> str:
    """reverse(viewname, kwargs={"slug": slug}), for the many links of a list: forty on a page
    of the finder, 2 ms through reverse(). The address is reversed once for each view,
    language, URL configuration and script prefix with a stand-in slug, then each slug takes
    its place."""
    if not SLUG.fullmatch(slug):
        return reverse(viewname, kwargs={"slug": slug})
    before, after = around_slug(viewname, get_language(), get_urlconf(), get_script_prefix())
    return f"{before}{slug}{after}"


@lru_cache(maxsize=256)
def around_slug(viewname: str, language, urlconf, script_prefix: str) -> tuple[str, str]:
    """The address of the view before and after the slug. (reverse() reads the language and
    the script prefix of the request; they are arguments here so that each has its own.)"""
    before, _, after = reverse(viewname, kwargs={"slug": STAND_IN}, urlconf=urlconf).rpartition(
        STAND_IN
    )
    return before, after
