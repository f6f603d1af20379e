import io

from django.core.management import call_command

import pytest
from bs4 import BeautifulSoup
from wagtailnhsukfrontend.settings.models import HeaderSettings

from goodpractice.home.demo_content import read_data
from goodpractice.home.models import ContentPage
from resources import demo_content
from resources.models import ResourceDocument, ResourceIndexPage, ResourcePage

pytestmark = pytest.mark.django_db


def test_the_seed_resources_are_published_with_real_documents(demo_site, client):
    titles = set(ResourcePage.objects.live().values_list("title", flat=True))
    assert "Inclusive educational faculty recruitment: ensuring best practice" in titles
    assert "Attending speaking events: booking form" in titles
    assert len(titles) == 4
    for document in ResourceDocument.objects.all():
        assert document.detected_format == document.file_extension
        assert document.page_count
        assert "Demo document" in document.extracted_text
        response = client.get(document.url)
        assert response.status_code == 200, document.title


def test_the_survey_report_comes_in_pdf_powerpoint_and_word(demo_site):
    survey = ResourcePage.objects.get(title__startswith="London-wide survey")
    main = survey.resource_documents.get().document
    assert {d.format_label for d in main.other_formats} == {"PowerPoint", "Word"}


def test_the_framework_page_gets_one_related_documents_block_grouped_by_format(demo_site, client):
    call_command("load_demo_content", stdout=io.StringIO())
    page = ContentPage.objects.get(slug="edi-framework")
    assert [b.block_type for b in page.body].count("related_documents") == 1
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    headings = [h.text for h in html.select(".app-related-documents h3")]
    assert headings == ["PDF documents", "PowerPoint documents", "Word documents"]


def test_loading_again_duplicates_nothing_and_adds_one_navigation_link(demo_site):
    counts = (ResourcePage.objects.count(), ResourceDocument.objects.count())
    call_command("load_demo_content", stdout=io.StringIO())
    assert (ResourcePage.objects.count(), ResourceDocument.objects.count()) == counts
    header = HeaderSettings.for_site(demo_site.get_site())
    library = ResourceIndexPage.objects.get()
    assert header.navigation_links.filter(page=library, label="Resources").count() == 1


def test_search_in_the_library_finds_text_inside_demo_documents(demo_site, client):
    library = ResourceIndexPage.objects.get()
    html = BeautifulSoup(client.get(library.url, {"q": "organiser"}).content, "html.parser")
    # Only the form document says this; the page itself does not.
    assert [h.get_text(strip=True) for h in html.select(".app-resource-list h3")] == [
        "Attending speaking events: booking form"
    ]


def test_the_data_file_parses_and_holds_the_seed_resources():
    data = read_data(demo_content.__file__)
    assert len(data["resources"]) == 4
    for spec in data["resources"]:
        assert spec["formats"], spec["title"]
        assert spec["sections"], spec["title"]
        assert set(spec["formats"]) <= set(data["format_order_on_seed_page"])
