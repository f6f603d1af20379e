"""The site search page's query count is pinned at two sizes of content, so an N+1 fails."""

from django.db import connection

import pytest

from calendars.factories import CalendarPageFactory, FaithPageFactory, ObservanceFactory
from resources.factories import ResourceIndexPageFactory, ResourcePageFactory
from tests.repository.discovery_fixtures import make_item, terms  # noqa: F401

pytestmark = pytest.mark.django_db

# The search-term log (goodpractice.repository.views.log_search): one statement on PostgreSQL;
# on SQLite, Wagtail's own look-ups inside a savepoint, and the update of a new search's hit.
LOGGED = 1 if connection.vendor == "postgresql" else 3
LOGGED_HIT = 1 if connection.vendor == "postgresql" else 5

SEARCHES = {
    "?q=mentoring": 9 + LOGGED_HIT,  # every kind has results
    "?q=mentoring&kind=resources": 5 + LOGGED,
    "?q=mentoring&kind=observances&page=2": 5 + LOGGED,
}


@pytest.fixture
def grow(repository, home_page, terms, make_item):  # noqa: F811
    resources = ResourceIndexPageFactory(parent=home_page)
    calendar = CalendarPageFactory(parent=home_page)
    faith = FaithPageFactory(parent=calendar, title="Mentoring faith")

    made = []

    def add(count):
        for number in range(len(made), len(made) + count):
            made.append(number)
            make_item(
                f"Mentoring scheme {number}",
                themes=[terms["induction"]],
                regions=[terms["wessex"]],
            )
            ResourcePageFactory(parent=resources, title=f"Mentoring guide {number}")
            ObservanceFactory(faith=faith, name=f"Mentoring day {number}")

    return add


def test_site_search_makes_the_same_number_of_queries_at_two_sizes(
    client, grow, django_assert_num_queries
):
    for size in (3, 30):
        grow(size)
        for url, expected in SEARCHES.items():
            client.get("/search/" + url)  # the facet index and the search-term row, once
            with django_assert_num_queries(expected, info=url):
                assert client.get("/search/" + url).status_code == 200
