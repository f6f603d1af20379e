import io

from django.core.management import call_command

import pytest

from goodpractice.classification.models import Theme
from goodpractice.home.models import ContentPage
from goodpractice.repository.models import GoodPracticeIndexPage, GoodPracticeItemPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demo_urls(live_server):
    call_command("load_demo_content", stdout=io.StringIO())
    repository = GoodPracticeIndexPage.objects.get()
    item = GoodPracticeItemPage.objects.live().first()
    return {
        "home": live_server.url + "/",
        "repository": live_server.url + repository.url,
        "themes": live_server.url + repository.url + "themes/",
        "theme": live_server.url + repository.url_for_term(Theme.objects.first()),
        "item": live_server.url + item.url,
        "content": live_server.url + ContentPage.objects.live().first().url,
    }


def test_demo_pages_have_no_wcag_22_aa_violations(page, demo_urls, assert_accessible):
    assert_accessible(page, demo_urls)


def test_a_dean_browses_to_an_item_without_javascript(page_without_js, demo_urls):
    page = page_without_js
    page.goto(demo_urls["home"])
    page.get_by_role("link", name="Training and development").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Training and development"
    assert page.get_by_role("heading", name="4 items").is_visible()
    page.get_by_role("link", name="EDI workshops and an EDI Ambassador in KSS").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "EDI workshops and an EDI Ambassador in KSS"
    )
    assert page.get_by_text("Kent, Surrey and Sussex").first.is_visible()


def test_skip_link_is_the_first_stop_and_moves_to_the_content(page, demo_urls):
    page.goto(demo_urls["repository"])
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "maincontent"
