"""The home page, content pages, sitemap, robots.txt and the 404 page make a fixed number of
SQL queries, however much content there is.

Each test builds a little content, asks for the page once (the first request builds the
facet index and the header and footer cache, as on a running site), pins the exact number of
queries, then adds three times the content and pins the same number.
"""

import pytest

from goodpractice.classification.factories import RegionFactory, ThemeFactory
from goodpractice.home.factories import ContentPageFactory
from goodpractice.repository.factories import GoodPracticeItemPageFactory

pytestmark = pytest.mark.django_db

SMALL = 3  # of each kind of content at the small size; the large size has three times as many


def get(client, url):
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def assert_queries(client, url, expected, django_assert_num_queries, status=200):
    get(client, url)  # warm the facet index and the header and footer cache
    with django_assert_num_queries(expected, info=url):
        response = get(client, url)
    assert response.status_code == status, url
    return response


@pytest.fixture
def grow(home_page, repository):
    """Add `count` themes, regions, items and content pages (each with a child page)."""
    made = {"n": 0}

    def add(count):
        for number in range(made["n"], made["n"] + count):
            theme = ThemeFactory(name=f"Theme {number}", slug=f"theme-{number}")
            region = RegionFactory(name=f"Region {number}", slug=f"region-{number}")
            GoodPracticeItemPageFactory(
                parent=repository,
                title=f"Item {number}",
                themes=[theme],
                regions=[region],
                tags=[f"tag-{number}"],
            )
            page = ContentPageFactory(parent=home_page, title=f"About {number}")
            ContentPageFactory(parent=page, title=f"Detail {number}")
        made["n"] += count

    return add


ROUTES = {
    "/": 3,
    "/about-0/": 0,
    "/about-0/detail-0/": 2,
    "/sitemap.xml": 5,
    "/sitemap-pages.xml": 10,
    "/robots.txt": 0,
}


def test_site_pages_make_the_same_number_of_queries_at_two_sizes(
    client, grow, django_assert_num_queries
):
    for size in (SMALL, 2 * SMALL):  # SMALL of each, then 3 * SMALL
        grow(size)
        for url, expected in ROUTES.items():
            assert_queries(client, url, expected, django_assert_num_queries)


def test_the_not_found_page_makes_the_same_number_of_queries_at_two_sizes(
    client, grow, django_assert_num_queries
):
    for size in (SMALL, 2 * SMALL):
        grow(size)
        assert_queries(client, "/no-such-page/", 2, django_assert_num_queries, status=404)
