"""The submission journey in a real browser: CSRF, NHS.UK JavaScript, files and accessibility."""

from django.test import override_settings

import pytest

from goodpractice.classification.factories import RegionFactory, ThemeFactory
from goodpractice.home.models import HomePage
from goodpractice.submissions.models import Submission
from resources.builders import build_pdf
from tests.submissions.submission_helpers import make_submit_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site_home(transactional_db):
    return HomePage.objects.get()


@override_settings(SUBMISSION_MIN_FILL_SECONDS=0)
def test_a_regional_team_submits_with_a_pdf_and_follows_it(
    page, live_server, site_home, tmp_path, assert_accessible
):
    submit_page = make_submit_page(site_home)
    ThemeFactory(name="Training and development")
    RegionFactory(name="North East")
    evidence = tmp_path / "evidence.pdf"
    evidence.write_bytes(build_pdf("Evidence", [("Survey", "Confidence rose")]))

    page.goto(live_server.url + submit_page.url)
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    summary = page.locator(".nhsuk-error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('nhsuk-error-summary')")
    assert_accessible(page)

    page.get_by_role("link", name="Enter the title of the initiative").click()
    page.keyboard.type("Bystander training for trainers")
    page.get_by_label("Summary").fill("Trainers learn to step in.")
    page.get_by_label("The problem").fill("Nobody acted.")
    page.get_by_label("What was done").fill("Four workshops.")
    page.get_by_label("Outcomes and impact").fill("Confidence rose.")
    page.get_by_label("Training and development").check()
    page.get_by_label("North East").check()
    page.get_by_role("textbox", name="Full name").fill("Ada Lovelace")
    page.get_by_role("textbox", name="Organisation", exact=True).fill("NHS England")
    page.get_by_role("textbox", name="Email address").fill("ada@example.nhs.uk")
    page.get_by_label("I agree to the quality team").check()
    page.get_by_label("Supporting documents (optional)").set_input_files(str(evidence))
    page.get_by_role("button", name="Continue").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Check your answers before sending"
    assert page.get_by_text("evidence.pdf").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send submission").click()

    assert page.get_by_role("heading", name="Submission sent").is_visible()
    submission = Submission.objects.get()
    assert page.get_by_text(submission.reference).is_visible()
    assert submission.attachments.get().original_name == "evidence.pdf"
    assert_accessible(page)

    page.get_by_role("link", name="follow your submission").click()
    assert page.get_by_text("Waiting for review").is_visible()
    assert_accessible(page)
