"""Forgiving search on both databases, the site-wide search page and the searches that found
nothing. Everything here runs on SQLite and, with DATABASE_URL, on PostgreSQL."""

from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from calendars.factories import CalendarPageFactory, FaithPageFactory, ObservanceFactory
from goodpractice.home.models import ContentPage
from goodpractice.search import models as search_models
from goodpractice.search.models import UnansweredSearch, normalise_query
from resources.factories import (
    ResourceDocumentFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
)
from tests.repository.discovery_fixtures import make_item, terms  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(terms, make_item):  # noqa: F811
    t = terms
    place = {"themes": [t["induction"]], "regions": [t["wessex"]]}
    return {
        "welcome": make_item(
            "Welcome week", summary="A week of induction sessions before the first rota.", **place
        ),
        "bystander_body": make_item(
            "Speaking up",
            summary="Training so that staff who see bullying step in as active bystanders.",
            **place,
        ),
        "induction_title": make_item(
            "Induction for new consultants", summary="Shadowing and a mentor.", **place
        ),
        "bystander_title": make_item(
            "Active bystander training", summary="Half-day workshops.", **place
        ),
    }


@pytest.fixture
def other_content(home_page):
    resources = ResourceIndexPageFactory(parent=home_page)
    resource = ResourcePageFactory(
        parent=resources,
        title="London survey of discrimination",
        description="A summary of harassment reported in primary care.",
    )
    calendar = CalendarPageFactory(parent=home_page)
    faith = FaithPageFactory(parent=calendar, title="Buddhism", slug="buddhism")
    observance = ObservanceFactory(
        faith=faith, name="Vesak", slug="vesak", summary="No harassment of those fasting."
    )
    page = ContentPage(title="About harassment", slug="about-harassment", introduction="Help.")
    home_page.add_child(instance=page)
    document = ResourceDocumentFactory(title="Harassment policy", description="The policy.")
    return {"resource": resource, "observance": observance, "page": page, "doc": document}


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def repository_titles(client, repository, q, **params):
    soup = soup_of(client.get(repository.url, {"q": q, **params}))
    return [h.a.get_text(strip=True) for h in soup.select(".app-result h3")]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("inducting", {"welcome", "induction_title"}),
        ("inductions", {"welcome", "induction_title"}),
        ("bystanders", {"bystander_body", "bystander_title"}),
    ],
)
def test_english_stemming_finds_other_forms_of_the_word(client, repository, items, query, expected):
    found = repository_titles(client, repository, query)
    assert set(found) == {items[key].title for key in expected}


@pytest.mark.parametrize(
    ("query", "first"), [("inductions", "induction_title"), ("bystanders", "bystander_title")]
)
def test_items_with_the_words_in_their_title_come_first(client, repository, items, query, first):
    assert repository_titles(client, repository, query)[0] == items[first].title


def test_stop_words_are_ignored_as_postgresql_ignores_them(client, repository, items):
    assert set(repository_titles(client, repository, "the bystanders")) == {
        items["bystander_body"].title,
        items["bystander_title"].title,
    }


def test_a_misspelling_gets_a_did_you_mean_link_on_the_repository(client, repository, items):
    soup = soup_of(client.get(repository.url, {"q": "bystandr", "status": "pilot"}))
    link = soup.select_one(".app-did-you-mean a")
    assert link.get_text(strip=True) == "bystander"
    assert link["href"] == f"{repository.url}?q=bystander&status=pilot"  # the filters are kept
    assert repository_titles(client, repository, "bystander")  # and it finds something


def test_no_suggestion_when_the_words_are_known_or_nothing_is_near(client, repository, items):
    assert not soup_of(client.get(repository.url, {"q": "bystanders"})).select(".app-did-you-mean")
    assert not soup_of(client.get(repository.url, {"q": "qqqqqqq"})).select(".app-did-you-mean")


def test_site_search_groups_every_kind_with_counts(client, repository, items, other_content):
    soup = soup_of(client.get("/search/", {"q": "harassment"}))
    groups = {
        section.h2["id"].removeprefix("group-"): [
            a.get_text(strip=True) for a in section.select("h3 a")
        ]
        for section in soup.select("section[aria-labelledby]")
    }
    assert groups == {
        "resources": ["London survey of discrimination"],
        "documents": ["Harassment policy"],
        "pages": ["About harassment"],
        "observances": ["Vesak"],
    }
    assert soup.select_one("#result-count").get_text(strip=True) == "4 results"
    vesak = soup.select_one("#group-observances").find_parent("section").select_one("h3 a")
    assert vesak["href"] == f"{other_content['observance'].faith.url}#vesak"
    assert soup.title.get_text().startswith(
        "Search results for \u2018harassment\u2019 \u2013 4 results"
    )


def test_site_search_items_link_to_all_of_them_in_the_finder(
    client, repository, items, other_content
):
    soup = soup_of(client.get("/search/", {"q": "inducting"}))
    section = soup.select_one("#group-items").find_parent("section")
    assert section.select_one("h3 a").get_text(strip=True) == items["induction_title"].title
    see_all = section.select_one(".app-see-all")
    assert see_all.get_text(strip=True) == "See all 2 good practice items"
    assert see_all["href"] == f"{repository.url}?q=inducting"


def test_one_kind_has_its_own_pages_and_titles(
    client, repository, items, other_content, home_page, monkeypatch
):
    from goodpractice.search import site_search

    monkeypatch.setattr(site_search, "PER_PAGE", 1)
    monkeypatch.setattr(site_search, "PER_GROUP", 1)
    second = ResourcePageFactory(
        parent=other_content["resource"].get_parent(),
        title="Harassment reporting guide",
        description="How to report.",
    )
    overview = soup_of(client.get("/search/", {"q": "harassment"}))
    see_all = (
        overview.select_one("#group-resources").find_parent("section").select_one(".app-see-all")
    )
    assert see_all.get_text(strip=True) == "See all 2 resources"
    page_2 = soup_of(client.get("/search/" + see_all["href"] + "&page=2"))
    assert page_2.title.get_text().startswith(
        "Search results for \u2018harassment\u2019 \u2013 resources \u2013 page 2 of 2"
        " \u2013 2 results"
    )
    assert [a.get_text(strip=True) for a in page_2.select(".app-result h3 a")] == [
        other_content["resource"].title  # the title match, Harassment reporting guide, is first
    ]
    assert second.title in soup_of(client.get("/search/" + see_all["href"])).get_text()


def test_private_pages_and_documents_are_never_listed(client, repository, other_content):
    PageViewRestriction.objects.create(
        page=other_content["page"], restriction_type=PageViewRestriction.LOGIN
    )
    private = Collection.get_first_root_node().add_child(name="Private")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = other_content["doc"]
    document.collection = private
    document.save()
    other_content["resource"].unpublish()
    text = soup_of(client.get("/search/", {"q": "harassment"})).get_text()
    assert "Vesak" in text
    for hidden in ("About harassment", "Harassment policy", "London survey"):
        assert hidden not in text


def test_site_search_with_nothing_found_suggests_and_is_recorded(
    client, repository, items, other_content
):
    soup = soup_of(client.get("/search/", {"q": "Bystandr!"}))
    assert "Nothing on this site matches \u2018Bystandr!\u2019" in soup.get_text(" ", strip=True)
    link = soup.select_one(".app-did-you-mean a")
    assert link.get_text(strip=True) == "bystander"
    assert link["href"] == "?q=bystander"
    client.get("/search/", {"q": "  bystandr  "})
    client.get("/search/", {"q": "bystandr", "page": "2"})  # a later page is not a new search
    recorded = UnansweredSearch.objects.get()
    assert (recorded.query, recorded.count) == ("bystandr", 2)
    client.get(repository.url, {"q": "BYSTANDR"})  # the repository's page records too
    client.get(repository.url, {"q": "bystandr", "status": "pilot"})  # not with filters
    assert UnansweredSearch.objects.get().count == 3
    client.get("/search/", {"q": "harassment"})
    assert UnansweredSearch.objects.count() == 1  # searches that found something are not kept


def test_recording_is_bounded(client, repository, monkeypatch):
    assert normalise_query("x" * 500) == "x" * 200
    assert normalise_query("'\"(<script>)") == "script"
    monkeypatch.setattr(search_models, "MAX_UNANSWERED_SEARCHES", 2)
    for query in ("one", "two", "three", "one"):
        client.get("/search/", {"q": query})
    assert dict(UnansweredSearch.objects.values_list("query", "count")) == {"one": 2, "two": 1}
    client.get("/search/", {"q": "%%%"})  # no words: nothing to record
    assert UnansweredSearch.objects.count() == 2


def test_editors_see_the_searches_that_found_nothing_commonest_first(admin_client, client):
    for query in ("zanzibar", "quokka", "quokka"):
        client.get("/search/", {"q": query})
    response = admin_client.get("/admin/reports/searches-that-found-nothing/")
    soup = soup_of(response)
    rows = [
        [cell.get_text(strip=True) for cell in row.select("td") if cell.get_text(strip=True)]
        for row in soup.select("table.listing tbody tr")
    ]
    assert [row[:2] for row in rows] == [["quokka", "2"], ["zanzibar", "1"]]
    assert soup.select_one('a[href="/admin/searchpicks/add/"]')
    by_name = soup_of(
        admin_client.get("/admin/reports/searches-that-found-nothing/", {"ordering": "query"})
    )
    assert [row.td.get_text(strip=True) for row in by_name.select("table.listing tbody tr")] == [
        "quokka",
        "zanzibar",
    ]
    menu = admin_client.get("/admin/").content.decode()
    assert "Searches that found nothing" in menu


def test_the_search_page_without_a_query_and_with_hostile_input(client, repository):
    assert soup_of(client.get("/search/")).h1.get_text(strip=True) == "Search"
    for hostile in ("a\x00\x01", '"><script>alert(1)</script>', "x" * 100_000, "((("):
        response = client.get("/search/", {"q": hostile, "kind": hostile, "page": hostile})
        assert response.status_code == 200
        assert b"<script>alert" not in response.content
    assert client.get("/search/autocomplete/", {"q": "ind"}).status_code == 200
