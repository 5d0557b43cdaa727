from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    name = "newsroom.caching"
    verbose_name = _("Page cache")

    def ready(self):
        from newsroom.caching import signals  # noqa: F401 (connects the receivers)
