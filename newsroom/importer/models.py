from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.articles.models import Article


class ImportedDocumentQuerySet(models.QuerySet):
    def get_by_natural_key(self, content_hash):
        return self.get(content_hash=content_hash)

    def earlier_version_of(self, *, name: str, source_url: str = ""):
        """The record of a document imported before under the same name or address."""
        same = models.Q(name=name)
        if source_url:
            same |= models.Q(source_url=source_url)
        return self.filter(same).order_by("-imported_at").first()


class ImportedDocument(models.Model):
    """A document turned into an article: what it said, byte for byte, and what came of it.

    The same document imported again is recognised by its content; a document imported before
    under the same name or address, with other content, is a changed version.
    """

    name = models.CharField(
        _("document name"), max_length=255, help_text=_("The file name it was imported from.")
    )
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    content_hash = models.CharField(
        _("content fingerprint"),
        max_length=64,
        unique=True,
        help_text=_("SHA-256 of the document: the same document imported again is recognised."),
    )
    content = models.TextField(_("document text"))
    extraction = models.JSONField(_("what was extracted"), default=dict)
    article = models.OneToOneField(
        Article,
        verbose_name=_("article"),
        related_name="imported_document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    imported_at = models.DateTimeField(_("imported"), default=timezone.now)

    objects = ImportedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("imported document")
        verbose_name_plural = _("imported documents")
        ordering = ["-imported_at", "-id"]
        get_latest_by = "imported_at"
        indexes = [models.Index(fields=["name"], name="importer_document_name")]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.content_hash,)
