"""The resource library in a real browser: WCAG 2.2 AA checks and filtering without JavaScript."""

import io

from django.core.management import call_command

import pytest

from resources.models import ResourceIndexPage, ResourcePage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def library_url(live_server):
    call_command("load_demo_content", stdout=io.StringIO())
    return live_server.url + ResourceIndexPage.objects.get().url


def test_library_pages_have_no_wcag_22_aa_violations(
    page, library_url, live_server, assert_accessible
):
    survey = ResourcePage.objects.get(title__startswith="London-wide survey")
    urls = {
        "library": library_url,
        "filtered": library_url + "?type=report&format=pdf&q=survey",
        "bad filter": library_url + "?type=poster",
        "resource": live_server.url + survey.url,
        "related documents": live_server.url + "/edi-framework/",
    }
    assert_accessible(page, urls)


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
