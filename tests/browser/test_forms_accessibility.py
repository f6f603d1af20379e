"""The public forms' file inputs look and focus like NHS.UK's, the clash checker's title says
which state it is in, and its results reflow at 320 pixels without scrolling sideways."""

import io
import re

from django.core.management import call_command

import pytest

from calendars.models import CalendarPage
from goodpractice.submissions.models import SubmitGoodPracticePage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# NHS.UK frontend's focus style: a 4px yellow (#ffeb3b) outline around a dark border.
FOCUS_OUTLINE = ("rgb(255, 235, 59)", "4px")


@pytest.fixture
def site(live_server):
    call_command("load_demo_content", stdout=io.StringIO())
    return live_server.url


def clash_checker_url(site):
    return f"{site}{CalendarPage.objects.get().url}clash-checker/"


def focused_outline(page, selector):
    page.locator(selector).focus()
    return page.evaluate(
        """(selector) => {
          const style = getComputedStyle(document.querySelector(selector));
          return [style.outlineColor, style.outlineWidth, style.outlineStyle];
        }""",
        selector,
    )


def test_file_inputs_have_the_nhs_style_and_a_visible_focus(page, site):
    for url in (f"{site}{SubmitGoodPracticePage.objects.get().url}", clash_checker_url(site)):
        page.goto(url)
        selector = "input[type=file]"
        assert page.locator(selector).get_attribute("class") == "nhsuk-file-upload__input"
        color, width, style = focused_outline(page, selector)
        assert (color, width) == FOCUS_OUTLINE, url
        assert style == "solid", url


def test_the_clash_checkers_title_tells_its_states_apart(page, site):
    url = clash_checker_url(site)
    page.goto(url)
    empty = page.title()

    def check(text):
        page.goto(url)
        page.get_by_label("Dates of your planned sessions").fill(text)
        page.get_by_role("button", name="Check for clashes").click()
        return page.title()

    results = check("25/12/2026, Teaching\n2026-07-14, Exam")
    error = check("not a date at all")
    question = check("10/12/2026, Teaching\n11/12/2026, Exam")
    assert empty.startswith("Check planned sessions for clashes - ")
    assert re.match(r"Results: [12] of 2 sessions overlaps? an observance - Check planned", results)
    assert error.startswith("Error: ")
    assert question.startswith("Question: are these dates day/month or month/day?")


def test_the_clash_results_reflow_at_320_pixels(browser, site):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(clash_checker_url(site))
    sessions = "\n".join(
        f"2027-04-{day:02d} to 2027-04-{day + 2:02d}, Teaching" for day in range(1, 27)
    )
    page.get_by_label("Dates of your planned sessions").fill(sessions)
    page.get_by_role("button", name="Check for clashes").click()
    assert page.title().startswith("Results: ")
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 320
