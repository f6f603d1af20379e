"""The resource library in a real browser: WCAG 2.2 AA checks and filtering without JavaScript."""

import io

from django.core.management import call_command

import pytest

from resources.models import ResourceIndexPage, ResourcePage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_22_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
}


@pytest.fixture
def library_url(live_server):
    call_command("load_demo_content", stdout=io.StringIO())
    return live_server.url + ResourceIndexPage.objects.get().url


def test_library_pages_have_no_wcag_22_aa_violations(page, library_url, live_server):
    from axe_playwright_python.sync_playwright import Axe

    survey = ResourcePage.objects.get(title__startswith="London-wide survey")
    urls = {
        "library": library_url,
        "filtered": library_url + "?type=report&format=pdf&q=survey",
        "bad filter": library_url + "?type=poster",
        "resource": live_server.url + survey.url,
        "related documents": live_server.url + "/edi-framework/",
    }
    axe, problems = Axe(), {}
    for name, url in urls.items():
        page.goto(url)
        results = axe.run(page, options=WCAG_22_AA)
        if results.violations_count:
            problems[name] = results.generate_report()
    assert not problems, "\n\n".join(f"{name}:\n{report}" for name, report in problems.items())


def test_a_trainer_filters_and_finds_the_word_version_without_javascript(
    page_without_js, library_url
):
    browser_page = page_without_js
    browser_page.goto(library_url)
    browser_page.get_by_label("Report").check()
    browser_page.get_by_role("button", name="Apply filters").click()
    assert "type=report" in browser_page.url
    assert browser_page.get_by_role("heading", name="1 resource").is_visible()
    browser_page.get_by_role("link", name="London-wide survey of discrimination").click()
    assert browser_page.get_by_text("Also available as").is_visible()
    word = browser_page.get_by_role("link", name="Word version of London-wide survey")
    assert word.get_attribute("href").startswith("/documents/")
