"""The finder's server-rendered filter panel: options that would give nothing are folded away
(never a wall of "(0)"), empty groups say so, and the page's order puts the results first."""

import pytest
from bs4 import BeautifulSoup

from goodpractice.repository.factories import GoodPracticeItemPageFactory
from tests.repository.discovery_fixtures import make_item, terms  # noqa: F401

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def facet_group(soup, key):
    """The form group of one facet, found by its checkboxes or, when it has none, its heading."""
    for group in soup.select(".app-facet"):
        if group.select(f'input[name="{key}"]') or group.select_one("h3").get_text(
            strip=True
        ).lower().startswith(key):
            return group
    raise AssertionError(f"no {key} facet")


def offered(group):
    """Values of the options listed openly, and of those folded under "Show … no results"."""
    folded = group.select_one("details.app-facet__empty")
    folded_values = [box["value"] for box in folded.select("input")] if folded else []
    shown = [box["value"] for box in group.select("input") if box["value"] not in folded_values]
    return shown, folded_values


@pytest.fixture
def catalogue(terms, make_item):  # noqa: F811
    t = terms
    make_item("Welcome week", themes=[t["induction"]], regions=[t["wessex"]], status="pilot")
    make_item("Exam circles", themes=[t["attainment"]], regions=[t["london"]], status="pilot")
    return t


def test_options_with_no_results_are_folded_under_their_group(client, repository, catalogue):
    soup = soup_of(client.get(repository.url))

    regions = facet_group(soup, "region")
    shown, folded = offered(regions)
    assert shown == ["wessex", "london"] or sorted(shown) == ["london", "wessex"]
    assert folded == ["north-west"]
    summary = regions.select_one("details.app-facet__empty summary").get_text(" ", strip=True)
    assert summary == "Show 1 option with no results"

    statuses = facet_group(soup, "status")
    shown, folded = offered(statuses)
    assert shown == ["pilot"]
    assert sorted(folded) == ["embedded", "ended"]
    assert "Show 2 options with no results" in statuses.get_text(" ", strip=True)


def test_no_open_option_reads_zero(client, repository, catalogue):
    soup = soup_of(client.get(repository.url, {"theme": "induction"}))
    for group in soup.select(".app-facet"):
        for details in group.select("details.app-facet__empty"):
            details.decompose()
        assert "(0" not in group.get_text(""), group.get_text(" ", strip=True)


def test_a_chosen_option_stays_listed_even_when_it_gives_nothing(client, repository, catalogue):
    soup = soup_of(client.get(repository.url, {"theme": "induction", "region": "north-west"}))
    shown, folded = offered(facet_group(soup, "region"))
    assert "north-west" in shown
    assert "north-west" not in folded
    box = soup.select_one('input[name="region"][value="north-west"]')
    assert box.has_attr("checked")


def test_a_group_with_nothing_recorded_says_so_instead_of_listing_zeros(client, repository):
    GoodPracticeItemPageFactory.create_batch(2, parent=repository, not_recorded=True)
    soup = soup_of(client.get(repository.url))
    for key, label in (("status", "status"), ("evaluation", "evaluation")):
        group = facet_group(soup, key)
        assert not group.select("input")
        assert group.get_text(" ", strip=True).endswith(
            f"No {label} has been recorded for any item yet."
        )
    assert "(0" not in soup.select_one("#finder-filters").get_text("")


def test_a_group_empty_only_for_this_search_says_none_in_these_results(
    client,
    repository,
    terms,  # noqa: F811
    make_item,  # noqa: F811
):
    make_item("Welcome week", themes=[terms["induction"]], regions=[terms["wessex"]], status="")
    make_item("Exam circles", themes=[terms["attainment"]], regions=[terms["london"]])
    soup = soup_of(client.get(repository.url, {"theme": "induction"}))
    group = facet_group(soup, "status")
    assert not group.select("input")
    assert "None in these results." in group.get_text(" ", strip=True)


def test_checkbox_ids_follow_the_option_not_its_place_on_screen(client, repository, catalogue):
    """Folding must not renumber the checkboxes: the script puts focus back by id."""

    def region_ids(params):
        soup = soup_of(client.get(repository.url, params))
        ids = [box["id"] for box in soup.select("input[type=checkbox]")]
        assert len(ids) == len(set(ids))
        return {box["value"]: box["id"] for box in soup.select('input[name="region"]')}

    everything = region_ids({})
    filtered = region_ids({"theme": "attainment"})  # Wessex is folded away here
    assert filtered == everything
    assert everything["wessex"] != everything["london"]


def test_the_results_come_after_the_count_and_a_folded_filter_control(
    client, repository, catalogue
):
    soup = soup_of(client.get(repository.url, {"theme": "induction", "region": "wessex"}))
    skip = soup.select_one("#maincontent a")
    assert skip.get_text(strip=True) == "Skip to results"
    assert skip["href"] == "#finder-results"
    results = soup.select_one("#finder-results")
    assert results["tabindex"] == "-1"

    filters = soup.select_one("details#finder-filters")
    assert not filters.has_attr("open")  # the script opens it on wide screens
    summary = filters.select_one("summary").get_text(" ", strip=True)
    assert summary == "Filter results (2 selected)"
    assert len(filters.find_all("button", string="Apply filters")) == 2

    order = [
        element.get("id")
        for element in soup.select("#result-count, #finder-filters, #finder-results")
    ]
    assert order == ["result-count", "finder-filters", "finder-results"]
    assert soup.select_one("#finder-status")["aria-live"] == "polite"
    assert soup.select_one('script[src$="js/finder.js"]')["type"] == "module"


def test_the_form_still_works_without_javascript(client, repository, catalogue):
    soup = soup_of(client.get(repository.url, {"region": "london", "sort": "title"}))
    form = soup.select_one("form[data-finder]")
    assert form["method"] == "get"
    assert form.select_one('input[value="london"]').has_attr("checked")
    assert form.select_one('#search-sort option[value="title"]').has_attr("selected")
    assert [a.get_text(strip=True) for a in soup.select(".app-result h3 a")] == ["Exam circles"]


def test_folding_adds_no_queries(
    client,
    repository,
    catalogue,
    make_item,  # noqa: F811
    django_assert_num_queries,
):
    """The same count with more items and more empty options (no query per option)."""
    for size in (1, 3):
        for number in range(size):
            make_item(f"More {size} {number}", themes=[catalogue["induction"]], regions=[])
        # As tests/repository/test_queries.py pins them; no results means no items to fetch.
        for params, expected in (
            ({}, 1),
            ({"theme": "induction"}, 1),
            ({"theme": "induction", "region": "north-west"}, 0),
        ):
            client.get(repository.url, params)  # warm the facet index and the page chrome
            with django_assert_num_queries(expected, info=str(params)):
                client.get(repository.url, params)
