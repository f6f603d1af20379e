"""Names, roles, organisations and email addresses are published only with the consent asked
for each: on the item page, in the API and in the CSV download."""

import csv
import io

from django.test import TestCase

import pytest

from goodpractice.repository.factories import GoodPracticeItemPageFactory
from goodpractice.submissions import moderation
from goodpractice.submissions.models import Submission
from goodpractice.submissions.moderation import QUALITY_TEAM
from tests.submissions.submission_helpers import answers, make_submit_page, make_user, submit

pytestmark = pytest.mark.django_db

CONTACT = {
    "contact_name": "Dr Unpublished Person",
    "contact_role": "Secret Role Title",
    "contact_organisation": "Hidden Organisation Trust",
    "contact_email": "hidden.person@example.nhs.uk",
}


def item_with(repository, details, email):
    return GoodPracticeItemPageFactory(
        parent=repository,
        title="Consent item",
        show_contact_details=details,
        show_contact_email=email,
        **CONTACT,
    )


def shown(client, repository, item):
    page = client.get(item.url).content.decode()
    api = client.get(f"/api/v2/items/{item.pk}/").content.decode()
    download = client.get(repository.url + "download/csv/")
    text = b"".join(download.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    return page, api, rows


@pytest.mark.parametrize(("details", "email"), [(False, False), (True, False), (False, True)])
def test_only_consented_contact_fields_are_published(client, repository, details, email):
    item = item_with(repository, details, email)
    page, api, rows = shown(client, repository, item)
    for value in ("contact_name", "contact_role", "contact_organisation"):
        assert (CONTACT[value] in page) == details, value
        assert (CONTACT[value] in api) == details, value
    assert (CONTACT["contact_email"] in page) == email
    assert (CONTACT["contact_email"] in api) == email
    (row,) = [row for row in rows if row["title"] == "Consent item"]
    assert (row["contact_organisation"] == CONTACT["contact_organisation"]) == details


def test_the_form_asks_each_consent_and_links_the_privacy_notice(client, home_page):
    page = make_submit_page(home_page)
    html = client.get(page.url).content.decode()
    assert "Publish my name, role and organisation as the contact for this initiative" in html
    assert "Show my email address on the published item" in html
    assert 'href="/privacy/"' in html


@pytest.mark.parametrize("publish_details", [False, True])
def test_acceptance_copies_only_what_was_consented_to_the_item(
    client, home_page, repository, publish_details
):
    page = make_submit_page(home_page)
    submit(
        client,
        page,
        answers(show_contact_email="", show_contact_details="on" if publish_details else ""),
    )
    submission = Submission.objects.get()
    assert submission.show_contact_details == publish_details
    quality = make_user("quality", groups=[QUALITY_TEAM])
    with TestCase.captureOnCommitCallbacks(execute=True):
        submission = moderation.accept(submission, quality, [], "")
    item = submission.item
    assert item.contact_email == ""  # not consented: never copied to the item
    assert item.show_contact_details == publish_details
    assert (item.contact_name == "Ada Lovelace") == publish_details
