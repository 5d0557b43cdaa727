"""The public site as readers use it, in Chromium: the finder through its form, search, pages,
an article, its agency, an event's .ics; accessibility checked with axe-core in both languages;
screenshots at phone and desktop widths kept in artifacts/screenshots/."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from newsroom.agencies.models import Agency
from tests.browser.conftest import axe_violations, screenshot
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.chromium, pytest.mark.django_db(transaction=True)]

OPTIKA = "Kemendagri Sosialisasi Indeks Kerawanan Pemilu 2024"
PHONE, DESKTOP = {"width": 360, "height": 780}, {"width": 1280, "height": 900}


@pytest.fixture
def demo():
    call_command("loaddata", settings.BASE_DIR / "fixtures" / "newsroom.json", verbosity=0)


@pytest.fixture
def many_articles(demo):
    """Enough news of Pemkab Indramayu's offices to page through."""
    disdukcapil = Agency.objects.get(slug="disdukcapil-indramayu")
    first = timezone.now().replace(year=2022, month=12, day=2)
    for number in range(25):
        ArticleFactory(
            title=f"Layanan kependudukan keliling {number}",
            published_at=first + timedelta(hours=number),
            lead_agency=disdukcapil,
        )


def test_a_reader_filters_searches_pages_and_reads(page, many_articles, live_server):
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith((live_server.url, "data:"))
            else None
        ),
    )
    page.goto("/berita/")
    page.get_by_role("checkbox", name=re.compile(r"^Bawaslu")).check()
    page.get_by_role("checkbox", name=re.compile(r"^Pemkab Indramayu")).check()
    page.get_by_label("Dari").fill("2022-12-01")
    page.get_by_label("Sampai").fill("2022-12-31")
    page.get_by_role("button", name="Terapkan").click()
    assert "agency=bawaslu" in page.url
    assert "agency=pemkab-indramayu" in page.url
    assert page.get_by_role("heading", name="26 berita").is_visible()
    assert page.get_by_role("link", name="Hapus Instansi: Bawaslu").is_visible()

    page.get_by_role("link", name="Berikutnya").click()
    assert "page=2" in page.url
    assert "agency=bawaslu" in page.url
    assert page.get_by_text("Halaman 2 dari 2").is_visible()

    page.goto("/berita/")
    page.get_by_label("Cari").fill("kerawanan pemilu")
    page.get_by_role("button", name="Terapkan").click()
    first = page.locator(".card-title").first
    assert first.inner_text() == OPTIKA
    assert first.locator("mark").count() >= 2

    first.get_by_role("link").click()
    assert page.get_by_role("heading", level=1, name=OPTIKA).is_visible()
    assert page.get_by_text("Oleh Uswatun Hasanah").is_visible()
    page.locator(".article-links").get_by_role("link", name="Kementerian Dalam Negeri").click()
    assert page.get_by_role(
        "heading", level=1, name=re.compile("Kementerian Dalam Negeri")
    ).is_visible()

    page.get_by_role("link", name=re.compile("^Kemendagri Gelar Webinar")).click()
    page.locator(".article-links").get_by_role("link", name=re.compile("^Webinar")).click()
    assert page.get_by_role("heading", level=1, name=re.compile("^Webinar")).is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tambahkan ke kalender Anda (.ics)").click()
    assert download.value.suggested_filename.endswith(".ics")
    assert "BEGIN:VEVENT" in download.value.path().read_text()
    assert outside == []


def test_the_finder_works_without_javascript(browser, live_server, demo):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/berita/?agency=pemkab-indramayu")
    assert page.get_by_role("heading", name="1 berita").is_visible()
    page.get_by_label("Cari").fill("webinar")
    page.get_by_role("button", name="Terapkan").click()
    assert "q=webinar" in page.url
    assert "agency=pemkab-indramayu" in page.url
    assert page.get_by_role("heading", name="1 berita").is_visible()
    page.get_by_role("link", name="Hapus Instansi: Pemkab Indramayu").click()
    assert "agency" not in page.url
    assert "q=webinar" in page.url
    page.get_by_role("link", name="English").click()
    assert page.url.endswith("/en/berita/?q=webinar")
    assert page.get_by_role("heading", level=1, name="News").is_visible()
    context.close()


PAGES = {
    "home": "/",
    "finder": (
        "/berita/?agency=kemendagri&agency=pemkab-indramayu&from=2022-01-01&to=2023-12-31&q=pemilu"
    ),
    "article": "/berita/kemendagri-sosialisasi-indeks-kerawanan-pemilu-2024/",
    "agency": "/instansi/kemendagri/",
    "event": "/agenda/webinar-sosialisasi-indeks-kerawanan-pemilu-tahun-2024/",
    "calendar": "/agenda/bulan/?month=2023-01",
}


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_every_kind_of_page_is_accessible_and_fits_a_phone(
    browser, live_server, demo, axe_source, name, language
):
    address = PAGES[name] if language == "id" else f"/en{PAGES[name]}"
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    page.goto(address)
    assert page.locator("html").get_attribute("lang") == language
    assert axe_violations(page, axe_source) == []
    screenshot(page, f"{name}-{language}-1280")
    page.set_viewport_size(PHONE)
    sideways = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    screenshot(page, f"{name}-{language}-360")
    assert sideways <= 0
    context.close()


def test_keyboard_reaches_the_content_through_the_skip_link(page, demo):
    page.goto("/berita/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Langsung ke isi")
    assert skip.evaluate("link => link === document.activeElement")
    outline = skip.evaluate("link => getComputedStyle(link).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
