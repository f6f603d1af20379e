"""The finder on a phone, by keyboard, with and without JavaScript, and the coverage grid at
320 px: results first, filters behind "Filter results", updates in place, nothing sideways."""

import io
import re

from django.core.management import call_command

import pytest

from goodpractice.classification.models import Theme
from goodpractice.repository.models import GoodPracticeIndexPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
FIRST_RESULT = ".app-results .app-result a"
COUNT_TEXT = re.compile(r"^\d+ items?")


@pytest.fixture
def finder(live_server):
    call_command("load_demo_content", stdout=io.StringIO())
    repository = GoodPracticeIndexPage.objects.get()
    theme = Theme.objects.first()
    return {
        "url": live_server.url + repository.url,
        "coverage": live_server.url + repository.url_for_route("coverage"),
        "theme": theme,
    }


def new_page(browser, viewport, *, javascript=True):
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
    return context, context.new_page()


def count_heading(page):
    return " ".join(page.locator("#result-count").inner_text().split())


def test_on_a_phone_the_results_come_first_and_the_filters_wait_behind_a_control(browser, finder):
    context, page = new_page(browser, PHONE)
    page.goto(finder["url"])
    first = page.locator(FIRST_RESULT).first
    assert first.bounding_box()["y"] < 900  # the title starts on the first 812 px screen
    summary = page.locator("#finder-filters > summary")
    assert summary.is_visible()
    assert "Filter results" in summary.inner_text()
    assert not page.locator('input[name="theme"]').first.is_visible()
    summary.click()
    assert page.locator('input[name="theme"]').first.is_visible()
    context.close()


def test_on_a_wide_screen_the_filters_are_open_beside_the_results(browser, finder):
    context, page = new_page(browser, DESKTOP)
    page.goto(finder["url"])
    checkbox = page.locator('input[name="theme"]').first
    assert checkbox.is_visible()
    apply_top = page.get_by_role("button", name="Apply filters").first.bounding_box()
    assert apply_top["y"] < DESKTOP["height"]
    filters_box = page.locator("#finder-filters").bounding_box()
    results_box = page.locator("#finder-results").bounding_box()
    assert filters_box["x"] + filters_box["width"] <= results_box["x"]
    context.close()


def test_the_skip_link_reaches_the_first_result_in_a_few_key_presses(browser, finder):
    context, page = new_page(browser, PHONE)
    page.goto(finder["url"] + "?q=induction")
    first_result = page.locator(FIRST_RESULT).first.get_attribute("href")
    presses = 0
    for key in ["Tab", "Enter"]:  # the site's skip link, to the main content
        page.keyboard.press(key)
        presses += 1
    page.keyboard.press("Tab")
    presses += 1
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to results"
    page.keyboard.press("Enter")
    presses += 1
    assert page.evaluate("document.activeElement.id") == "finder-results"
    while presses < 10 and page.evaluate("document.activeElement.getAttribute('href')") != (
        first_result
    ):
        page.keyboard.press("Tab")
        presses += 1
    assert page.evaluate("document.activeElement.getAttribute('href')") == first_result
    assert presses <= 10
    context.close()


def test_ticking_a_theme_updates_the_results_in_place_and_back_restores_them(browser, finder):
    context, page = new_page(browser, DESKTOP)
    page.goto(finder["url"])
    page.evaluate("window.finderMarker = 'still here'")
    before_count = count_heading(page)
    before_titles = page.locator(FIRST_RESULT).all_inner_texts()
    theme = finder["theme"]

    checkbox = page.locator(f'input[name="theme"][value="{theme.slug}"]')
    checkbox.check()
    page.wait_for_url(re.compile(rf"theme={theme.slug}"))
    page.wait_for_function(
        "text => document.getElementById('result-count').textContent.includes(text)",
        arg="with your filters",
    )

    assert page.evaluate("window.finderMarker") == "still here"  # no reload
    after_count = count_heading(page)
    assert after_count != before_count
    assert COUNT_TEXT.match(after_count)
    status = page.locator("#finder-status")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text().strip().startswith(after_count.split(" with")[0])
    assert page.locator(FIRST_RESULT).all_inner_texts() != before_titles
    assert page.evaluate("document.activeElement.value") == theme.slug
    assert page.locator(f'input[name="theme"][value="{theme.slug}"]').is_checked()
    assert "(1 selected)" in page.locator("#finder-filters > summary").inner_text()

    page.go_back()
    page.wait_for_function(
        "text => document.getElementById('result-count').textContent"
        ".replace(/\\s+/g, ' ').trim() === text",
        arg=before_count,
    )
    assert page.evaluate("window.finderMarker") == "still here"
    assert page.locator(FIRST_RESULT).all_inner_texts() == before_titles
    assert not page.locator(f'input[name="theme"][value="{theme.slug}"]').is_checked()
    context.close()


def test_changing_the_sort_reorders_the_results_in_place(browser, finder):
    context, page = new_page(browser, DESKTOP)
    page.goto(finder["url"])
    page.evaluate("window.finderMarker = 'still here'")
    page.select_option("#search-sort", "title")
    page.wait_for_url(re.compile(r"sort=title"))
    page.wait_for_function("!document.getElementById('finder-results').hasAttribute('aria-busy')")
    titles = page.locator(FIRST_RESULT).all_inner_texts()
    assert titles == sorted(titles, key=str.casefold)
    assert page.evaluate("window.finderMarker") == "still here"
    context.close()


def test_without_javascript_ticking_a_filter_and_applying_it_works(browser, finder):
    context, page = new_page(browser, PHONE, javascript=False)
    page.goto(finder["url"])
    page.locator("#finder-filters > summary").click()
    theme = finder["theme"]
    page.locator(f'input[name="theme"][value="{theme.slug}"]').check()
    page.get_by_role("button", name="Apply filters").first.click()
    page.wait_for_url(re.compile(rf"theme={theme.slug}"))
    assert "with your filters" in count_heading(page)
    assert "(1 selected)" in page.locator("#finder-filters > summary").inner_text()
    assert not page.locator('input[name="theme"]').first.is_visible()  # folded again
    assert page.locator(FIRST_RESULT).first.is_visible()
    context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_nothing_scrolls_sideways_at_320_px(browser, finder, javascript):
    context, page = new_page(browser, {"width": 320, "height": 640}, javascript=javascript)
    theme = finder["theme"]
    for url in [
        finder["url"],
        finder["url"] + f"?q=induction&theme={theme.slug}&sort=title",
        finder["coverage"],
    ]:
        page.goto(url)
        if page.locator("#finder-filters").count():
            page.locator("#finder-filters > summary").click()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{url} is {width} px wide"
    context.close()


def test_coverage_links_have_enough_contrast_in_every_band(browser, finder):
    from axe_playwright_python.sync_playwright import Axe

    context, page = new_page(browser, DESKTOP)
    page.goto(finder["coverage"])
    bands = page.evaluate(
        "[...new Set([...document.querySelectorAll('.app-coverage__cell')]"
        ".map(cell => cell.className.match(/band-(\\d)/)[1]))]"
    )
    assert len(bands) >= 3  # the demo content has cells in several bands
    results = Axe().run(page, options={"runOnly": {"type": "rule", "values": ["color-contrast"]}})
    assert results.violations_count == 0, results.generate_report()
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375", "1280"])
def test_the_finder_has_no_wcag_22_aa_violations(browser, finder, assert_accessible, viewport):
    context, page = new_page(browser, viewport)
    theme = finder["theme"]
    assert_accessible(
        page,
        {
            "finder": finder["url"],
            "filtered": finder["url"] + f"?q=induction&theme={theme.slug}",
        },
    )
    page.goto(finder["url"])
    page.locator("#finder-filters > summary").click()  # open on a phone, closed on a desktop
    assert_accessible(page)
    context.close()
