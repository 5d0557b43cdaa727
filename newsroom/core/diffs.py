"""Readable differences between two states of an article or event, field by field.

A state is what an editor reads: {field label: text}. It is made from a revision
(django-reversion's Version) or from the item as it is now, so that the history, a restore
and an edit conflict all show changes the same way.
"""

import difflib
import re
from dataclasses import dataclass
from html import unescape

import nh3
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import formats, timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from newsroom.core.fields import RichTextField

# Bookkeeping fields that say nothing an editor needs to compare.
HIDDEN_FIELDS = {
    "id",
    "created_at",
    "updated_at",
    "created_by",
    "lead_image_width",
    "lead_image_height",
}
BLOCK_TAGS = re.compile(r"</?(p|h[1-6]|li|blockquote|figure|figcaption|br|hr|ul|ol)\b[^>]*>", re.I)


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str

    @property
    def html(self) -> SafeString:
        return words_diff(self.before, self.after)


def version_state(version) -> dict[str, str]:
    """What a revision held, as an editor reads it."""
    model = version._model
    values = version.field_dict
    relation = model._meta.get_field("agencies")
    through = relation.remote_field.through
    item_field = through._meta.get_field(relation.m2m_field_name())
    links = [
        link_version.field_dict
        for link_version in version.revision.version_set.filter(
            content_type=ContentType.objects.get_for_model(through)
        )
        if link_version.field_dict.get(item_field.attname) == int(version.object_id)
    ]
    agency_field = through._meta.get_field(relation.m2m_reverse_field_name())
    agency_names = dict(
        relation.related_model.objects.filter(
            pk__in=[link[agency_field.attname] for link in links]
        ).values_list("pk", "name")
    )
    role_labels = dict(through._meta.get_field("role").choices)
    agencies = [
        f"{agency_names.get(link[agency_field.attname], '?')} ({role_labels.get(link['role'])})"
        for link in links
    ]
    return _state(model, values, agencies)


def item_state(item) -> dict[str, str]:
    """The item as it is stored now, as an editor reads it."""
    model = type(item)
    values = {field.attname: getattr(item, field.attname) for field in model._meta.concrete_fields}
    for field in model._meta.many_to_many:
        if field.remote_field.through._meta.auto_created:
            values[field.name] = list(getattr(item, field.name).values_list("pk", flat=True))
    relation = model._meta.get_field("agencies")
    links = relation.remote_field.through.objects.filter(
        **{relation.m2m_field_name(): item}
    ).select_related(relation.m2m_reverse_field_name())
    agencies = [
        f"{getattr(link, relation.m2m_reverse_field_name()).name} ({link.get_role_display()})"
        for link in links
    ]
    return _state(model, values, agencies)


def state_changes(before: dict[str, str], after: dict[str, str]) -> list[FieldChange]:
    """The fields whose text differs, in the order of the model's fields."""
    labels = list(dict.fromkeys([*after, *before]))
    return [
        FieldChange(label, before.get(label, ""), after.get(label, ""))
        for label in labels
        if before.get(label, "") != after.get(label, "")
    ]


def words_diff(before: str, after: str) -> SafeString:
    """The second text with words removed from the first in <del> and added ones in <ins>."""
    old, new = re.split(r"(\s+)", before), re.split(r"(\s+)", after)
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, old, new, autojunk=False
    ).get_opcodes():
        if tag in {"replace", "delete"}:
            parts.append(format_html("<del>{}</del>", "".join(old[i1:i2])))
        if tag in {"replace", "insert"}:
            parts.append(format_html("<ins>{}</ins>", "".join(new[j1:j2])))
        if tag == "equal":
            parts.append(escape("".join(old[i1:i2])))
    return mark_safe("".join(parts))  # noqa: S308 (every part was escaped above)


def rich_text_as_text(html: str) -> str:
    """Rich text as plain text, a line per paragraph, heading or list item."""
    text = nh3.clean(BLOCK_TAGS.sub("\n", html), tags=set())
    return "\n".join(line.strip() for line in unescape(text).splitlines() if line.strip())


def _state(model, values: dict, agencies: list[str]) -> dict[str, str]:
    state = {}
    for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        if field.name in HIDDEN_FIELDS:
            continue
        if field.name == "agencies":
            state[str(field.verbose_name)] = ", ".join(sorted(agencies))
            continue
        key = field.name if field.many_to_many else field.attname
        if key in values:
            state[str(field.verbose_name)] = value_as_text(field, values[key])
    return state


def value_as_text(field, value) -> str:
    """A field's value as an editor reads it; `value` may be stored (a revision's primary
    keys, an ISO time) or live (objects, a queryset, a file)."""
    if value is None or value is False or (isinstance(value, str) and not value):
        return ""
    if isinstance(field, RichTextField):
        return rich_text_as_text(value)
    if field.many_to_many:
        objects = [obj for obj in value if isinstance(obj, models.Model)]
        if not objects:
            objects = field.related_model.objects.filter(pk__in=value)
        return ", ".join(sorted(str(obj) for obj in objects))
    if isinstance(field, models.ForeignKey):
        if not isinstance(value, models.Model):
            value = field.related_model.objects.filter(pk=value).first()
        return str(value or "")
    if isinstance(field, models.DateTimeField):
        if isinstance(value, str):
            value = models.DateTimeField().to_python(value)
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.FileField):
        return str(getattr(value, "name", value) or "")
    return str(value)
