import io

from django.core.management import call_command

import pytest

from calendars.models import CalendarPage, FaithPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def calendar_url(live_server):
    call_command("load_demo_content", stdout=io.StringIO())
    return live_server.url + CalendarPage.objects.get().url


def test_calendar_pages_have_no_wcag_22_aa_violations(
    page, calendar_url, live_server, assert_accessible
):
    urls = {
        "this month": calendar_url,
        "year": f"{calendar_url}2026/",
        "month": f"{calendar_url}2026/03/?faith=islam",
        "list": f"{calendar_url}2026/list/?faith=islam",
        "rotation": f"{calendar_url}rotation/",
        "planner": f"{calendar_url}2027/planner/",
        "A3 planner": f"{calendar_url}rotation/2026-27/planner/?paper=a3",
        "faith": live_server.url + FaithPage.objects.get(slug="judaism").url,
        "clash checker": f"{calendar_url}clash-checker/",
    }
    assert_accessible(page, urls)


def test_a_planner_filters_the_calendar_without_javascript(page_without_js, calendar_url):
    page = page_without_js
    page.goto(f"{calendar_url}2026/")
    page.get_by_label("Judaism").check()
    page.get_by_label("Fasting").check()
    page.get_by_role("button", name="Apply filters").click()
    assert "faith=judaism" in page.url
    assert "impact=fasting" in page.url
    assert page.get_by_text("Yom Kippur (Day of Atonement)").first.is_visible()
    assert page.get_by_text("Ramadan").count() == 0
    subscribe = page.get_by_role("link", name="Subscribe in your calendar app")
    assert subscribe.get_attribute("href").startswith("webcal://")
    assert subscribe.get_attribute("href").endswith("?faith=judaism&impact=fasting")


def test_clash_checker_errors_then_results_without_javascript(page_without_js, calendar_url):
    page = page_without_js
    page.goto(f"{calendar_url}clash-checker/")
    page.get_by_label("Dates of your planned sessions").fill("2026-12-25, On call\n2026-02-31")
    page.get_by_role("button", name="Check for clashes").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    page.get_by_role("link", name="Line 2: '2026-02-31' is not a date.", exact=False).click()
    field = page.get_by_label("Dates of your planned sessions")
    assert field.input_value() == "2026-12-25, On call\n2026-02-31"
    field.fill("2026-12-25, On call")
    page.get_by_role("button", name="Check for clashes").click()
    assert page.get_by_text("Christmas Day").first.is_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download these results (CSV)").click()
    assert download.value.suggested_filename == "clash-check.csv"
