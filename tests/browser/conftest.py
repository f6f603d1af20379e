"""Browser tests: Debian's Chromium driven by Playwright against Django's live server."""

import os
from pathlib import Path

from django.db import connections

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture
def browser():
    """A fresh Playwright and Chromium per test.

    Playwright's sync API keeps an event loop running in this thread, and while it runs Django
    hands out a different database connection object. Started per test, it is stopped before
    pytest-django restores the database for the next live-server test (serialized_rollback),
    which must happen on the connection that holds the serialized data.
    """
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's Chromium at /usr/bin/chromium (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    # The ORM calls made by tests happen between browser steps, never inside the loop.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # Close the connections opened while Playwright ran (see above), or PostgreSQL
        # cannot drop the test database at the end of the run.
        connections.close_all()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


WCAG_22_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
}


@pytest.fixture
def assert_accessible():
    """Check with axe-core against WCAG 2.2 AA: the page as it is, or each of `urls` in turn."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page, urls=None):
        problems = {}
        for name, url in (urls or {"this page": None}).items():
            if url:
                page.goto(url)
            results = axe.run(page, options=WCAG_22_AA)
            if results.violations_count:
                problems[name] = results.generate_report()
        assert not problems, "\n\n".join(f"{name}:\n{report}" for name, report in problems.items())

    return check
