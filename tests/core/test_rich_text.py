import re

import pytest
from django_prose_editor.config import allowlist_from_extensions

from newsroom.core.editor import EDITOR_EXTENSIONS
from newsroom.core.html import ALLOWED_TAGS, plain_text, sanitize_html
from tests.admin_forms import change_form_data
from tests.factories import AgencyFactory, ArticleFactory, EventFactory, UserFactory


@pytest.mark.parametrize(
    "dirty, clean",
    [
        ("<p>Isi</p><script>alert(1)</script>", "<p>Isi</p>"),
        ('<img src="x" onerror="alert(1)">', '<img src="x">'),
        ('<a href="javascript:alert(1)">klik</a>', '<a rel="noopener noreferrer">klik</a>'),
        (
            '<a href="https://kpu.go.id" target="_blank">KPU</a>',
            '<a href="https://kpu.go.id" rel="noopener noreferrer">KPU</a>',
        ),
        ("<svg><script>alert(1)</script></svg>", ""),
        ('<p style="color:red" class="x">Teks</p>', "<p>Teks</p>"),
        ("<iframe src='https://example.com'></iframe>", ""),
        ("<h2>Sub</h2><ul><li>a</li></ul><blockquote>kutipan</blockquote>", None),
    ],
)
def test_sanitize_keeps_news_markup_and_drops_the_rest(dirty, clean):
    assert sanitize_html(dirty) == (dirty if clean is None else clean)


@pytest.mark.parametrize(
    "sanitized, text",
    [
        ("<p>Satu</p><p>Dua</p><ul><li>tiga</li><li>empat</li></ul>", "Satu Dua tiga empat"),
        ("<p><strong>Jakarta</strong>, 5 Mei<br>baris</p>", "Jakarta, 5 Mei baris"),
        (
            '<p><a href="https://x.id/?a=1&amp;b=2" title="a &gt; b">KPU</a> &amp; 5 &lt; 6</p>',
            "KPU & 5 < 6",
        ),
        (
            "<h2>Sub</h2>\n<blockquote>kutipan</blockquote>"
            '<figure><img src="x" alt="foto"><figcaption>Foto</figcaption></figure>',
            "Sub kutipan Foto",
        ),
        ("", ""),
    ],
)
def test_the_plain_text_of_a_body_keeps_its_words_and_blocks_apart(sanitized, text):
    assert plain_text(sanitize_html(sanitized)) == text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "factory, field", [(ArticleFactory, "body"), (EventFactory, "description")]
)
def test_every_save_sanitises_whatever_the_client_sent(client, factory, field):
    item = factory(**{field: '<p>Aman</p><img src=x onerror="alert(1)"><script>alert(2)</script>'})
    item.refresh_from_db()
    assert getattr(item, field) == '<p>Aman</p><img src="x">'
    response = client.get(item.get_absolute_url())
    assert "onerror" not in response.text
    assert "alert(2)" not in response.text


# Real payloads, as pasted into the editor or posted by hand past it.
XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">klik</a>',
    '<a href="JaVaScRiPt:alert(1)">klik</a>',
    '<a href="&#106;avascript:alert(1)">klik</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">klik</a>',
    "<svg onload=alert(1)>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">klik</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<p style="background:url(javascript:alert(1))">teks</p>',
    '<form action="javascript:alert(1)"><button>kirim</button></form>',
    '<img src="javascript:alert(1)">',
    "<details open ontoggle=alert(1)>",
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
]
DANGEROUS = re.compile(
    r"<script|<svg|<iframe|<object|<style|<form|<base|<meta[^>]*refresh|\bon[a-z]+\s*=|javascript:|data:text",
    re.IGNORECASE,
)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_payload_sent_through_the_admin_reaches_a_public_page(client, roles, payload):
    editor = UserFactory(role="Editor")
    article = ArticleFactory(lead_agency=AgencyFactory(), body="<p>Aman.</p>")
    client.force_login(editor)
    url = f"/admin/articles/article/{article.pk}/change/"
    response = client.post(url, change_form_data(client.get(url), body=f"<p>Isi.</p>{payload}"))
    assert response.status_code == 302
    client.logout()
    page = client.get(article.get_absolute_url()).text
    body = page.split('<div class="body">')[1].split("</div>")[0]
    assert "Isi." in body
    assert not DANGEROUS.search(body), body


def test_the_editor_produces_nothing_the_sanitiser_removes():
    """The editor's extensions and the sanitiser agree, so what editors make survives a save."""
    editor_tags = allowlist_from_extensions(EDITOR_EXTENSIONS)["tags"]
    assert editor_tags <= ALLOWED_TAGS
