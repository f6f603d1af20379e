"""The site search page's query count is pinned at two sizes of content, so an N+1 fails."""

import pytest

from calendars.factories import CalendarPageFactory, FaithPageFactory, ObservanceFactory
from resources.factories import ResourceIndexPageFactory, ResourcePageFactory
from tests.repository.discovery_fixtures import make_item, terms  # noqa: F401

pytestmark = pytest.mark.django_db

SEARCHES = {
    "?q=mentoring": 14,  # every kind has results
    "?q=mentoring&kind=resources": 8,
    "?q=mentoring&kind=observances&page=2": 8,
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
