"""Emails about submissions, sent in the background after the submission is saved.

Each email is an EmailNotice, queued with the submission's transaction and sent by the task
worker. django-tasks has no retries of its own, so a failed send records the error on the
notice, schedules the task again with a growing delay, up to SUBMISSION_EMAIL_MAX_ATTEMPTS,
and then fails, so the task's result says it failed too. The notice's status (sent, retrying,
failed) is what moderators see on the submission and the dashboard. Backends that cannot run a
task later (the immediate backend in development) record the failure and stop. The submission
is saved whatever happens to its emails.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from django_tasks import task

from goodpractice.submissions import publication
from goodpractice.submissions.notices import EmailNotice

logger = logging.getLogger(__name__)

TEMPLATE_DIR = "submissions/emails"


class EmailNotSent(Exception):
    """Raised after a failed send is recorded, so that the task is a failure too."""


def retry_delay(attempt):
    """1, 4, 16, 64 minutes... capped at six hours."""
    return timedelta(minutes=min(4 ** (attempt - 1), 360))


def queue(kind, submission, recipients):
    """A notice for each email, sent once the current transaction commits."""
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return None
    notice = EmailNotice.objects.create(submission=submission, kind=kind, recipients=recipients)
    transaction.on_commit(lambda: send_submission_email.enqueue(notice.pk))
    return notice


def send_notice(notice_id):
    """Send the notice unless it has been sent already; record the outcome either way."""
    with transaction.atomic():
        notice = (
            EmailNotice.objects.select_for_update()
            .select_related("submission")
            .filter(pk=notice_id)
            .first()
        )
        if notice is None or notice.status == EmailNotice.Status.SENT or not notice.recipients:
            return
        submission = notice.submission
        context = email_context(notice.kind, submission)
        subject = render_to_string(f"{TEMPLATE_DIR}/{notice.kind}_subject.txt", context).strip()
        body = render_to_string(f"{TEMPLATE_DIR}/{notice.kind}.txt", context)
        notice.attempts += 1
        try:
            EmailMessage(subject=" ".join(subject.split()), body=body, to=notice.recipients).send()
        except Exception as error:
            logger.exception(
                "Could not send the '%s' email for submission %s (attempt %s of %s)",
                notice.kind,
                submission.reference,
                notice.attempts,
                settings.SUBMISSION_EMAIL_MAX_ATTEMPTS,
            )
            notice.last_error = f"{type(error).__name__}: {error}"[:300]
            notice.status = (
                EmailNotice.Status.RETRYING if schedule_retry(notice) else EmailNotice.Status.FAILED
            )
            notice.save(update_fields=["attempts", "last_error", "status"])
        else:
            notice.status, notice.sent_at = EmailNotice.Status.SENT, timezone.now()
            notice.save(update_fields=["attempts", "status", "sent_at"])
            logger.info("Sent the '%s' email for submission %s", notice.kind, submission.reference)
            return
    raise EmailNotSent(f"The '{notice.kind}' email for {submission.reference} was not sent")


def schedule_retry(notice):
    """Queue another try later; False if there will be none."""
    if notice.attempts >= settings.SUBMISSION_EMAIL_MAX_ATTEMPTS:
        logger.error(
            "Gave up sending the '%s' email for a submission after %s attempts",
            notice.kind,
            notice.attempts,
        )
        return False
    backend = send_submission_email.get_backend()
    if not backend.supports_defer:
        logger.error(
            "The '%s' email was not sent and the tasks backend cannot retry it later; "
            "configure the database backend and its worker (docs/submissions.md)",
            notice.kind,
        )
        return False
    run_after = timezone.now() + retry_delay(notice.attempts)
    transaction.on_commit(
        lambda: send_submission_email.using(run_after=run_after).enqueue(notice.pk)
    )
    return True


def names(terms):
    """Terms as a reader writes them: "East Midlands, London"."""
    return ", ".join(term.name for term in terms) or "Not given"


def email_context(kind, submission):
    """What the email templates read: text and full addresses, never a Python value (a
    queryset, a list, None) to print as it is."""
    admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "submissions:inspect", args=[submission.pk]
    )
    return {
        "submission": submission,
        "regions": names(submission.regions.all()),
        "themes": names(submission.themes.all()),
        "status_url": submission.status_url,
        "admin_url": admin_url,
        "item_url": publication.item_url(submission) if kind == "published" else "",
        "latest_message": submission.messages.exclude(kind="resubmitted").last(),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }


@task()
def send_submission_email(notice_id):
    send_notice(notice_id)
