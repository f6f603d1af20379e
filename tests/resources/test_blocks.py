"""The "Related documents" block, on every page type whose body can hold it."""

from wagtail.blocks import StreamValue

import pytest
from bs4 import BeautifulSoup

from goodpractice.home.factories import ContentPageFactory
from goodpractice.repository.factories import GoodPracticeItemPageFactory
from resources.factories import ResourcePageFactory

pytestmark = pytest.mark.django_db


def related_documents(*documents, group=True):
    return (
        "related_documents",
        {"heading": "Related documents", "documents": list(documents), "group_by_format": group},
    )


@pytest.fixture
def survey(make_document):
    pdf = make_document("Survey report", "pdf")
    slides = make_document("Survey slides", "pptx", alternative_of=pdf)
    word = make_document("Survey report (Word)", "docx", alternative_of=pdf)
    return pdf, slides, word


def section(html):
    return BeautifulSoup(html, "html.parser").select_one(".app-related-documents")


def test_documents_are_grouped_by_format_in_the_editors_order(client, home_page, survey):
    pdf, slides, word = survey
    page = ContentPageFactory(parent=home_page, body=[related_documents(pdf, slides, word)])
    block = section(client.get(page.url).content)
    assert [h.text for h in block.find_all("h3")] == [
        "PDF documents",
        "PowerPoint documents",
        "Word documents",
    ]
    text = " ".join(block.get_text(" ").split())
    assert "Survey report (PDF, " in text
    assert "Survey slides (PowerPoint, " in text
    assert "3 slides" in text
    # Every format is listed in the block, so none is offered again as an alternative.
    assert "Also available as" not in text


def test_a_format_not_in_the_block_is_offered_as_an_alternative(client, home_page, survey):
    pdf, slides, word = survey
    page = ContentPageFactory(parent=home_page, body=[related_documents(pdf)])
    block = section(client.get(page.url).content)
    alternatives = block.select_one(".app-document-alternatives")
    assert [a["href"] for a in alternatives.find_all("a")] == [word.url, slides.url]
    assert "Word version of Survey report" in alternatives.get_text()


def test_ungrouped_documents_are_one_list(client, home_page, survey):
    page = ContentPageFactory(parent=home_page, body=[related_documents(*survey, group=False)])
    block = section(client.get(page.url).content)
    assert block.find("h3") is None
    assert len(block.select("li")) == 3


def test_the_block_renders_on_a_good_practice_item(client, repository, survey):
    item = GoodPracticeItemPageFactory(parent=repository, body=[related_documents(survey[0])])
    response = client.get(item.url)
    assert response.status_code == 200
    assert section(response.content).find("a")["href"] == survey[0].url


def test_the_block_renders_on_the_home_page(client, home_page, survey):
    home_page.body = StreamValue(home_page.body.stream_block, [related_documents(survey[2])])
    home_page.save_revision().publish()
    block = section(client.get(home_page.url).content)
    assert block.find("h3").text == "Word documents"


def test_the_block_renders_on_a_resource_page(client, library, survey):
    page = ResourcePageFactory(parent=library, body=[related_documents(survey[1])])
    block = section(client.get(page.url).content)
    assert block.find("a")["href"] == survey[1].url


def test_a_deleted_document_drops_out_without_breaking_the_page(client, home_page, survey):
    pdf, slides, _word = survey
    page = ContentPageFactory(parent=home_page, body=[related_documents(pdf, slides)])
    slides.delete()
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Survey slides" not in response.content.decode()
