import csv
import io
import json
import math

from wagtail.models import Page

import pytest
from bs4 import BeautifulSoup

from goodpractice.home.spreadsheet import spreadsheet_safe as csv_cell
from goodpractice.repository.classifications import CLASSIFICATIONS
from goodpractice.repository.exports import COLUMNS
from goodpractice.sitemaps import PageSitemap
from tests.repository.discovery_fixtures import make_item, terms  # noqa: F401

pytestmark = pytest.mark.django_db

EXPECTED_COLUMNS = [
    "id",
    "title",
    "url",
    "summary",
    "themes",
    "regions",
    "tags",
    "audiences",
    "protected_characteristics",
    "status",
    "evaluation",
    "learners_reached",
    "date_started",
    "contact_organisation",
    "first_published",
    "last_published",
]


@pytest.fixture
def items(terms, make_item):  # noqa: F811
    shared = make_item(
        "Shared induction",
        themes=[terms["induction"], terms["attainment"]],
        regions=[terms["wessex"], terms["london"]],
        tags=["welcome", "buddies"],
        audiences=[terms["imgs"]],
        characteristics=[terms["race"]],
        summary='=HYPERLINK("http://evil.example")',
        learners_reached=40,
        contact_organisation="+Deanery",
        show_contact_details=True,
        days_ago=5,
    )
    other = make_item(
        "Exam circles", themes=[terms["attainment"]], regions=[terms["london"]], days_ago=9
    )
    return shared, other


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="good-practice-')
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def test_the_documented_columns_are_stable():
    """The sixteen documented columns never move; a classification added later comes after."""
    assert COLUMNS[: len(EXPECTED_COLUMNS)] == EXPECTED_COLUMNS
    later = {classification.column for classification in CLASSIFICATIONS}
    assert set(COLUMNS[len(EXPECTED_COLUMNS) :]) <= later


def test_csv_has_one_row_per_item_with_lists_joined(client, repository, items):
    shared, _other = items
    rows = read_csv(client.get(repository.url + "download/csv/"))
    assert list(rows[0]) == COLUMNS
    assert [row["title"] for row in rows] == ["Shared induction", "Exam circles"]
    row = rows[0]
    assert row["id"] == str(shared.pk)
    assert row["url"] == "http://testserver" + shared.url
    assert row["themes"] == "Differential attainment; Induction"  # the editors' order
    assert row["regions"] == "London; Wessex"
    assert row["tags"] == "buddies; welcome"
    assert row["audiences"] == "International medical graduates"
    assert row["protected_characteristics"] == "Race"
    assert row["status"] == "pilot"
    assert row["learners_reached"] == "40"
    assert row["first_published"] == shared.first_published_at.isoformat()
    assert rows[1]["tags"] == ""


def test_csv_cells_cannot_run_as_formulas(client, repository, items):
    row = read_csv(client.get(repository.url + "download/csv/"))[0]
    assert row["summary"] == '\'=HYPERLINK("http://evil.example")'
    assert row["contact_organisation"] == "'+Deanery"
    assert csv_cell("-1") == "'-1"
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert csv_cell(["=a", "b"]) == "'=a; b"
    assert csv_cell(None) == ""


def test_downloads_honour_filters_search_and_sort(client, repository, items):
    rows = read_csv(client.get(repository.url + "download/csv/", {"region": "wessex"}))
    assert [row["title"] for row in rows] == ["Shared induction"]
    rows = read_csv(client.get(repository.url + "download/csv/", {"sort": "title"}))
    assert [row["title"] for row in rows] == ["Exam circles", "Shared induction"]
    rows = read_csv(client.get(repository.url + "download/csv/", {"q": "circles"}))
    assert [row["title"] for row in rows] == ["Exam circles"]


def test_json_has_the_same_columns_and_rows(client, repository, items):
    shared, _other = items
    response = client.get(repository.url + "download/json/", {"theme": "induction"})
    assert response["Content-Type"] == "application/json"
    data = json.loads(b"".join(response.streaming_content))
    assert data["columns"] == COLUMNS
    assert len(data["items"]) == 1
    item = data["items"][0]
    assert list(item) == COLUMNS
    assert item["themes"] == ["Differential attainment", "Induction"]
    assert item["summary"] == shared.summary  # JSON keeps text as it is
    assert item["learners_reached"] == 40


def test_downloads_leave_out_unpublished_items(client, repository, items):
    items[1].unpublish()
    rows = read_csv(client.get(repository.url + "download/csv/"))
    assert [row["title"] for row in rows] == ["Shared induction"]


def test_download_query_count_is_fixed(client, repository, items, django_assert_max_num_queries):
    client.get(repository.url)  # builds the facet index once
    with django_assert_max_num_queries(18):
        response = client.get(repository.url + "download/csv/", {"theme": "attainment"})
        b"".join(response.streaming_content)


def test_api_lists_live_items_with_their_fields(client, repository, items):
    shared, other = items
    other.unpublish()
    data = client.get("/api/v2/items/", {"fields": "*"}).json()
    assert data["meta"]["total_count"] == 1
    item = data["items"][0]
    assert item["title"] == "Shared induction"
    assert item["summary"] == shared.summary
    assert [t["slug"] for t in item["themes"]] == ["attainment", "induction"]
    assert sorted(item["tags"]) == ["buddies", "welcome"]
    assert "contact_email" not in item
    # The endpoint cannot be widened to other page types.
    assert (
        client.get("/api/v2/items/", {"type": "wagtailcore.Page"}).json()["meta"]["total_count"]
        == 1
    )
    detail = client.get(f"/api/v2/items/{shared.pk}/").json()
    assert detail["regions"] == [
        {"name": "London", "slug": "london"},
        {"name": "Wessex", "slug": "wessex"},
    ]
    home = Page.objects.get(depth=2)
    assert client.get(f"/api/v2/items/{home.pk}/").status_code == 404


def test_sitemap_lists_pages_and_theme_and_region_listings(client, repository, items, terms):  # noqa: F811
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    assert b"/sitemap-pages.xml" in index.content
    body = client.get("/sitemap-pages.xml").content.decode()
    assert items[0].slug in body
    assert "/good-practice/themes/induction/" in body
    assert "/good-practice/regions/wessex/" in body
    assert "/good-practice/coverage/" in body


def test_a_large_sitemap_is_split_into_numbered_files_dated_by_the_latest_change(
    client, repository, items, monkeypatch
):
    monkeypatch.setattr(PageSitemap, "limit", 2)
    soup = BeautifulSoup(client.get("/sitemap.xml").content, "xml")
    files = [loc.get_text() for loc in soup.select("sitemap loc")]
    pages = Page.objects.live().filter(depth__gte=2)
    assert len(files) == math.ceil(pages.count() / 2)
    assert files[1] == "http://testserver/sitemap-pages.xml?p=2"
    latest = max(page.last_published_at for page in pages if page.last_published_at)
    assert {lastmod.get_text() for lastmod in soup.select("sitemap lastmod")} == {
        latest.isoformat()
    }
    listed = set()
    for address in files:
        part = BeautifulSoup(client.get(address).content, "xml")
        listed |= {loc.get_text() for loc in part.select("url loc")}
    assert {page.get_full_url() for page in pages} <= listed


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
