"""The Content-Security-Policy in a real browser: the desk, its rich-text editor and the API
documentation work under it, and nothing they do is refused."""

import re

import pytest

from newsroom.articles.models import Article
from tests.factories import AgencyFactory, ArticleFactory, UserFactory

pytestmark = [pytest.mark.chromium, pytest.mark.django_db(transaction=True)]

PASSWORD = "kata-sandi-uji-7731"

# Reported in the page by the browser for each thing the policy refuses.
LISTEN = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.cspViolation(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
});
"""


@pytest.fixture
def refused(page):
    """What the browser refused on the pages the test opens: the page's own violation events
    and Chromium's messages in the console."""
    found = []
    page.expose_function("cspViolation", lambda text: found.append(text))
    page.add_init_script(LISTEN)

    def console(message):
        if re.search(r"Refused to|Content Security Policy", message.text):
            found.append(message.text)

    page.on("console", console)
    return found


def test_an_editor_writes_in_the_rich_text_editor_and_saves_with_nothing_refused(
    page, refused, roles
):
    user = UserFactory(username="redaktur", role="Editor")
    user.set_password(PASSWORD)
    user.save()
    article = ArticleFactory(
        title="Siaga banjir", body="<p>Isi awal.</p>", lead_agency=AgencyFactory()
    )

    page.goto("/admin/login/")
    page.locator("#id_username").fill("redaktur")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))

    page.goto(f"/admin/articles/article/{article.pk}/change/")
    editor = page.locator(".prose-editor [contenteditable=true]")
    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(" Warga diminta waspada.")
    page.keyboard.press("Control+b")
    page.keyboard.type("Penting.")
    page.keyboard.press("Control+b")
    page.locator("input[name=_continue]").first.click()
    page.get_by_text("berhasil diubah").first.wait_for()

    assert refused == []
    article.refresh_from_db()
    assert article.body == "<p>Isi awal. Warga diminta waspada.<strong>Penting.</strong></p>"
    assert Article.objects.count() == 1
    # The editor's own stylesheet applied: the text wraps as ProseMirror wants.
    white_space = editor.evaluate("element => getComputedStyle(element).whiteSpace")
    assert white_space in {"pre-wrap", "break-spaces"}


def test_the_api_documentation_renders_with_nothing_refused(page, refused):
    page.goto("/api/v1/docs/")
    page.get_by_text("/api/v1/articles/", exact=True).first.wait_for()
    # Opening an operation renders its parameters, with Swagger UI's styles.
    page.get_by_text("/api/v1/articles/", exact=True).first.click()
    page.get_by_text("Parameters").first.wait_for()
    assert refused == []


def test_the_importer_review_page_works_with_nothing_refused(page, refused, settings):
    user = UserFactory(username="admin-impor", is_superuser=True)
    user.set_password(PASSWORD)
    user.save()
    page.goto("/admin/login/")
    page.locator("#id_username").fill("admin-impor")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))

    page.goto("/admin/importer/importeddocument/upload/")
    document = next((settings.BASE_DIR / "fixtures" / "documents").glob("*.txt"))
    page.locator("input[type=file]").set_input_files(document)
    page.locator("input[type=submit]").click()
    page.locator("input[name=review]").wait_for()
    # The admin's date and time shortcuts, its own script, are there.
    page.locator(".datetimeshortcuts").first.wait_for(state="attached")
    assert refused == []
