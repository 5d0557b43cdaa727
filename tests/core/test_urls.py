"""The addresses of items known by their slug: the same as reverse() gives, quicker."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from newsroom.core.urls import slug_url

VIEWS = ["articles:detail", "agencies:detail", "events:detail", "topic", "person"]


@pytest.mark.parametrize("viewname", VIEWS)
@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("script_prefix", ["/", "/newsroom/"])
def test_an_address_is_the_one_reverse_gives(viewname, language, script_prefix):
    set_script_prefix(script_prefix)
    try:
        with translation.override(language):
            for slug in ["pemilu-2024", "gen-981902", "a_b"]:
                assert slug_url(viewname, slug) == reverse(viewname, kwargs={"slug": slug})
    finally:
        set_script_prefix("/")


def test_the_languages_have_their_own_addresses():
    with translation.override("en"):
        english = slug_url("articles:detail", "pemilu")
    with translation.override("id"):
        indonesian = slug_url("articles:detail", "pemilu")
    assert english == "/en/berita/pemilu/"
    assert indonesian == "/berita/pemilu/"


@pytest.mark.parametrize("slug", ["", "a/b", "pemilu 2024", "pemilú"])
def test_what_is_not_a_slug_is_refused_as_reverse_refuses_it(slug):
    with pytest.raises(NoReverseMatch):
        slug_url("articles:detail", slug)
