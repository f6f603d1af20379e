"""Emails about submissions, sent in the background after the submission is saved.

django-tasks (and its database backend) has no retries, so a failed send schedules the task
again itself, with a growing delay, up to SUBMISSION_EMAIL_MAX_ATTEMPTS. Backends that cannot
run a task later (the immediate backend in development) log the failure and stop: the
submission is saved either way and the failure is in the log.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from django_tasks import task

from goodpractice.submissions.submission import Submission

logger = logging.getLogger(__name__)

TEMPLATE_DIR = "submissions/emails"


def retry_delay(attempt):
    """1, 4, 16, 64 minutes... capped at six hours."""
    return timedelta(minutes=min(4 ** (attempt - 1), 360))


def send_email(kind, submission_id, recipients, attempt=1):
    """Render and send one email; on failure, schedule another try if the backend can."""
    submission = Submission.objects.filter(pk=submission_id).first()
    if submission is None or not recipients:
        return
    context = email_context(kind, submission)
    subject = render_to_string(f"{TEMPLATE_DIR}/{kind}_subject.txt", context).strip()
    body = render_to_string(f"{TEMPLATE_DIR}/{kind}.txt", context)
    try:
        EmailMessage(subject=" ".join(subject.split()), body=body, to=recipients).send()
    except Exception:
        logger.exception(
            "Could not send the '%s' email for submission %s (attempt %s of %s)",
            kind,
            submission.reference,
            attempt,
            settings.SUBMISSION_EMAIL_MAX_ATTEMPTS,
        )
        schedule_retry(kind, submission_id, recipients, attempt)
        return
    logger.info("Sent the '%s' email for submission %s", kind, submission.reference)


def schedule_retry(kind, submission_id, recipients, attempt):
    if attempt >= settings.SUBMISSION_EMAIL_MAX_ATTEMPTS:
        logger.error(
            "Gave up sending the '%s' email for a submission after %s attempts", kind, attempt
        )
        return
    backend = send_submission_email.get_backend()
    if not backend.supports_defer:
        logger.error(
            "The '%s' email was not sent and the tasks backend cannot retry it later; "
            "configure the database backend and its worker (docs/submissions.md)",
            kind,
        )
        return
    send_submission_email.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(
        kind, submission_id, recipients, attempt + 1
    )


def email_context(kind, submission):
    admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "submissions:inspect", args=[submission.pk]
    )
    return {
        "submission": submission,
        "status_url": submission.status_url,
        "admin_url": admin_url,
        "latest_message": submission.messages.exclude(kind="resubmitted").last(),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }


@task()
def send_submission_email(kind, submission_id, recipients, attempt=1):
    send_email(kind, submission_id, recipients, attempt)
