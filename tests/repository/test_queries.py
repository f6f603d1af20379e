"""The number of SQL queries per page must not grow with the number of items."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.repository.discovery_fixtures import make_item, terms  # noqa: F401

pytestmark = pytest.mark.django_db

URLS = [
    "",
    "?theme=induction",
    "?theme=induction&region=wessex&status=pilot",
    "?q=mentoring",
    "?q=mentoring&region=wessex&tag=mentoring",
    "?sort=title&page=2",
    "themes/induction/",
    "regions/wessex/?q=mentoring",
    "coverage/",
    "feed/?theme=induction",
    "feed/rss/?q=mentoring",
    "download/csv/?region=wessex",
    "download/json/",
    "autocomplete/?q=ment",
]


def queries_for(client, url):
    client.get(url)  # warm the facet index and caches, as a running site would be
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(queries)


def add_items(make_item, terms, count, start):  # noqa: F811
    regions = [terms["wessex"], terms["london"], terms["north-west"]]
    for number in range(start, start + count):
        make_item(
            f"Mentoring scheme {number}",
            themes=[terms["induction"] if number % 2 else terms["attainment"]],
            regions=[regions[number % 3]],
            tags=["mentoring", f"tag-{number % 5}"],
            audiences=[terms["trainers"]],
            characteristics=[terms["race"]],
        )


def test_query_counts_are_the_same_at_two_sizes(client, repository, terms, make_item):  # noqa: F811
    add_items(make_item, terms, 14, 0)
    small = {url: queries_for(client, repository.url + url) for url in URLS}
    add_items(make_item, terms, 26, 14)
    large = {url: queries_for(client, repository.url + url) for url in URLS}
    assert large == small


def test_listing_pages_stay_within_their_query_budget(
    client,
    repository,
    terms,  # noqa: F811
    make_item,  # noqa: F811
    django_assert_max_num_queries,
):
    add_items(make_item, terms, 14, 0)
    client.get(repository.url)
    for url in URLS[:8]:
        with django_assert_max_num_queries(34):
            client.get(repository.url + url)
