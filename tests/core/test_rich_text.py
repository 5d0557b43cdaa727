import pytest

from newsroom.core.html import sanitize_html
from tests.factories import ArticleFactory, EventFactory


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
