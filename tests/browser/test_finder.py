import re

import pytest
from django.conf import settings
from django.core.management import call_command

pytestmark = [pytest.mark.chromium, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo():
    call_command("loaddata", settings.BASE_DIR / "fixtures" / "newsroom.json", verbosity=0)


def test_a_reader_filters_the_news_with_the_form(page, demo):
    page.goto("/berita/")
    page.locator("summary", has_text="Instansi").click()
    page.get_by_label("Bawaslu", exact=True).check()
    page.get_by_label("Dari").fill("2022-12-01")
    page.get_by_label("Sampai").fill("2022-12-31")
    page.get_by_role("button", name="Terapkan").click()
    assert re.search(r"agency=bawaslu", page.url)
    assert page.get_by_role("heading", name="1 berita").is_visible()
    page.get_by_role("link", name="Kemendagri Sosialisasi Indeks Kerawanan Pemilu 2024").click()
    assert page.get_by_text("Oleh Uswatun Hasanah").is_visible()


def test_the_finder_works_without_javascript(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/berita/?agency=pemkab-indramayu")
    assert page.get_by_role("heading", name="1 berita").is_visible()
    page.get_by_label("Cari").fill("kerawanan")
    page.get_by_role("button", name="Terapkan").click()
    assert "q=kerawanan" in page.url
    assert page.get_by_role("heading", name="0 berita").is_visible()
    context.close()
