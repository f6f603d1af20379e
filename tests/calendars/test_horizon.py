"""Dates never run out: any year a page, download, rotation year or clash check asks for is
computed from the rules the first time (and stored), a daily task keeps five years ahead,
editors' confirmations survive, and a year beyond a library's table says so."""

import datetime
import io

from django.conf import settings
from django.core.management import call_command

import icalendar
import pytest

from calendars import content_version
from calendars.factories import ObservanceFactory
from calendars.models import ComputedYear, Observance, Occurrence
from calendars.rules import RuleType
from calendars.tasks import keep_observance_dates_ahead

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def christmas(islam):
    return ObservanceFactory(
        faith=islam, name="Christmas Day", slug="christmas-day", month=12, day=25
    )


@pytest.fixture
def diwali(islam):
    return ObservanceFactory(
        faith=islam,
        name="Diwali",
        slug="diwali",
        rule_type=RuleType.FESTIVAL_TABLE,
        festival="diwali",
        month=None,
        day=None,
    )


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("year", [2025, 2029, 2040])
def test_a_calendar_year_page_is_answered_from_the_rules(client, calendar_page, christmas, year):
    assert not Occurrence.objects.exists()
    html = html_of(client, f"{calendar_page.url}{year}/")
    assert "Christmas Day" in html
    assert "Nothing this month" not in html.split(f'id="month-{year}-12"')[1]
    assert Occurrence.objects.filter(start_date=D(year, 12, 25)).exists()


def test_a_rotation_year_shows_its_january_to_july(client, calendar_page, islam):
    ObservanceFactory(faith=islam, name="Holocaust Memorial Day", month=1, day=27)
    ObservanceFactory(faith=islam, name="Windrush Day", month=6, day=22)
    html = html_of(client, f"{calendar_page.url}rotation/2028-29/list/")
    assert "Saturday 27 January 2029" in html
    assert "Friday 22 June 2029" in html
    assert "Thursday 22 June 2028" not in html  # before the rotation year


def test_a_year_download_is_answered_from_the_rules(client, calendar_page, christmas):
    response = client.get(f"{calendar_page.url}2040/ics/")
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert [event.decoded("DTSTART") for event in events] == [D(2040, 12, 25)]


def test_the_subscription_feed_reaches_five_years_ahead_before_the_daily_job_runs(
    client, calendar_page, christmas
):
    assert not Occurrence.objects.exists()
    response = client.get(f"{calendar_page.url}ics/")
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    this_year = datetime.date.today().year
    assert [event.decoded("DTSTART").year for event in events] == list(
        range(this_year - 1, this_year + 6)
    )


def test_the_clash_checker_finds_christmas_in_any_year(client, calendar_page, christmas):
    response = client.post(
        f"{calendar_page.url}clash-checker/", {"sessions": "2029-12-25, Teaching"}
    )
    html = response.content.decode()
    assert "Christmas Day" in html
    assert "No observances overlap" not in html


def test_computing_on_first_need_is_once_and_then_from_the_cache(
    client, calendar_page, christmas, django_assert_num_queries
):
    url = f"{calendar_page.url}2031/"
    client.get(f"{calendar_page.url}2026/")  # the header and footer cache
    version = content_version.VERSION.current()
    client.get(url)  # computes 2030 and 2031
    assert content_version.VERSION.current() != version  # the feeds may show more now
    version = content_version.VERSION.current()
    with django_assert_num_queries(0):  # what it built is the new version's
        client.get(url)
    content_version.bump_version()
    with django_assert_num_queries(2):  # no query to know the years are stored
        client.get(url)
    assert content_version.VERSION.current() != version
    assert Occurrence.objects.filter(start_date__year__in=[2030, 2031]).count() == 2


def test_a_new_observance_gets_every_year_already_stored(client, calendar_page, christmas):
    html_of(client, f"{calendar_page.url}2040/")
    ObservanceFactory(faith=christmas.faith, name="Boxing Day", month=12, day=26)
    html = html_of(client, f"{calendar_page.url}2040/")
    assert "Boxing Day" in html


def test_the_scheduled_task_keeps_five_years_ahead(christmas):
    assert ("keep_observance_dates_ahead", 24 * 3600) in settings.SCHEDULED_JOBS
    out = io.StringIO()
    call_command("keep_observance_dates_ahead", stdout=out)  # the immediate backend runs it
    assert "2026 to 2031" in out.getvalue()
    years = set(christmas.occurrences.values_list("start_date__year", flat=True))
    assert years == {2026, 2027, 2028, 2029, 2030, 2031}
    assert keep_observance_dates_ahead.call()["unchanged"] == 6


def test_a_confirmed_date_survives_computing_again(client, calendar_page, christmas):
    html_of(client, f"{calendar_page.url}2029/")
    occurrence = christmas.occurrences.get(start_date=D(2029, 12, 25))
    occurrence.start_date = occurrence.end_date = D(2029, 12, 24)  # an editor's correction
    occurrence.save()
    keep_observance_dates_ahead.call()
    christmas.month = 12
    christmas.day = 26  # a rule change computes the stored years again
    christmas.save()
    occurrence.refresh_from_db()
    assert (occurrence.start_date, occurrence.editor_confirmed) == (D(2029, 12, 24), True)
    assert christmas.occurrences.filter(start_date=D(2030, 12, 26)).exists()
    assert not christmas.occurrences.filter(start_date=D(2030, 12, 25)).exists()


def test_a_year_beyond_a_library_says_so(client, calendar_page, diwali, christmas):
    html = html_of(client, f"{calendar_page.url}2040/")
    assert "Dates for Diwali (Islam) are not available after 2035." in html
    assert "Christmas Day" in html
    html = html_of(client, f"{calendar_page.url}rotation/2035-36/list/")
    assert "Dates for Diwali (Islam) are not available after 2035." in html
    html = html_of(client, f"{calendar_page.url}2030/")
    assert "not available" not in html
    period_observances = Observance.objects.live().of_calendar(calendar_page)
    (found,) = period_observances.unavailable_between(D(2036, 1, 1), D(2036, 12, 31))
    assert found[0].last_year == 2035


def test_the_clash_checker_never_says_no_clash_where_a_library_ends(
    client, calendar_page, diwali, christmas
):
    response = client.post(
        f"{calendar_page.url}clash-checker/", {"sessions": "2040-11-01, Teaching"}
    )
    html = " ".join(response.content.decode().split())
    assert "Some dates could not be checked" in html
    assert "Dates for Diwali (Islam) are not available after 2035." in html
    assert "No observances overlap" not in html
    within = client.post(f"{calendar_page.url}clash-checker/", {"sessions": "2030-11-01, Teaching"})
    assert "Some dates could not be checked" not in within.content.decode()


def test_no_query_asks_for_unavailable_dates_within_every_library(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert Observance.objects.unavailable_between(D(2026, 1, 1), D(2027, 7, 31)) == []


def test_years_are_stored_once_however_often_they_are_asked_for(client, calendar_page, christmas):
    for _ in range(2):
        html_of(client, f"{calendar_page.url}2033/")
        content_version.bump_version()
    assert christmas.occurrences.filter(start_date__year=2033).count() == 1
    assert ComputedYear.objects.filter(observance=christmas, year=2033).count() == 1
