"""Emails about submissions when the mail server or the worker is away: nothing is lost, a
failure is recorded as one and shown to the people who moderate."""

from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

import pytest
from django_tasks_db.management.commands import db_worker

from goodpractice.submissions.models import EmailNotice, Submission
from tests.submissions.submission_helpers import answers, make_submit_page, submit

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def page(home_page):
    return make_submit_page(home_page)


@override_settings(EMAIL_BACKEND="tests.submissions.test_submissions.BrokenEmailBackend")
def test_an_email_that_could_not_be_sent_is_shown_on_the_submission_and_the_dashboard(
    client, admin_client, page
):
    submit(client, page, answers())
    submission = Submission.objects.get()
    notice = submission.email_notices.get(kind="received")
    assert notice.status == EmailNotice.Status.FAILED

    detail = admin_client.get(reverse("submissions:inspect", args=[submission.pk]))
    html = detail.content.decode()
    assert "Could not be sent: ConnectionRefusedError: SMTP server down" in html

    dashboard = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "could not be sent</strong> after every retry" in dashboard
    assert submission.reference in dashboard


def test_emails_queued_while_the_worker_is_stopped_are_sent_when_it_starts(
    client, page, django_capture_on_commit_callbacks, monkeypatch
):
    # As Django's test client does for requests: the worker must not close the connection
    # that holds the test's transaction.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    with override_settings(TASKS=DATABASE_QUEUE):
        with django_capture_on_commit_callbacks(execute=True):
            submit(client, page, answers())
        submission = Submission.objects.get()
        assert mail.outbox == []  # no worker yet: queued, not lost
        assert submission.email_notices.get(kind="received").status == EmailNotice.Status.QUEUED

        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    notice = submission.email_notices.get(kind="received")
    assert notice.status == EmailNotice.Status.SENT
    assert notice.sent_at is not None
    assert [message.to for message in mail.outbox] == [["ada@example.nhs.uk"]]
    assert submission.reference in mail.outbox[0].body


def test_erasing_the_submitters_details_erases_the_addresses_emails_were_sent_to(client, page):
    submit(client, page, answers())
    submission = Submission.objects.get()

    submission.erase_personal_data()

    assert list(submission.email_notices.values_list("recipients", flat=True)) == [[]]


def test_emailed_links_are_at_the_sites_configured_address(client, page, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://goodpractice.example.nhs.uk"

    submit(client, page, answers())

    received = next(message for message in mail.outbox if message.to == ["ada@example.nhs.uk"])
    assert f"https://goodpractice.example.nhs.uk{page.url}status/" in received.body
    assert "localhost" not in received.body
