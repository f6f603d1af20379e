"""An item printed from the browser fits one A4 portrait page (static/css/print-item.css):
its title, summary, classification, learning, documents and contact, without the site's
navigation, search, breadcrumbs, footer or related items."""

import datetime
import io

from django.core.management import call_command

import pytest
from pypdf import PdfReader

from goodpractice.classification.models import Audience
from goodpractice.repository.factories import GoodPracticeItemDocumentFactory
from goodpractice.repository.models import GoodPracticeItemPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

A4_POINTS = (595.3, 841.9)  # 210 mm by 297 mm, portrait


@pytest.fixture
def full_item(transactional_db):
    """The demo item with the most filled in, and everything else an item can have too."""
    call_command("load_demo_content", stdout=io.StringIO())
    item = GoodPracticeItemPage.objects.get(
        title="IMG Induction programme in Thames Valley and Wessex"
    )
    assert item.key_learning
    assert item.costs
    item.status, item.evaluation = "embedded", "formal"
    item.learners_reached = 120
    item.date_started = datetime.date(2023, 9, 1)
    item.last_reviewed = datetime.date(2025, 6, 1)
    item.review_due = datetime.date(2099, 6, 1)
    item.contact_name, item.contact_role = "Dr Ada Example", "Associate Dean"
    item.contact_organisation = "NHS England Thames Valley"
    item.contact_email = "ada.example@example.nhs.uk"
    item.show_contact_details = item.show_contact_email = True
    item.audiences.add(*Audience.objects.all()[:3])
    item.tags.add("mentoring", "welcome")
    item.save_revision().publish()
    for title in ("Induction programme guide", "Evaluation report", "Welcome slides"):
        GoodPracticeItemDocumentFactory(item=item, document__title=title)
    return GoodPracticeItemPage.objects.get(pk=item.pk)


def test_a_full_item_prints_on_one_a4_portrait_page(page, live_server, full_item, tmp_path):
    page.goto(live_server.url + full_item.url)
    assert page.get_by_role("heading", name="Related good practice").is_visible()
    page.emulate_media(media="print")

    for hidden in (".nhsuk-header__navigation", ".nhsuk-breadcrumb", ".nhsuk-footer-container"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert not page.get_by_role("heading", name="Related good practice").is_visible()
    pdf = tmp_path / "item.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)

    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(A4_POINTS[0], abs=2)
    assert float(box.height) == pytest.approx(A4_POINTS[1], abs=2)
    text = " ".join(reader.pages[0].extract_text().split())
    summary = " ".join(full_item.summary.split())
    for expected in (
        full_item.title,
        summary,
        "Wessex",  # the classification
        "Key learning",
        "Costs",
        "Evaluation report",  # the documents
        "Dr Ada Example, Associate Dean, NHS England Thames Valley",
        "ada.example@example.nhs.uk",
        "Published:",
        f"Online at: {live_server.url}{full_item.url}",
    ):
        assert expected in text, expected
    for left_out in ("Related good practice", "Search", "Skip to main content"):
        assert left_out not in text, left_out
