from django import template
from django.utils import formats, timezone
from django.utils.html import format_html

from newsroom.core.filters import filtered_url
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
    local = timezone.localtime(value)
    if date_only:
        return format_html(
            '<time datetime="{}">{}</time>',
            local.date().isoformat(),
            formats.date_format(local, "DATE_FORMAT"),
        )
    return format_html(
        '<time datetime="{}">{}</time>',
        local.isoformat(timespec="minutes"),
        formats.date_format(local, "DATETIME_FORMAT"),
    )


# The address of a list's feed or calendar with the filters in use.
register.simple_tag(filtered_url)


@register.inclusion_tag("includes/lead_image.html")
def lead_image(item, *, sizes, lazy=True):
    """An article's or event's lead image with WebP renditions for the browser to choose from.

    `sizes` says how wide the image is shown; below the fold (lists) it loads lazily, while
    a detail page's lead image, seen first, loads at once.
    """
    if not item.lead_image:
        return {"image": None}
    return {
        "item": item,
        "image": item.lead_image,
        "renditions": renditions(item.lead_image, original_width=item.lead_image_width),
        "sizes": sizes,
        "lazy": lazy,
    }
