import functools
import json
import re
from datetime import datetime

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import timezone, translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from newsroom.articles.search import search_words
from newsroom.core.dates import in_words
from newsroom.core.filters import filtered_url
from newsroom.core.html import escaped, plain_text
from newsroom.core.images import renditions

register = template.Library()


@register.simple_tag
def show_time(value, *, date_only=False):
    """A moment as readers see it, in one place: “Selasa, 27 Desember 2022 14:08 WIB”.

    The words come from the active language's format module (config/formats); the machine
    readable value goes in the <time> element's datetime attribute.
    """
    if value is None:
        return ""
    if not isinstance(value, datetime):  # a calendar day, such as a role's start
        return time_element(value.isoformat(), in_words(value, "DATE_FORMAT"))
    local = timezone.localtime(value)
    if date_only:
        return time_element(local.date().isoformat(), in_words(local, "DATE_FORMAT"))
    return time_element(local.isoformat(timespec="minutes"), in_words(local, "DATETIME_FORMAT"))


def time_element(machine_readable: str, words: str) -> str:
    return mark_safe(f'<time datetime="{escaped(machine_readable)}">{escaped(words)}</time>')  # noqa: S308 (both escaped)


# The address of a list's feed or calendar with the filters in use.
register.simple_tag(filtered_url)


@register.simple_tag
def lead_image(item, *, sizes, lazy=True):
    """An article's or event's lead image with WebP renditions for the browser to choose from.

    `sizes` says how wide the image is shown; below the fold (lists) it loads lazily, while
    a detail page's lead image, seen first, loads at once. Without an image it is nothing, and
    costs no template: twenty cards of text-only news render none.
    """
    if not item.lead_image:
        return ""
    return render_to_string(
        "includes/lead_image.html",
        {
            "item": item,
            "image": item.lead_image,
            "renditions": renditions(item.lead_image, original_width=item.lead_image_width),
            "sizes": sizes,
            "lazy": lazy,
        },
    )


@functools.lru_cache(maxsize=256)
def words_pattern(words: str) -> re.Pattern | None:
    """Words that begin with any word of a search, as the search itself matches them. Built
    once per search (a page of results asks for it three times a card)."""
    terms = search_words(words or "")
    if not terms:
        return None
    return re.compile(r"\b(?:" + "|".join(map(re.escape, terms)) + r")\w*", re.IGNORECASE)


@register.filter
def highlight(text, words):
    """The text, escaped, with the words of a search marked: “<mark>Pemilu</mark> 2024”."""
    pattern = words_pattern(words)
    if pattern is None:
        return conditional_escape(text)
    text = str(text)
    pieces, end = [], 0
    for match in pattern.finditer(text):
        pieces += [escaped(text[end : match.start()]), "<mark>"]
        pieces += [escaped(match.group()), "</mark>"]
        end = match.end()
    pieces.append(escaped(text[end:]))
    return mark_safe("".join(pieces))  # noqa: S308 (every piece of the text is escaped)


@register.simple_tag
def search_excerpt(article, words, *, around=20):
    """What a search result shows under its title: the summary if the words are in it, else
    the words of the body around the first match, with the matches marked."""
    pattern = words_pattern(words)
    if pattern is None or pattern.search(article.summary):
        return highlight(article.summary, words)
    body = plain_text(article.body)
    match = pattern.search(body)
    if match is None:
        return highlight(article.summary, words)
    before = body[: match.start()].split()[-around:]
    after = body[match.start() :].split()[:around]
    excerpt = " ".join(before + after)
    return highlight(f"… {excerpt} …", words)


@register.simple_tag(takes_context=True)
def language_versions(context) -> list[dict]:
    """This page in each of the site's languages, for the language switch and hreflang links:
    plain addresses (/berita/?agency=kpu, /en/berita/?agency=kpu), no cookie. Empty for a page
    that exists in one language only (a preview, a page not found)."""
    request = context.get("request")
    if request is None:
        return []
    here, current = request.get_full_path(), translation.get_language()
    versions = []
    for code, _name in settings.LANGUAGES:
        address = here if code == current else translate_url(here, code)
        if code != current and address == here:
            return []
        versions.append(
            {
                "code": code,
                "name": translation.get_language_info(code)["name_local"],
                "url": address,
                "current": code == current,
            }
        )
    return versions


# As json_script escapes: no text in the data can end the script element.
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data: dict):
    """schema.org data for search engines, in a script element that runs nothing."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308
