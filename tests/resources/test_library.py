"""The resource library: filters, search, counts, pagination and a bounded number of queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from bs4 import BeautifulSoup

from goodpractice.classification.factories import AudienceFactory, ThemeFactory
from resources.factories import ResourcePageFactory
from resources.models import DocumentType
from resources.models.pages import RESOURCES_PER_PAGE

pytestmark = pytest.mark.django_db


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in soup.select(".app-resource-list h3")]


def facet_labels(response, name):
    soup = BeautifulSoup(response.content, "html.parser")
    return [" ".join(label.get_text(" ").split()) for label in soup.select(f"#filter-{name} label")]


@pytest.fixture
def catalogue(library, make_document):
    trainers, faculty = AudienceFactory(name="Trainers"), AudienceFactory(name="Faculty")
    recruitment = ThemeFactory(name="Recruitment")
    guide_pdf = make_document("Recruitment guide", "pdf")
    make_document("Recruitment guide (Word)", "docx", alternative_of=guide_pdf)
    ResourcePageFactory(
        parent=library,
        title="Inclusive recruitment guide",
        document_type=DocumentType.GUIDE,
        documents=[guide_pdf],
        audiences=[faculty],
        topics=[recruitment],
    )
    ResourcePageFactory(
        parent=library,
        title="Speaking event booking form",
        document_type=DocumentType.FORM,
        documents=[make_document("Booking form", "docx")],
        audiences=[trainers, faculty],
    )
    ResourcePageFactory(
        parent=library,
        title="Primary care survey report",
        document_type=DocumentType.REPORT,
        documents=[
            make_document(
                "Survey slides", "pptx", sections=[("Findings", "A pan-London workshop met.")]
            )
        ],
    )
    return library


def test_lists_every_live_resource_alphabetically(client, catalogue):
    response = client.get(catalogue.url)
    assert response.status_code == 200
    assert titles(response) == [
        "Inclusive recruitment guide",
        "Primary care survey report",
        "Speaking event booking form",
    ]
    assert "3 resources" in response.content.decode()


def test_drafts_and_other_sections_are_not_listed(client, catalogue):
    draft = ResourcePageFactory(parent=catalogue, title="Unpublished draft")
    draft.unpublish()
    assert "Unpublished draft" not in titles(client.get(catalogue.url))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=form", ["Speaking event booking form"]),
        ("type=guide&type=report", ["Inclusive recruitment guide", "Primary care survey report"]),
        ("format=pptx", ["Primary care survey report"]),
        ("format=docx", ["Speaking event booking form"]),
        ("audience=trainers", ["Speaking event booking form"]),
        ("audience=faculty&type=guide", ["Inclusive recruitment guide"]),
        ("topic=recruitment", ["Inclusive recruitment guide"]),
        ("type=report&audience=faculty", []),
    ],
)
def test_filters(client, catalogue, query, expected):
    assert titles(client.get(f"{catalogue.url}?{query}")) == expected


def test_search_finds_words_inside_the_documents(client, catalogue):
    response = client.get(catalogue.url, {"q": "workshop"})
    assert titles(response) == ["Primary care survey report"]
    assert "matching “workshop”" in response.content.decode()


def test_search_combines_with_filters(client, catalogue):
    assert titles(client.get(catalogue.url, {"q": "guide", "type": "form"})) == []
    assert titles(client.get(catalogue.url, {"q": "booking", "type": "form"})) == [
        "Speaking event booking form"
    ]


def test_no_results_says_how_to_widen_the_search(client, catalogue):
    response = client.get(catalogue.url, {"q": "zzzzunfindable"})
    assert titles(response) == []
    assert "No resources match your search and filters." in response.content.decode()


def test_each_filter_option_shows_how_many_resources_it_would_show(client, catalogue):
    response = client.get(catalogue.url)
    assert facet_labels(response, "type") == [
        "Guide (1 resource )",
        "Form (1 resource )",
        "Report (1 resource )",
    ]
    assert facet_labels(response, "format") == [
        "PDF (1 resource )",
        "Word (1 resource )",
        "PowerPoint (1 resource )",
    ]
    # Counts within a filter ignore its own choice and respect the others.
    filtered = client.get(catalogue.url, {"audience": "faculty"})
    assert facet_labels(filtered, "type") == ["Guide (1 resource )", "Form (1 resource )"]
    assert "Trainers (1 resource )" in facet_labels(filtered, "audience")


def test_chosen_filters_stay_ticked(client, catalogue):
    soup = BeautifulSoup(client.get(catalogue.url, {"type": "form"}).content, "html.parser")
    assert soup.select_one("#filter-type-form").has_attr("checked")
    assert not soup.select_one("#filter-type-guide").has_attr("checked")


def test_a_filter_that_does_not_exist_is_reported_not_a_server_error(client, catalogue):
    response = client.get(catalogue.url, {"type": "poster", "audience": "nobody"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Some filters could not be used" in html
    assert "“poster” is not one of the filters on this page" in html
    assert "“nobody” is not one of the filters on this page" in html
    assert len(titles(response)) == 3


def test_results_are_paginated(client, library):
    for n in range(RESOURCES_PER_PAGE + 2):
        ResourcePageFactory(parent=library, title=f"Resource {n:02d}")
    first = client.get(library.url)
    assert len(titles(first)) == RESOURCES_PER_PAGE
    assert "page 1 of 2" in first.content.decode()
    second = client.get(library.url, {"page": 2})
    assert titles(second) == ["Resource 10", "Resource 11"]
    assert client.get(library.url, {"page": "abc"}).status_code == 200


def build_resources(library, make_document, count, offset=0):
    audience, topic = AudienceFactory(), ThemeFactory()
    for n in range(offset, offset + count):
        main = make_document(f"Guide {n}", "pdf")
        make_document(f"Guide {n} (Word)", "docx", alternative_of=main)
        ResourcePageFactory(parent=library, documents=[main], audiences=[audience], topics=[topic])


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("query", ["", "?q=guide", "?type=guide&format=pdf"])
def test_queries_do_not_grow_with_the_number_of_resources(
    client, library, make_document, django_assert_max_num_queries, query
):
    url = library.url + query
    build_resources(library, make_document, 2)
    client.get(url)  # warm per-process caches (content types, site root paths)
    few = queries_for(client, url)
    build_resources(library, make_document, 6, offset=2)
    assert queries_for(client, url) == few
    with django_assert_max_num_queries(30):
        client.get(url)
