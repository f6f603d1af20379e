"""The resource library, its resource pages and document downloads make a fixed number of SQL
queries, however many resources, documents and terms there are.

Each test builds a little content, asks for the page once (the first request builds the
header and footer cache, as on a running site), pins the exact number of queries, then adds
three times the content and pins the same number.
"""

import pytest

from goodpractice.classification.factories import AudienceFactory, ThemeFactory
from resources.factories import ResourceDocumentFactory, ResourcePageFactory
from resources.models import DocumentType

pytestmark = pytest.mark.django_db

SMALL = 2  # resources at the small size; the large size has three times as many


def get(client, url, params=None):
    response = client.get(url, params or {})
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def assert_queries(client, url, expected, django_assert_num_queries, params=None):
    get(client, url, params)  # warm the header and footer cache
    with django_assert_num_queries(expected, info=f"{url} {params or ''}"):
        response = get(client, url, params)
    assert response.status_code == 200, url
    return response


@pytest.fixture
def grow(library):
    """Add `count` resources, each with a PDF and its Word version, an audience and a topic."""
    made = {"n": 0, "pages": []}
    types = [DocumentType.GUIDE, DocumentType.FORM]

    def add(count):
        for number in range(made["n"], made["n"] + count):
            audience = AudienceFactory(name=f"Audience {number}", slug=f"audience-{number}")
            topic = ThemeFactory(name=f"Topic {number}", slug=f"topic-{number}")
            pdf = ResourceDocumentFactory(title=f"Guide {number}")
            ResourceDocumentFactory(title=f"Guide {number} (Word)", alternative_of=pdf)
            made["pages"].append(
                ResourcePageFactory(
                    parent=library,
                    title=f"Inclusive recruitment guide {number}",
                    document_type=types[number % 2],
                    documents=[pdf, ResourceDocumentFactory(title=f"Checklist {number}")],
                    audiences=[audience, AudienceFactory(name="Trainers", slug="trainers")],
                    topics=[topic],
                )
            )
        made["n"] += count
        return made["pages"]

    return add


LIBRARY = [
    ({}, 13),
    ({"q": "recruitment"}, 14),
    ({"type": "guide"}, 13),
    ({"audience": "trainers"}, 14),
    ({"topic": "topic-0", "format": "pdf"}, 10),
]


def test_the_library_makes_the_same_number_of_queries_at_two_sizes(
    client, library, grow, django_assert_num_queries
):
    for size in (SMALL, 2 * SMALL):  # SMALL resources, then 3 * SMALL
        grow(size)
        for params, expected in LIBRARY:
            assert_queries(client, library.url, expected, django_assert_num_queries, params)


def test_a_resource_page_makes_the_same_number_of_queries_at_two_sizes(
    client, library, grow, django_assert_num_queries
):
    page = grow(SMALL)[0]
    assert_queries(client, page.url, 6, django_assert_num_queries)
    grow(2 * SMALL)
    extra = [ResourceDocumentFactory(title=f"Annex {n}") for n in range(4)]
    ResourceDocumentFactory(title="Annex 0 (Word)", alternative_of=extra[0])
    for order, document in enumerate(extra, start=2):
        page.resource_documents.create(document=document, sort_order=order)
    page.audiences.add(*AudienceFactory.create_batch(2))
    page.topics.add(*ThemeFactory.create_batch(2))
    page.save_revision().publish()
    response = assert_queries(client, page.url, 6, django_assert_num_queries)
    assert "Annex 3" in response.content.decode()


def test_a_document_download_makes_the_same_number_of_queries_at_two_sizes(
    client, library, grow, django_assert_num_queries
):
    grow(SMALL)
    document = ResourceDocumentFactory(title="Booking form")
    assert_queries(client, document.url, 4, django_assert_num_queries)
    grow(2 * SMALL)
    assert_queries(client, document.url, 4, django_assert_num_queries)
