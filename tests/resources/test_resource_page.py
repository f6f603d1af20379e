from urllib.parse import parse_qs, urlsplit

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest
from bs4 import BeautifulSoup

from goodpractice.classification.factories import AudienceFactory, ThemeFactory
from goodpractice.home.models import HomePage
from resources.factories import (
    ResourceDocumentFactory,
    ResourceIndexPageFactory,
    ResourcePageFactory,
)
from resources.models import ResourceIndexPage, ResourcePage
from tests.accounts.helpers import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(library, make_document):
    pdf = make_document("Inclusive recruitment guide", "pdf")
    make_document("Inclusive recruitment guide (Word)", "docx", alternative_of=pdf)
    return ResourcePageFactory(
        parent=library,
        title="Inclusive recruitment: best practice & panels",
        description="How to recruit educational faculty inclusively.",
        documents=[pdf],
        audiences=[AudienceFactory(name="Educational faculty")],
        topics=[ThemeFactory(name="Governance and representation", slug="governance")],
        owning_team="Quality team",
        team_email="quality@example.com",
        last_reviewed="2026-03-01",
    )


def soup(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_shows_what_it_is_who_it_is_for_and_when_it_was_reviewed(client, guide):
    page = soup(client, guide)
    assert page.h1.text == guide.title
    summary = " ".join(page.select_one(".nhsuk-summary-list").get_text(" ").split())
    assert "Type Guide" in summary
    assert "Who it is for Educational faculty" in summary
    assert "Last reviewed 1 March 2026" in summary
    assert "Owned by Quality team" in summary
    topic_link = page.select_one(".nhsuk-summary-list a")
    assert topic_link["href"] == f"{guide.get_parent().url}?topic=governance"


def test_each_document_says_format_size_and_pages_and_offers_its_word_version(client, guide):
    page = soup(client, guide)
    item = page.select_one(".app-document-list li")
    text = " ".join(item.get_text(" ").split())
    assert text.startswith("Inclusive recruitment guide (PDF, ")
    assert "2 pages)" in text
    assert "Also available as Word" in text
    links = [a["href"] for a in item.find_all("a")]
    assert len(links) == 2
    assert all(link.startswith("/documents/") for link in links)


def test_attaching_both_formats_lists_the_pair_once(client, guide):
    word = guide.resource_documents.get().document.alternatives.get()
    guide.resource_documents.create(document=word, sort_order=1)
    guide.save_revision().publish()
    assert len(soup(client, guide).select(".app-document-list > li")) == 1


def test_request_an_accessible_format_emails_the_owning_team_naming_the_resource(client, guide):
    link = soup(client, guide).select_one('a[href^="mailto:"]')
    assert "request an accessible format" in link.get_text()
    url = urlsplit(link["href"])
    assert url.scheme == "mailto"
    assert url.path == "quality@example.com"
    assert "+" not in url.query  # spaces are %20 for mail clients, not +
    fields = parse_qs(url.query)
    assert fields["subject"] == [
        "Accessible format request: Inclusive recruitment: best practice & panels"
    ]
    assert "in an accessible format" in fields["body"][0]


def test_an_address_with_url_characters_cannot_break_the_mailto(guide):
    guide.team_email = "edi&team?x@example.com"
    assert guide.accessible_format_mailto.startswith("mailto:edi%26team%3Fx@example.com?subject=")


class TestPageTypes(WagtailPageTestCase):
    def test_library_sits_under_the_home_page_once(self):
        self.assertAllowedParentPageTypes(ResourceIndexPage, {HomePage})
        self.assertCanCreateAt(HomePage, ResourceIndexPage)
        self.assertAllowedSubpageTypes(ResourceIndexPage, {ResourcePage})
        self.assertAllowedSubpageTypes(ResourcePage, set())
        assert ResourceIndexPage.max_count == 1

    def test_a_resource_can_be_previewed_from_the_editor_with_its_documents(self):
        user = self.create_test_user()
        verified_login(self.client, user)
        library = ResourceIndexPageFactory(parent=HomePage.objects.get())
        document = ResourceDocumentFactory(title="Booking form")
        resource = ResourcePageFactory(parent=library, documents=[document])
        data = nested_form_data(
            {
                "title": resource.title,
                "slug": resource.slug,
                "description": "An example booking form.",
                "resource_documents": inline_formset([{"document": document.pk}]),
                "body": streamfield([]),
                "document_type": "form",
                "last_reviewed": "",
                "owning_team": "Quality team",
                "team_email": "quality@example.com",
                "comments": inline_formset([]),
            }
        )
        self.assertPageIsPreviewable(resource, post_data=data, user=user)
