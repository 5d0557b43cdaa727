"""Documents as they arrive: text copied from a web page (.txt) or a saved page (.html).

A saved page goes through trafilatura, which keeps the article's text and reads the page's
metadata (title, author, site name, address); htmldate finds its publication time.
"""

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer
import trafilatura
from django.utils.translation import gettext as _
from htmldate import find_date

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
# A news article, even a saved page with its scripts, is far smaller than this.
MAX_BYTES = 5 * 1024 * 1024


class DocumentError(Exception):
    """A document that cannot be read; the message says why, for the person importing it."""


@dataclass(frozen=True)
class Source:
    name: str
    content: bytes
    # The document as text, and the article's text in it (for a saved page, what trafilatura
    # keeps of it; for a text document, the same).
    document: str
    text: str
    is_html: bool = False
    # What a saved page says of itself: title, author, sitename, url, published (ISO 8601).
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def source_from_bytes(name: str, content: bytes) -> Source:
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(_("“%(name)s” is not a .txt or .html document.") % {"name": name})
    if len(content) > MAX_BYTES:
        raise DocumentError(
            _("“%(name)s” is larger than %(size)d MB.") % {"name": name, "size": MAX_BYTES >> 20}
        )
    text = _decode(name, content)
    if suffix in HTML_SUFFIXES:
        return _html_source(name, content, text)
    return Source(name=name, content=content, document=text, text=text)


def source_from_path(path: Path) -> Source:
    try:
        content = path.read_bytes()
    except OSError as error:
        raise DocumentError(
            _("“%(name)s” cannot be read: %(reason)s") % {"name": path, "reason": error.strerror}
        ) from error
    return source_from_bytes(path.name, content)


def document_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """The documents named, folders expanded to the documents in them, in name order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                child
                for child in path.rglob("*")
                if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES
            )
        else:
            yield path


def _decode(name: str, content: bytes) -> str:
    if b"\x00" in content:
        raise DocumentError(_("“%(name)s” is not a text document.") % {"name": name})
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(content).best()
        if best is None:
            raise DocumentError(_("“%(name)s” is not a text document.") % {"name": name}) from None
        return str(best)


def _html_source(name: str, content: bytes, html: str) -> Source:
    extracted = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    if extracted is None or not (extracted.text or "").strip():
        raise DocumentError(_("No article text was found in “%(name)s”.") % {"name": name})
    published = find_date(
        html, outputformat="%Y-%m-%dT%H:%M:%S%z", extensive_search=False, original_date=True
    )
    metadata = {
        "title": extracted.title or "",
        "author": extracted.author or "",
        "sitename": extracted.sitename or "",
        "url": extracted.url or "",
        "published": published or "",
    }
    return Source(
        name=name,
        content=content,
        document=html,
        text=extracted.text,
        is_html=True,
        metadata={key: value for key, value in metadata.items() if value},
    )
