import pytest
from bs4 import BeautifulSoup

from goodpractice.repository.views import coverage_bands
from tests.repository.discovery_fixtures import make_item, terms  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def grid(client, repository, terms, make_item):  # noqa: F811
    t = terms
    make_item("A", themes=[t["induction"]], regions=[t["wessex"], t["london"]])
    make_item("B", themes=[t["induction"], t["attainment"]], regions=[t["london"]])
    make_item("C", themes=[t["induction"]], regions=[t["london"]])
    make_item("Draft", themes=[t["attainment"]], regions=[t["wessex"]]).unpublish()
    response = client.get(repository.url + "coverage/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def cells(soup):
    table = soup.select_one("table")
    themes = [th.get_text(strip=True) for th in table.select("thead th")][1:-1]
    grid = {}
    for row in table.select("tbody tr"):
        region = row.th.get_text(strip=True)
        for theme, cell in zip(themes, row.select("td.app-coverage__cell"), strict=True):
            grid[(region, theme)] = cell
    return grid


def test_grid_counts_live_items_per_region_and_theme(grid):
    counts = {key: int(cell.a.contents[0]) for key, cell in cells(grid).items()}
    assert counts[("London", "Induction")] == 3
    assert counts[("London", "Differential attainment")] == 1
    assert counts[("Wessex", "Induction")] == 1
    assert counts[("Wessex", "Differential attainment")] == 0  # the draft does not count
    assert counts[("North West", "Induction")] == 0


def test_cells_link_to_the_filtered_listing_and_say_none(client, repository, grid):
    cell = cells(grid)[("London", "Differential attainment")]
    assert cell.a["href"] == f"{repository.url}?region=london&theme=attainment"
    listing = BeautifulSoup(client.get(cell.a["href"]).content, "html.parser")
    assert [h.get_text(strip=True) for h in listing.select(".app-result h3")] == ["B"]
    empty = cells(grid)[("North West", "Induction")]
    assert "none" in empty.get_text()
    assert "app-coverage__cell--band-0" in empty["class"]


def test_table_is_accessible(grid):
    table = grid.select_one("table")
    assert table.caption.get_text(strip=True)
    assert all(th["scope"] == "col" for th in table.select("thead th"))
    assert all(row.th["scope"] == "row" for row in table.select("tbody tr"))
    totals = [td.get_text(strip=True) for td in table.select("tbody tr")[0].select("td")]
    assert totals[-1]  # every region has its total


def test_bands_scale_to_the_fullest_cell():
    band = coverage_bands([0, 1, 2, 8])
    assert [band(n) for n in (0, 1, 2, 4, 8)] == [0, 1, 1, 2, 4]
    assert coverage_bands([])(0) == 0


def test_coverage_query_count_is_fixed(client, repository, grid, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        client.get(repository.url + "coverage/")
