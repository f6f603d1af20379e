import datetime

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from calendars.factories import FaithPageFactory, ObservanceFactory, OccurrenceFactory
from calendars.periods import Period
from calendars.rules import Certainty

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def ramadan(islam):
    observance = ObservanceFactory(
        faith=islam,
        name="Ramadan",
        slug="ramadan",
        involves_fasting=True,
        begins_evening_before=True,
        guidance="Schedule exams in the morning.",
    )
    return OccurrenceFactory(
        observance=observance,
        start_date=D(2026, 2, 18),
        end_date=D(2026, 3, 19),
        certainty=Certainty.ESTIMATED,
    )


@pytest.fixture
def passover(judaism):
    observance = ObservanceFactory(
        faith=judaism, name="Passover", slug="passover", work_restricted=True
    )
    return OccurrenceFactory(
        observance=observance, start_date=D(2026, 4, 2), end_date=D(2026, 4, 9)
    )


def test_the_calendar_shows_this_year_month_by_month(client, calendar_page, ramadan, passover):
    response = client.get(f"{calendar_page.url}2026/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 class="nhsuk-heading-m" id="month-2026-01">January 2026</h2>' in html
    assert "December 2026" in html
    assert "Ramadan" in html
    assert "Passover" in html
    assert "Estimated" in html  # certainty in words
    assert "Fasting" in html


def test_the_list_view_gives_full_details_once(client, calendar_page, ramadan):
    response = client.get(f"{calendar_page.url}2026/list/")
    html = response.content.decode()
    assert html.count('id="occurrence-') == 1  # spans two months, listed once
    assert "At sunset on Tuesday 17 February 2026" in html
    assert "Schedule exams in the morning." in html
    assert "Wednesday 18 February to Thursday 19 March 2026" in html


def test_the_faith_filter_is_in_the_url_and_carried_by_downloads(
    client, calendar_page, ramadan, passover
):
    response = client.get(f"{calendar_page.url}2026/", {"faith": "judaism"})
    html = response.content.decode()
    assert "Passover" in html
    assert "Ramadan" not in html
    assert 'value="judaism" checked' in html
    assert f"{calendar_page.url}2026/ics/?faith=judaism" in html
    assert f"webcal://testserver{calendar_page.url}ics/?faith=judaism" in html


def test_the_impact_filter_shows_observances_with_any_ticked_impact(
    client, calendar_page, ramadan, passover
):
    year = f"{calendar_page.url}2026/"
    html = client.get(year, {"impact": "fasting"}).content.decode()
    assert "Ramadan" in html
    assert "Passover" not in html
    html = client.get(year, {"impact": ["fasting", "leave"]}).content.decode()
    assert "Ramadan" in html
    assert "Passover" in html


def test_unknown_filter_values_are_ignored(client, calendar_page, ramadan):
    response = client.get(f"{calendar_page.url}2026/", {"faith": "nope", "impact": "<script>"})
    assert response.status_code == 200
    assert "Ramadan" in response.content.decode()


def test_rotation_year_runs_august_to_july(client, calendar_page, islam):
    observance = ObservanceFactory(faith=islam, name="Boundary", slug="boundary")
    for day in (D(2026, 7, 31), D(2026, 8, 1), D(2027, 7, 31), D(2027, 8, 1)):
        OccurrenceFactory(observance=observance, start_date=day)

    response = client.get(f"{calendar_page.url}rotation/2026-27/list/")

    html = response.content.decode()
    assert "Saturday 1 August 2026" in html
    assert "Saturday 31 July 2027" in html
    assert "Friday 31 July 2026" not in html
    assert "Sunday 1 August 2027" not in html
    assert "August 2026" in html
    assert "July 2027" in html


def test_rotation_year_boundaries():
    assert Period.rotation_year_containing(D(2026, 7, 31)) == Period.rotation_year(2025)
    assert Period.rotation_year_containing(D(2026, 8, 1)) == Period.rotation_year(2026)
    period = Period.rotation_year(2026)
    assert (period.first_day, period.last_day) == (D(2026, 8, 1), D(2027, 7, 31))
    assert [month for _, month in period.months()] == [8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7]
    assert period.slug == "rotation/2026-27"
    assert Period.rotation_year(2099).slug == "rotation/2099-00"


def test_the_current_rotation_year_is_the_default_for_rotation(client, calendar_page):
    # Today is 22 November 2026 (tests/calendars/conftest.py).
    html = client.get(f"{calendar_page.url}rotation/").content.decode()
    assert "Rotation year August 2026 to July 2027" in html


@pytest.mark.parametrize(
    "path", ["1800/", "rotation/2026-28/", "rotation/2026-2027/", "2026/nothing/"]
)
def test_impossible_years_are_not_found(client, calendar_page, path):
    assert client.get(f"{calendar_page.url}{path}").status_code == 404


def test_year_navigation_and_switch_to_the_rotation_year(client, calendar_page):
    html = client.get(f"{calendar_page.url}2027/").content.decode()
    assert f'href="{calendar_page.url}2026/"' in html
    assert f'href="{calendar_page.url}2028/"' in html
    assert f'href="{calendar_page.url}rotation/2027-28/"' in html


def test_planner_is_printable_and_lists_the_year(client, calendar_page, ramadan):
    response = client.get(f"{calendar_page.url}2026/planner/")
    html = response.content.decode()
    assert "calendars.css" in html
    assert "Ramadan" in html
    assert "<strong>Key:</strong>" in html
    assert 'class="app-planner app-planner--a4"' in html  # prints on named A4 landscape pages
    assert "2 A4 landscape pages" in html


def test_the_index_opens_on_this_month_and_links_to_the_year(client, calendar_page, ramadan):
    # Today is 22 November 2026 (tests/calendars/conftest.py).
    html = client.get(calendar_page.url).content.decode()
    assert '<h2 class="nhsuk-heading-m" id="month-2026-11">November 2026</h2>' in html
    assert f'href="{calendar_page.url}2026/#month-2026-11"' in html
    assert f'href="{calendar_page.url}2026/12/"' in html
    assert f'href="{calendar_page.url}2026/planner/"' in html
    assert "Ramadan" not in html  # February and March


def test_faith_page_shows_guidance_and_next_dates(client, islam, ramadan):
    past = OccurrenceFactory(observance=ramadan.observance, start_date=D(2025, 3, 1))
    upcoming = OccurrenceFactory(observance=ramadan.observance, start_date=D(2027, 2, 8))
    html = client.get(islam.url).content.decode()
    assert "Planning rotas and training" in html
    assert "Ask colleagues what they need." in html
    assert "Monday 8 February 2027" in html
    assert past.start_date.strftime("%-d %B %Y") not in html
    assert upcoming.observance.name in html
    assert "ics/?faith=islam" in html


@pytest.mark.parametrize("slug", ["rotation", "clash-checker", "2026"])
def test_faith_pages_cannot_take_a_calendar_route_slug(calendar_page, slug):
    page = FaithPageFactory.build(title="Faith", slug=slug)
    with pytest.raises(ValidationError, match="used by the calendar itself"):
        page.full_clean()


def make_observances(faiths, count, start):
    for index in range(count):
        observance = ObservanceFactory(faith=faiths[index % len(faiths)], involves_fasting=True)
        OccurrenceFactory(
            observance=observance, start_date=start + datetime.timedelta(days=index * 5)
        )


@pytest.mark.parametrize(
    "path", ["", "2026/list/", "2026/planner/", "rotation/2026-27/", "ics/", "2026/csv/"]
)
def test_queries_do_not_grow_with_the_number_of_observances(
    client, calendar_page, islam, judaism, django_assert_num_queries, path
):
    url = f"{calendar_page.url}{path}?impact=fasting"
    make_observances([islam, judaism], 3, D(2026, 1, 5))
    client.get(url)  # warm caches (site root paths)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    expected = len(few.captured_queries)
    make_observances([islam, judaism], 30, D(2026, 8, 3))
    client.get(url)  # the calendar's cache is built again after the change
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200


def test_calendar_page_query_budget(client, calendar_page, islam, django_assert_max_num_queries):
    make_observances([islam], 40, D(2026, 1, 2))
    client.get(calendar_page.url)
    # Site, page routing and header/footer settings take most of these; the calendar's own
    # data is two queries (faith pages, then occurrences with observance and faith joined).
    with django_assert_max_num_queries(15):
        assert client.get(calendar_page.url).status_code == 200
