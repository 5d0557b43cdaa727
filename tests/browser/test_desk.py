"""The desk's whole story in a real browser: a contributor writes and submits, an editor previews
and schedules, and the public sees the article only once its time has come (a controlled clock,
not a sleep)."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from newsroom.articles.models import Article
from tests.factories import AgencyFactory, UserFactory, image_file

pytestmark = [pytest.mark.chromium, pytest.mark.django_db(transaction=True)]

PASSWORD = "kata-sandi-uji-7731"


def shown(locator):
    """Waits for the element, as a reader's eyes would, instead of sleeping."""
    from playwright.sync_api import expect

    expect(locator).to_be_visible()


def person(username, role, agencies=()):
    user = UserFactory(username=username, role=role, agencies=list(agencies))
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def new_page(browser, live_server):
    """A page in a window of its own (no cookies shared), closed at the end of the test."""
    contexts = []

    def open_page():
        contexts.append(browser.new_context(base_url=live_server.url, locale="id-ID"))
        return contexts[-1].new_page()

    yield open_page
    for context in contexts:
        context.close()


def signed_in(new_page, username):
    page = new_page()
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


def test_a_contributor_writes_an_editor_schedules_the_public_reads_it_on_time(
    new_page, roles, media_root, tmp_path
):
    agency = AgencyFactory(name="Dinas Kependudukan dan Pencatatan Sipil", short_name="Disdukcapil")
    person("penulis", "Contributor", [agency])
    person("redaktur", "Editor")
    photo = tmp_path / "layanan.jpg"
    photo.write_bytes(image_file(size=(1200, 800)).read())

    # A contributor writes a draft with the rich-text editor and a lead image, and submits it.
    page = signed_in(new_page, "penulis")
    page.goto("/admin/articles/article/add/")
    page.locator("#id_title").fill("Layanan KTP keliling di Indramayu")
    page.locator("#id_summary").fill("Disdukcapil membuka layanan KTP keliling.")
    editor = page.locator(".prose-editor [contenteditable=true]")
    editor.click()
    page.keyboard.type("Layanan dibuka di tiap kecamatan. ")
    page.keyboard.press("Control+b")
    page.keyboard.type("Gratis.")
    page.keyboard.press("Control+b")
    page.locator("#id_lead_image").set_input_files(photo)
    page.locator("#id_lead_image_alt").fill("Warga antre di loket layanan KTP")
    page.locator("#id_article_agencies-0-role").select_option("lead")
    page.locator("#article_agencies-0 .select2-selection").click()
    page.locator(".select2-dropdown .select2-search__field").fill("Disduk")
    page.locator(".select2-results__option", has_text="Disdukcapil").click()
    page.locator("input[name=_continue]").first.click()
    shown(page.get_by_text("berhasil ditambahkan").first)
    page.get_by_role("button", name="Ajukan untuk ditinjau").click()
    shown(page.get_by_role("heading", name=re.compile("Penerbitan: Ditinjau")))
    # Contributors cannot publish: no such button for them.
    assert page.get_by_role("button", name="Terbitkan sekarang").count() == 0
    article = Article.objects.get()
    assert article.body == "<p>Layanan dibuka di tiap kecamatan. <strong>Gratis.</strong></p>"
    assert article.created_by.username == "penulis"
    # The slug was made from the title as it was typed.
    assert article.slug == "layanan-ktp-keliling-di-indramayu"

    # An editor previews it through the link, in a window with no account.
    page = signed_in(new_page, "redaktur")
    shown(page.get_by_role("link", name="Layanan KTP keliling di Indramayu").first)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    preview_link = page.locator("#preview-link").input_value()
    private = new_page()
    private.goto(preview_link)
    shown(private.get_by_role("heading", name="Pratinjau: belum diterbitkan"))
    shown(private.get_by_role("heading", name="Layanan KTP keliling di Indramayu"))
    shown(private.locator("img[alt='Warga antre di loket layanan KTP']"))

    # The editor schedules it a minute ahead.
    at = timezone.localtime() + timedelta(minutes=1)
    page.get_by_role("button", name="Jadwalkan").click()
    page.locator("input[name=at_0]").fill(at.date().isoformat())
    page.locator("input[name=at_1]").fill(at.strftime("%H:%M:%S"))
    page.locator("input[name=apply]").click()
    shown(page.get_by_text("1 butir dijadwalkan."))
    shown(page.get_by_role("heading", name=re.compile("Penerbitan: Terjadwal")))

    # The public page shows it only once its time has passed.
    response = private.goto("/berita/layanan-ktp-keliling-di-indramayu/")
    assert response.status == 404
    with time_machine.travel(at + timedelta(seconds=5), tick=True):
        response = private.goto("/berita/layanan-ktp-keliling-di-indramayu/")
        assert response.status == 200
        shown(private.get_by_role("heading", name="Layanan KTP keliling di Indramayu"))
        assert private.locator("source[type='image/webp']").count() == 1
        private.goto("/berita/")
        shown(private.get_by_role("link", name="Layanan KTP keliling di Indramayu"))
