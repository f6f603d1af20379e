"""A submission that fails the bot checks is kept in quarantine for the quality team, never
lost: a person whose browser filled the honeypot can be released into the queue."""

from django.core import mail
from django.test import TestCase
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from goodpractice.submissions.forms import HONEYPOT_FIELD
from goodpractice.submissions.models import Submission
from goodpractice.submissions.moderation import QUALITY_TEAM
from tests.accounts.helpers import verified_login
from tests.submissions.submission_helpers import answers, form_token, make_submit_page, make_user

pytestmark = pytest.mark.django_db

# Names that browsers' autofill (and password managers) recognise and fill in.
AUTOFILLED = ("website", "url", "homepage", "name", "email", "phone", "tel", "address", "company")


@pytest.fixture
def page(home_page):
    return make_submit_page(home_page)


@pytest.fixture
def quality(db):
    return make_user("quality", groups=[QUALITY_TEAM])


def test_the_honeypot_has_a_name_no_autofill_uses(client, page):
    honeypot = BeautifulSoup(client.get(page.url).content, "html.parser").find(
        "input", attrs={"name": HONEYPOT_FIELD}
    )
    assert honeypot is not None
    assert not any(word in honeypot["name"].lower() for word in AUTOFILLED)
    assert honeypot["autocomplete"] == "off"
    assert honeypot["tabindex"] == "-1"
    assert honeypot.find_parent(class_="nhsuk-u-visually-hidden") is not None
    label = honeypot.find_parent().find("label", attrs={"for": honeypot["id"]})
    assert label.get_text() == "Leave this empty"


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [({HONEYPOT_FIELD: "https://spam.example"}, "honeypot"), ({"age": 1}, "too fast")],
)
def test_a_submission_failing_a_bot_check_is_quarantined_and_listed(
    client, page, quality, overrides, reason
):
    age = overrides.pop("age", 60)
    data = answers(form_token=form_token(age=age), **overrides)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(page.url, {**data, "action": "send"})
    assert "Submission sent" in response.content.decode()  # what a person sees: bots learn nothing
    submission = Submission.objects.get()
    assert submission.status == Submission.Status.QUARANTINED
    assert submission.quarantine_reason == reason
    assert not mail.outbox  # nobody is emailed until it is released
    assert not Submission.objects.awaiting_review().exists()

    verified_login(client, quality)
    listing = client.get(reverse("submissions:quarantine")).content.decode()
    assert submission.reference in listing
    assert submission.reference not in client.get(reverse("submissions:index")).content.decode()
    assert (
        "Quarantined submissions (1)" in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_the_quality_team_releases_a_quarantined_submission_into_the_queue(client, page, quality):
    client.post(page.url, {**answers(**{HONEYPOT_FIELD: "filled"}), "action": "send"})
    submission = Submission.objects.get()
    verified_login(client, quality)
    url = reverse("submissions:inspect", args=[submission.pk])
    assert "Release to the queue" in client.get(url).content.decode()

    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(url, {"action": "release"})

    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUBMITTED
    assert Submission.objects.awaiting_review().get() == submission
    assert any("ada@example.nhs.uk" in message.to for message in mail.outbox)
    assert submission.reference in client.get(reverse("submissions:index")).content.decode()


def test_the_quality_team_deletes_spam_from_quarantine(client, page, quality):
    client.post(page.url, {**answers(**{HONEYPOT_FIELD: "filled"}), "action": "send"})
    submission = Submission.objects.get()
    verified_login(client, quality)
    response = client.post(
        reverse("submissions:inspect", args=[submission.pk]), {"action": "delete"}
    )
    assert response.status_code == 302
    assert not Submission.objects.exists()


def test_submissions_in_the_queue_cannot_be_deleted_as_spam(client, page, quality):
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(page.url, {**answers(), "action": "send"})
    submission = Submission.objects.get()
    verified_login(client, quality)
    client.post(reverse("submissions:inspect", args=[submission.pk]), {"action": "delete"})
    assert Submission.objects.filter(pk=submission.pk).exists()
