"""The calendar's routes and its faith pages make a fixed number of SQL queries, however many
faiths, observances and occurrences there are.

Each test builds a little content, asks for the page once (the first request builds the
header and footer cache and the calendar's own, as on a running site), pins the exact number
of queries, then adds three times the content and pins the same number. The calendar's routes
are pinned twice: kept in the cache (Wagtail's routing only), and just after a change, when
the calendar reads its faith pages and occurrences again (two queries more).
"""

import datetime

import pytest

from calendars import content_version
from calendars.factories import FaithPageFactory, ObservanceFactory, OccurrenceFactory

pytestmark = pytest.mark.django_db

SMALL = 2  # faiths at the small size, each with two observances; the large size has three times


def get(client, url, data=None):
    response = client.post(url, data) if data else client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def assert_queries(client, url, expected, django_assert_num_queries, data=None):
    get(client, url, data)  # warm the header and footer cache
    with django_assert_num_queries(expected, info=url):
        response = get(client, url, data)
    assert response.status_code == 200, url
    return response


@pytest.fixture
def grow(calendar_page):
    made = {"n": 8, "faiths": []}

    def add(count):
        for number in range(made["n"], made["n"] + count):
            faith = FaithPageFactory(
                parent=calendar_page, title=f"Faith {number}", slug=f"faith-{number}"
            )
            made["faiths"].append(faith)
            for month in (3, 9):
                observance = ObservanceFactory(
                    faith=faith,
                    name=f"Festival {number}-{month}",
                    slug=f"festival-{number}-{month}",
                    month=month,
                    work_restricted=bool(number % 2),
                    involves_fasting=month == 3,
                )
                for year in (2025, 2026, 2027):
                    start = datetime.date(year, month, 1 + number % 20)
                    OccurrenceFactory(
                        observance=observance,
                        start_date=start,
                        end_date=start + datetime.timedelta(days=2),
                    )
        made["n"] += count
        return made["faiths"]

    return add


# Route: (queries when kept in the cache, queries just after a change).
ROUTES = {
    "": (0, 2),
    "?faith=faith-0&impact=fasting": (0, 2),
    "2026/": (0, 2),
    "2026/list/": (0, 2),
    "2026/planner/": (0, 2),
    "2026/ics/": (0, 2),
    "2026/csv/": (0, 2),
    "rotation/": (0, 2),
    "rotation/2026-27/": (0, 2),
    "rotation/2026-27/list/": (0, 2),
    "rotation/2026-27/planner/": (0, 2),
    "rotation/2026-27/ics/": (0, 2),
    "rotation/2026-27/csv/": (0, 2),
    "ics/": (0, 2),
    "csv/": (0, 2),
    "clash-checker/": (0, 0),
}
SESSIONS = {"sessions": "2026-03-01 to 2026-03-03, Exam\n2026-09-01 to 2026-09-02, Induction"}


def test_calendar_routes_make_the_same_number_of_queries_at_two_sizes(
    client, calendar_page, grow, django_assert_num_queries
):
    for size in (SMALL, 2 * SMALL):  # SMALL faiths, then 3 * SMALL
        grow(size)
        for route, (kept, changed) in ROUTES.items():
            url = calendar_page.url + route
            assert_queries(client, url, kept, django_assert_num_queries)
            content_version.bump_version()
            with django_assert_num_queries(changed, info=f"{url} after a change"):
                assert get(client, url).status_code == 200
        response = assert_queries(
            client, calendar_page.url + "clash-checker/", 1, django_assert_num_queries, SESSIONS
        )
        assert "sessions overlap an observance" in response.content.decode()


def test_a_faith_page_makes_the_same_number_of_queries_at_two_sizes(
    client, calendar_page, grow, django_assert_num_queries
):
    faith = grow(SMALL)[0]
    assert_queries(client, faith.url, 4, django_assert_num_queries)
    grow(2 * SMALL)
    for month in (1, 5, 7, 11):
        observance = ObservanceFactory(faith=faith, month=month, slug=f"extra-{month}")
        OccurrenceFactory(observance=observance, start_date=datetime.date(2026, month, 1))
    assert_queries(client, faith.url, 4, django_assert_num_queries)
