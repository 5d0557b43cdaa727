from django import template
from django.utils import formats, timezone
from django.utils.html import format_html

from newsroom.core.filters import filtered_url

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
