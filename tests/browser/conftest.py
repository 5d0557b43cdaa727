"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# axe-core, installed from the npm registry by `make test` (tests/browser/package.json).
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
# Screenshots the browser tests take, kept by CI as artefacts.
SCREENSHOTS = settings.BASE_DIR / "artifacts" / "screenshots"


def chromium_missing():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "needs Playwright: pip install -e '.[dev]'"
    if not shutil.which(CHROMIUM):
        return f"needs Chromium at {CHROMIUM}: apt-get install chromium"
    return None


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the database work the tests do
    # around it is still plain synchronous code.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="id-ID")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_source():
    """axe-core's script, to inject into pages; the tests that need it skip without it, and
    fail where NEWSROOM_REQUIRE_SERVICES asks for the browser tests."""
    if not AXE.exists():
        reason = f"needs axe-core at {AXE.relative_to(settings.BASE_DIR)}: run make test with npm"
        if "chromium" in os.environ.get("NEWSROOM_REQUIRE_SERVICES", ""):
            pytest.fail(reason)
        pytest.skip(reason)
    return AXE.read_text()


def axe_violations(page, axe_source) -> list[str]:
    """What axe-core finds against WCAG 2.1 A and AA on the page as it is, in words."""
    page.evaluate(axe_source)  # through the DevTools protocol: a strict CSP holds
    results = page.evaluate(
        """() => axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        })"""
    )
    return [
        f"{violation['id']}: {violation['help']} ({node['target']})"
        for violation in results["violations"]
        for node in violation["nodes"]
    ]


def screenshot(page, name: str):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
