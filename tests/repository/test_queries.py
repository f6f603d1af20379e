"""Every repository page makes a fixed number of SQL queries, however much content there is.

Each test builds a little content, asks for the page once (the first request builds the
facet index and the header and footer cache, as on a running site), pins the exact number of
queries, then adds three times the content and pins the same number: a query repeated per
item, term or tag (an N+1) fails here.
"""

from unittest import mock

from django.db import connection

import pytest

from goodpractice.classification.factories import AudienceFactory, RegionFactory, ThemeFactory
from goodpractice.classification.models import ProtectedCharacteristic
from goodpractice.repository.search import RepositorySearch
from tests.repository.discovery_fixtures import make_item, terms  # noqa: F401

pytestmark = pytest.mark.django_db

SMALL = 3  # items at the small size; the large size has three times as many


def get(client, url, params):
    response = client.get(url, params)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def assert_queries(client, url, expected, django_assert_num_queries, **params):
    get(client, url, params)  # warm the facet index and the header and footer cache
    with django_assert_num_queries(expected, info=url):
        response = client.get(url, params)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return response


@pytest.fixture
def grow(terms, make_item):  # noqa: F811
    """Add `count` items; from the second call on, over new themes, regions and audiences too,
    so both the items and the terms they are filed under triple."""
    state = {"made": 0, "calls": 0}
    characteristics = list(ProtectedCharacteristic.objects.all())

    def add(count):
        state["calls"] += 1
        themes = [terms["induction"], terms["attainment"]]
        regions = [terms["wessex"], terms["london"], terms["north-west"]]
        audiences = [terms["trainers"], terms["imgs"]]
        if state["calls"] > 1:
            n = state["calls"]
            themes += [ThemeFactory(name=f"Theme {n}-{i}", slug=f"theme-{n}-{i}") for i in (1, 2)]
            regions += [
                RegionFactory(name=f"Region {n}-{i}", slug=f"region-{n}-{i}") for i in (1, 2, 3)
            ]
            audiences += [
                AudienceFactory(name=f"Audience {n}-{i}", slug=f"aud-{n}-{i}") for i in (1, 2)
            ]
        for number in range(state["made"], state["made"] + count):
            make_item(
                f"Mentoring scheme {number}",
                themes=[terms["induction"], themes[number % len(themes)]],
                regions=[terms["wessex"], regions[number % len(regions)]],
                tags=["mentoring", f"tag-{number}"],
                audiences=[audiences[number % len(audiences)]],
                characteristics=[characteristics[number % len(characteristics)]],
                status=("pilot", "embedded", "ended")[number % 3],
            )
        state["made"] += count
        return state["made"]

    return add


# The search-term log of a new search (goodpractice.repository.views.log_search): one statement
# on PostgreSQL; on SQLite, Wagtail's own look-ups and update inside a savepoint.
LOGGED_HIT = 1 if connection.vendor == "postgresql" else 5

# The routes of the repository page, grouped so that each group builds its content once.
ROUTES = {
    "listing": {
        "": 1,
        "?theme=induction": 1,
        "?theme=induction&region=wessex&status=pilot": 1,
        "?q=mentoring": 2 + LOGGED_HIT,
        "?q=mentoring&region=wessex&tag=mentoring": 2 + LOGGED_HIT,
        "?sort=title": 1,
    },
    "terms": {
        "themes/": 1,
        "regions/": 1,
        "themes/induction/": 2,
        "regions/wessex/?q=mentoring": 3 + LOGGED_HIT,
        "coverage/": 2,
    },
    "feeds": {
        "feed/": 1,
        "feed/?theme=induction": 1,
        "feed/rss/?q=mentoring": 1,
        "autocomplete/?q=ment": 1,
    },
    "downloads": {
        "download/csv/": 6,
        "download/csv/?region=wessex": 6,
        "download/json/": 6,
    },
}


@pytest.mark.parametrize("group", ROUTES)
def test_repository_routes_make_the_same_number_of_queries_at_two_sizes(
    client, repository, grow, group, django_assert_num_queries
):
    for size in (SMALL, 2 * SMALL):  # SMALL items, then 3 * SMALL
        grow(size)
        for route, expected in ROUTES[group].items():
            assert_queries(client, repository.url + route, expected, django_assert_num_queries)


def test_the_second_page_of_results_makes_the_same_number_of_queries_at_two_sizes(
    client, repository, grow, django_assert_num_queries
):
    url = repository.url + "?sort=title&page=2"
    # Two to a page rather than twelve, so that a second page needs few items.
    with mock.patch.dict(RepositorySearch.__init__.__kwdefaults__, {"per_page": 2}):
        grow(SMALL)  # page 2 holds one item
        response = assert_queries(client, url, 1, django_assert_num_queries)
        assert "Mentoring scheme 2" in response.content.decode()
        grow(2 * SMALL)  # page 2 holds two
        assert_queries(client, url, 1, django_assert_num_queries)


def test_an_item_page_makes_the_same_number_of_queries_at_two_sizes(
    client,
    repository,
    grow,
    make_item,  # noqa: F811
    terms,  # noqa: F811
    django_assert_num_queries,
):
    grow(SMALL)
    item = make_item(
        "Peer support circles",
        themes=[terms["induction"], terms["attainment"]],
        regions=[terms["wessex"], terms["london"]],
        tags=["mentoring", "peer support", "circles"],
        audiences=[terms["trainers"], terms["imgs"]],
        characteristics=[terms["race"], terms["disability"]],
        key_learning="Start early.",
        transferability="Any region could run it.",
        costs="A trainer's time.",
    )
    # The item (one query: the site, the home page, the repository and that no page is
    # private come from the cache, and the repository routes to it as an item) and its
    # documents; its related items are kept under the facet index's version, its terms and
    # tags come from the index; its dates, learning and print address from the item's own
    # row. 2 at any size.
    response = assert_queries(client, item.url, 2, django_assert_num_queries)
    assert "Mentoring scheme" in response.content.decode()  # related items are listed
    assert "Any region could run it." in response.content.decode()
    grow(2 * SMALL)
    item.tags.add("tag-1", "tag-2", "tag-3")
    item.audiences.add(*AudienceFactory.create_batch(3))
    item.themes.add(*ThemeFactory.create_batch(3))
    item.save_revision().publish()
    assert_queries(client, item.url, 2, django_assert_num_queries)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        pytest.param({}, 12, id="default-fields"),
        pytest.param({"fields": "*"}, 12, id="all-fields"),
    ],
)
def test_the_items_api_makes_the_same_number_of_queries_at_two_sizes(
    client, repository, grow, params, expected, django_assert_num_queries
):
    grow(SMALL)
    assert_queries(client, "/api/v2/items/", expected, django_assert_num_queries, **params)
    grow(2 * SMALL)
    assert_queries(client, "/api/v2/items/", expected, django_assert_num_queries, **params)


def test_an_item_in_the_api_makes_the_same_number_of_queries_at_two_sizes(
    client,
    repository,
    grow,
    make_item,  # noqa: F811
    terms,  # noqa: F811
    django_assert_num_queries,
):
    grow(SMALL)
    item = make_item(
        "Peer support circles",
        themes=[terms["induction"]],
        regions=[terms["wessex"]],
        tags=["mentoring"],
        audiences=[terms["trainers"]],
        characteristics=[terms["race"]],
    )
    url = f"/api/v2/items/{item.pk}/"
    assert_queries(client, url, 12, django_assert_num_queries)
    grow(2 * SMALL)
    item.tags.add("tag-1", "tag-2", "tag-3")
    item.themes.add(terms["attainment"], *ThemeFactory.create_batch(2))
    item.regions.add(terms["london"], terms["north-west"])
    item.audiences.add(terms["imgs"], *AudienceFactory.create_batch(2))
    item.protected_characteristics.add(
        terms["disability"], *ProtectedCharacteristic.objects.all()[:2]
    )
    item.save_revision().publish()
    assert_queries(client, url, 12, django_assert_num_queries)
