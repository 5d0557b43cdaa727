from django.db import models

from newsroom.core.html import sanitize_html


class RichTextField(models.TextField):
    """HTML that is sanitised every time it is saved, whatever the client sent."""

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value


class URLField(models.URLField):
    """A web address; typed without a scheme, it is taken to be https:// (as Django 6 will)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})
