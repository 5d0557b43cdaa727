"""The spam and defacement guard: what an article or event may not carry when it is public.

Refused, in any field: a blocked phrase (online gambling, pharmacy, loan and SEO spam) or a
link to a blocked domain (shorteners, link-in-bio pages, gambling top-level domains). Refused in
plain-text fields (title, summary, byline, image text, venue, reason for withdrawal…), where
links are not expected: a link to a domain outside the allowlist. The body's own links may go
to any other site, as news does; so may the source address and the online link, since they
name other sites by nature: those are checked against the blocklist only.

The lists are newsroom/core/spam_terms.py, changed by administrators in the admin (SpamRule)
and by NEWSROOM_ALLOWED_LINK_DOMAINS. The services (newsroom/core/services.py), the admin's
form and the importer call spam_check() on everything that is or becomes public.
"""

import codecs
import contextlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from newsroom.core import spam_terms
from newsroom.core.fields import RichTextField

# Fields that name where a story came from, often in a web address's shape ("KOMPAS.com"):
# checked against the blocklist, not the allowlist.
NAMING_FIELDS = {"source_outlet"}

# Characters that show nothing: zero-width spaces and joiners, soft hyphens, direction marks,
# the Hangul and Braille blanks spammers put between letters.
INVISIBLE = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800", "\u180e"}
# Cyrillic and Greek letters that look Latin, as in "slot" written with a Cyrillic dze; NFKC
# leaves them as they are.
HOMOGLYPHS = str.maketrans(
    "аеорсухѕіјԁɡһкмтвпνοαεικρτυχ",
    "aeopcyxsijdghkmtbnvoaeikptux",
)
# Digits and signs written for letters ("sl0t", "g4cor", "$lot").
LOOKALIKES = {
    "a": "a4@", "b": "b8", "e": "e3", "g": "g9", "i": "i1!|l", "l": "l1!|i", "o": "o0",
    "s": "s5$", "t": "t7+", "z": "z2",
}  # fmt: skip
# Between the letters of a word, letter-spacing ("s l o t", "s.l.o.t", "s-l-o-t"); between the
# words of a phrase, any separator or none ("slot-gacor", "slotgacor").
LETTER_GAP = r"[\W_]{0,3}"
WORD_GAP = r"[\W_]{0,5}"
# A phrase starts and ends at a word's edge: "bandar slot" is not in "bandara". Digits may
# follow, as in the campaigns' names ("maxwin88").
STARTS = r"(?<![a-z])"
ENDS = r"(?![a-z])"
# "heylink[.]me", "heylink(dot)me"
WRITTEN_DOT = re.compile(r"\s*[\[({]\s*(?:\.|dot|titik)\s*[\])}]\s*")
HOST = re.compile(r"(?<![\w@.-])((?:https?:/+|www\.)?)((?:[a-z0-9-]+\.)+[a-z]{2,})(?![\w-])")
ADDRESS_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "cite", "data"}


def normalise(text: str) -> str:
    """Text as the guard reads it: NFKC, no accents or invisible characters, lower case,
    Latin look-alike letters made Latin."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    text = "".join(
        character
        for character in text
        if not unicodedata.combining(character)
        and unicodedata.category(character) != "Cf"
        and character not in INVISIBLE
    )
    return unicodedata.normalize("NFKC", text).casefold().translate(HOMOGLYPHS)


def normalise_domain(value: str) -> str:
    """A domain as the lists hold it: "https://www.Bit.ly/x" is "bit.ly"."""
    value = normalise(value.strip())
    value = re.sub(r"^[a-z]+:/+", "", value).split("/")[0].split("?")[0].split("#")[0]
    value = value.rsplit("@", 1)[-1].split(":")[0].strip(".")
    return value.removeprefix("www.")


def _letter(character: str) -> str:
    choices = LOOKALIKES.get(character, character)
    return f"[{re.escape(choices)}]" if len(choices) > 1 else re.escape(character)


def phrase_pattern(phrase: str) -> str:
    words = normalise(phrase).split()
    return STARTS + WORD_GAP.join(LETTER_GAP.join(map(_letter, word)) for word in words) + ENDS


@dataclass(frozen=True)
class Finding:
    field: str
    matched: str
    # "phrase", "domain" (a blocked domain) or "link" (outside the allowlist where links are
    # not expected)
    kind: str

    def as_json(self) -> dict:
        return {"field": self.field, "matched": self.matched, "kind": self.kind}

    def describe(self, labels: dict[str, str]) -> str:
        where = labels.get(self.field, self.field)
        if self.kind == "link":
            return _("a link to %(domain)s in %(field)s") % {"domain": self.matched, "field": where}
        return _("“%(matched)s” in %(field)s") % {"matched": self.matched, "field": where}


@dataclass(frozen=True)
class Rules:
    phrases: tuple[str, ...]
    blocked_domains: tuple[str, ...]
    allowed_domains: tuple[str, ...]


def current_rules() -> Rules:
    """The shipped lists with the administrators' rules over them, read at every check: a rule
    saved in the admin applies at once, on every app server."""
    from newsroom.core.models import SpamRule

    added = {kind: set() for kind in SpamRule.Kind.values}
    for kind, value in SpamRule.objects.values_list("kind", "value"):
        added[kind].add(value)
    exempt = added[SpamRule.Kind.EXEMPT]
    hosts = [host.lstrip(".") for host in settings.ALLOWED_HOSTS if re.search("[a-z]", host)]
    return Rules(
        phrases=tuple(
            sorted(
                {normalise(p) for p in spam_terms.BLOCKED_PHRASES} - exempt
                | added[SpamRule.Kind.BLOCKED_PHRASE]
            )
        ),
        blocked_domains=tuple(
            sorted(set(spam_terms.BLOCKED_DOMAINS) - exempt | added[SpamRule.Kind.BLOCKED_DOMAIN])
        ),
        allowed_domains=tuple(
            sorted(
                {
                    *spam_terms.ALLOWED_DOMAINS,
                    *map(normalise_domain, settings.NEWSROOM_ALLOWED_LINK_DOMAINS),
                    *map(normalise_domain, hosts),
                    *added[SpamRule.Kind.ALLOWED_DOMAIN],
                }
            )
        ),
    )


def _within(host: str, domains) -> str | None:
    return next((d for d in domains if host == d or host.endswith(f".{d}")), None)


class Matcher:
    def __init__(self, rules: Rules):
        self.rules = rules
        self.phrases = [(phrase, re.compile(phrase_pattern(phrase))) for phrase in rules.phrases]
        # Web addresses run words together ("situsslotgacor.xyz"): a phrase of several words
        # is also looked for written as one, anywhere, when it is too long to be a word.
        self.joined = [
            (phrase, re.compile("".join(map(_letter, phrase.replace(" ", "")))))
            for phrase in rules.phrases
            if " " in phrase and len(phrase.replace(" ", "")) >= 7
        ]

    def phrases_in(self, text: str) -> set[str]:
        found = {phrase for phrase, pattern in self.phrases if pattern.search(text)}
        return found | {phrase for phrase, pattern in self.joined if pattern.search(text)}

    def hosts_in(self, text: str):
        """(host, whether it is written as a link) for each web address in normalised text."""
        for match in HOST.finditer(WRITTEN_DOT.sub(".", text)):
            host = _decoded_host(match.group(2))
            ending = host.rsplit(".", 1)[-1]
            yield host, bool(match.group(1)) or ending in spam_terms.LINK_TOP_LEVEL_DOMAINS

    def text_findings(self, field: str, text: str, *, links_expected: bool) -> set[Finding]:
        text = normalise(text)
        findings = {Finding(field, phrase, "phrase") for phrase in self.phrases_in(text)}
        for host, is_link in self.hosts_in(text):
            findings |= {Finding(field, phrase, "phrase") for phrase in self.phrases_in(host)}
            if blocked := _within(host, self.rules.blocked_domains):
                findings.add(Finding(field, blocked, "domain"))
            elif is_link and not links_expected and not _within(host, self.rules.allowed_domains):
                findings.add(Finding(field, host, "link"))
        return findings

    def address_findings(self, field: str, address: str) -> set[Finding]:
        decoded = normalise(unquote(address))
        findings = {Finding(field, phrase, "phrase") for phrase in self.phrases_in(decoded)}
        host = _address_host(address)
        # The host as the letters it stands for ("xn--…" is read as Unicode).
        findings |= {Finding(field, phrase, "phrase") for phrase in self.phrases_in(host)}
        if host and (blocked := _within(host, self.rules.blocked_domains)):
            findings.add(Finding(field, blocked, "domain"))
        return findings | self.text_findings(field, decoded, links_expected=True)

    def markup_findings(self, field: str, html: str) -> set[Finding]:
        markup = _Markup()
        markup.feed(html)
        markup.close()
        findings = self.text_findings(field, " ".join(markup.text), links_expected=True)
        for value in markup.hidden:
            findings |= self.text_findings(field, value, links_expected=True)
        for address in markup.addresses:
            findings |= self.address_findings(field, address)
        return findings


def _decoded_host(host: str) -> str:
    """A host with its punycode labels (xn--…) read as the letters they stand for."""
    labels = []
    for label in host.split("."):
        if label.startswith("xn--"):
            with contextlib.suppress(UnicodeError, ValueError):
                label = normalise(codecs.decode(label.encode("ascii"), "idna"))
        labels.append(label)
    return ".".join(labels)


def _address_host(address: str) -> str:
    address = address.strip()
    try:
        host = urlsplit(address if "//" in address else f"//{address}").hostname or ""
    except ValueError:
        return ""
    return _decoded_host(normalise(host)).removeprefix("www.")


class _Markup(HTMLParser):
    """The words of a body, what its attributes say (titles, alt text, text hidden there) and
    the addresses it links to or loads."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.hidden, self.addresses = [], [], []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if not value:
                continue
            if name in ADDRESS_ATTRIBUTES:
                self.addresses += value.split(",") if name == "srcset" else [value]
            else:
                self.hidden.append(value)
        # A tag inside a word ("sl<b>ot</b>") is read as letter-spacing, which is caught.
        self.text.append(" ")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.text.append(" ")

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.hidden.append(data)


@lru_cache(maxsize=8)
def _matcher(rules: Rules) -> Matcher:
    return Matcher(rules)


def checked_fields(model) -> list[tuple[models.Field, str]]:
    """The fields of an article or event that readers see, each with how it is read."""
    fields = []
    for field in model._meta.concrete_fields:
        if isinstance(field, RichTextField):
            fields.append((field, "markup"))
        elif isinstance(field, models.URLField):
            fields.append((field, "address"))
        elif isinstance(field, models.CharField | models.TextField) and not field.choices:
            fields.append((field, "naming" if field.name in NAMING_FIELDS else "text"))
    return fields


def item_values(item) -> dict[str, str]:
    return {field.name: getattr(item, field.attname) for field, _how in checked_fields(type(item))}


def spam_findings(model, values: dict, *, rules: Rules | None = None) -> list[Finding]:
    """What the guard refuses in these values of an article's or event's fields."""
    matcher = _matcher(rules or current_rules())
    findings = set()
    for field, how in checked_fields(model):
        value = str(values.get(field.name) or "")
        if not value.strip():
            continue
        if how == "markup":
            findings |= matcher.markup_findings(field.name, value)
        elif how == "address":
            findings |= matcher.address_findings(field.name, value)
        else:
            findings |= matcher.text_findings(field.name, value, links_expected=how == "naming")
    order = [field.name for field, _how in checked_fields(model)]
    return sorted(findings, key=lambda f: (order.index(f.field), f.kind, f.matched))


def field_labels(model) -> dict[str, str]:
    return {field.name: str(field.verbose_name) for field, _how in checked_fields(model)}


class SpamRefused(ValidationError):
    """Publishing refused: the item carries what the guard catches (findings)."""

    def __init__(self, *, item, findings: list[Finding]):
        self.item = item
        self.findings = findings
        super().__init__(
            _(
                "“%(item)s” was refused: it contains what looks like spam (%(found)s). Nothing "
                "was changed, and the administrators have been told."
            )
            % {"item": item, "found": describe_findings(type(item), findings)},
            code="spam",
        )


def describe_findings(model, findings) -> str:
    labels = field_labels(model)
    return "; ".join(finding.describe(labels) for finding in findings)


def spam_check(item, *, values: dict | None = None) -> None:
    """Raise SpamRefused when the guard catches something in the item (or in these values of
    its fields, as a form would save them)."""
    values = {**item_values(item), **(values or {})}
    if findings := spam_findings(type(item), values):
        raise SpamRefused(item=item, findings=findings)
