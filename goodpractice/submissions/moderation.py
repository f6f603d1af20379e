"""What happens to a submission: it is sent, resubmitted, accepted, sent back or rejected,
and the item made from an accepted one is published.

Each step is one transaction, is written to Wagtail's audit log (labelled with the reference,
never the submitter's details) and queues its emails to go only after the transaction commits.
"""

import logging

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

from wagtail.log_actions import log
from wagtail.models import Workflow, WorkflowPage
from wagtail.rich_text import RichText

from goodpractice.repository.classifications import CLASSIFICATIONS
from goodpractice.repository.models import (
    GoodPracticeIndexPage,
    GoodPracticeItemDocument,
    GoodPracticeItemPage,
)
from goodpractice.submissions import personal_data, tasks
from goodpractice.submissions.submission import (
    RegionModerators,
    Submission,
    SubmissionAttachment,
    SubmissionMessage,
)
from resources.attachment_privacy import awaiting_publication_collection
from resources.models import ResourceDocument

logger = logging.getLogger(__name__)

QUALITY_TEAM = "Quality team"
QUALITY_TEAM_WORKFLOW = "Quality team approval"
# Optional answers copied as they are onto the item's fields of the same names.
LEARNING_FIELDS = ("key_learning", "transferability", "costs")


class ModerationError(Exception):
    """An action that cannot be taken now, with a message for the moderator."""


def queue_email(kind, submission, recipients):
    return tasks.queue(kind, submission, recipients)


def moderator_emails(submission):
    """Region moderator groups for the submission's regions; the quality team otherwise."""
    User = get_user_model()
    groups = list(
        RegionModerators.objects.filter(region__in=submission.regions.all()).values_list(
            "group", flat=True
        )
    )
    users = User.objects.filter(is_active=True).exclude(email="")
    if groups:
        emails = set(users.filter(groups__in=groups).values_list("email", flat=True))
        if emails:
            return emails
    return set(users.filter(groups__name=QUALITY_TEAM).values_list("email", flat=True))


@transaction.atomic
def create_submission(form, form_token, page=None, quarantine_reason=""):
    """Save a valid form, sent through `page`, as a new submission, or return the one this
    form already made. One that failed the bot checks (`quarantine_reason`) is kept out of
    the queue, and nobody is emailed, until the quality team releases it."""
    existing = Submission.objects.filter(form_token=form_token).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            submission = form.save(commit=False)
            submission.form_token = form_token
            submission.page = page
            submission.data_protection_consent_at = timezone.now()
            if quarantine_reason:
                submission.status = Submission.Status.QUARANTINED
                submission.quarantine_reason = quarantine_reason
            submission.save()
            form.save_m2m()
    except IntegrityError:
        # The same form posted twice at once: the other request made it.
        return Submission.objects.get(form_token=form_token), False
    SubmissionAttachment.objects.held_for(form_token).update(submission=submission)
    if quarantine_reason:
        log(
            submission,
            "goodpractice.submission.quarantine",
            title=submission.reference,
            data={"reason": quarantine_reason},
        )
        return submission, True
    log(submission, "goodpractice.submission.submit", title=submission.reference)
    queue_submitted_emails(submission)
    return submission, True


def queue_submitted_emails(submission):
    queue_email("received", submission, [submission.contact_email])
    queue_email("new_submission", submission, moderator_emails(submission))


@transaction.atomic
def release(submission, user):
    """Put a quarantined submission in the moderation queue, as if it had just been sent."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if not submission.is_quarantined:
        raise ModerationError(f"{submission.reference} is not in quarantine.")
    submission.status = Submission.Status.SUBMITTED
    submission.save(update_fields=["status"])
    log(submission, "goodpractice.submission.release", user=user, title=submission.reference)
    queue_submitted_emails(submission)
    return submission


@transaction.atomic
def delete_quarantined(submission, user):
    """Delete a quarantined submission (spam) and its files."""
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if not submission.is_quarantined:
        raise ModerationError(f"{submission.reference} is not in quarantine.")
    log(submission, "goodpractice.submission.delete", user=user, title=submission.reference)
    for attachment in submission.attachments.all():
        attachment.delete()
    reference = submission.reference
    submission.delete()
    return reference


@transaction.atomic
def resubmit(submission, form, form_token):
    current = Submission.objects.select_for_update().get(pk=submission.pk)
    if not current.can_be_changed_by_submitter:
        return current, False
    submission = form.save(commit=False)
    submission.status = Submission.Status.SUBMITTED
    submission.resubmitted_at = timezone.now()
    submission.save()
    form.save_m2m()
    SubmissionAttachment.objects.held_for(form_token).update(submission=submission)
    SubmissionMessage.objects.create(submission=submission, kind=SubmissionMessage.Kind.RESUBMITTED)
    log(submission, "goodpractice.submission.resubmit", title=submission.reference)
    queue_email("resubmitted", submission, moderator_emails(submission))
    return submission, True


def _decide(submission, user, kind, criteria, text):
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if not submission.is_waiting:
        raise ModerationError(
            f"{submission.reference} is no longer waiting for review "
            f"({submission.get_status_display().lower()}), so nothing was changed."
        )
    submission.status = kind
    if kind in Submission.DECIDED:
        submission.decided_at = timezone.now()
        submission.decided_by = user
    submission.save()
    SubmissionMessage.objects.create(
        submission=submission, kind=kind, criteria=list(criteria), text=text, author=user
    )
    log(
        submission,
        f"goodpractice.submission.{kind}",
        user=user,
        title=submission.reference,
        data={"criteria": list(criteria)},
    )
    queue_email(kind, submission, [submission.contact_email])
    return submission


@transaction.atomic
def request_changes(submission, user, criteria, text):
    return _decide(submission, user, Submission.Status.CHANGES_REQUESTED, criteria, text)


@transaction.atomic
def reject(submission, user, criteria, text):
    return _decide(submission, user, Submission.Status.REJECTED, criteria, text)


@transaction.atomic
def accept(submission, user, criteria, text):
    """Make a draft item with every field and every attachment, for the page editor."""
    repository = GoodPracticeIndexPage.objects.first()
    if repository is None:
        raise ModerationError(
            "There is no good practice repository page to add the item to. Create one first."
        )
    submission = _decide(submission, user, Submission.Status.ACCEPTED, criteria, text)
    item = build_item(submission, user)
    for classification in CLASSIFICATIONS:
        classification.copy(submission, item)
    collection = submission_collection(submission)
    item.documents = [
        GoodPracticeItemDocument(
            document=document_from_attachment(attachment, collection, user), sort_order=order
        )
        for order, attachment in enumerate(submission.attachments.all())
    ]
    repository.add_child(instance=item)
    item.save_revision(user=user, log_action=True)
    submission.item = item
    submission.save(update_fields=["item"])
    return submission


def build_item(submission, user):
    def paragraph(text):
        paragraphs = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n")]
        return RichText(
            "".join(
                f"<p>{escape(part).replace(chr(10), '<br/>')}</p>" for part in paragraphs if part
            )
        )

    body = []
    for heading, text in (
        ("The problem", submission.problem),
        ("What was done", submission.what_was_done),
        ("Outcomes and impact", submission.outcomes),
    ):
        body.append(("heading", {"text": heading, "level": "h2"}))
        body.append(("paragraph", paragraph(text)))
    base_slug = slugify(submission.title)[:70].rstrip("-") or "item"
    slug = base_slug
    siblings = set(GoodPracticeItemPage.objects.values_list("slug", flat=True))
    counter = 2
    while slug in siblings:
        slug = f"{base_slug}-{counter}"
        counter += 1
    return GoodPracticeItemPage(
        title=submission.title,
        slug=slug,
        summary=submission.summary,
        body=body,
        learners_reached=submission.learners_reached,
        **{name: getattr(submission, name).strip() for name in LEARNING_FIELDS},
        # Only what the submitter agreed to publish reaches the item (and its revisions).
        **personal_data.consented_contact(submission),
        live=False,
        owner=user,
    )


@transaction.atomic
def item_published(item):
    """The item made from a submission was published (Wagtail's page_published signal).

    The first time only, record when, log it and email the submitter: a later publication
    (an edit, or publishing again after taking it down) sends nothing, and the row lock keeps
    two publications at once from both sending. An erased submitter has no address left, so
    is not emailed."""
    first_time = Submission.objects.select_for_update().filter(
        item=item, status=Submission.Status.ACCEPTED, published_at__isnull=True
    )
    for submission in first_time:
        submission.published_at = item.last_published_at or timezone.now()
        submission.save(update_fields=["published_at"])
        log(submission, "goodpractice.submission.published", title=submission.reference)
        queue_email("published", submission, [submission.contact_email])


def submission_collection(submission):
    """The submission's own collection below the private one: its documents stay private until
    the item is published (resources.attachment_privacy)."""
    parent = awaiting_publication_collection()
    existing = parent.get_children().filter(name=submission.reference).first()
    return existing or parent.add_child(name=submission.reference)


def document_from_attachment(attachment, collection, user):
    with attachment.file.open("rb") as file:
        content = file.read()
    title = attachment.original_name.rsplit(".", 1)[0].replace("_", " ").strip()
    document = ResourceDocument(
        title=title[:255] or attachment.original_name,
        collection=collection,
        uploaded_by_user=user,
        detected_format=attachment.detected_format,
        page_count=attachment.page_count,
    )
    document.file.save(attachment.original_name, ContentFile(content), save=False)
    document._set_document_file_metadata()
    document.save()
    attachment.document = document
    attachment.save(update_fields=["document"])
    return document


@transaction.atomic
def erase(submission, user=None, *, retention_over=False):
    """Erase the submitter's personal data everywhere it is held (personal_data.ERASERS).

    On request (a moderator's "Erase personal data"), the published contact goes too; when
    the retention period is over, what the submitter agreed to publish stays on the item.
    Returns what was erased, per kind."""
    erased = personal_data.erase(
        submission, keep_published=retention_over, final=True if retention_over else None
    )
    log(submission, "goodpractice.submission.erase", user=user, title=submission.reference)
    return erased


def log_attachment_download(attachment, user):
    log(
        attachment.submission,
        "goodpractice.submission.download",
        user=user,
        title=attachment.submission.reference,
        data={"attachment": attachment.pk},
    )


def ensure_repository_workflow(repository):
    """Put the repository under the quality team's approval workflow, unless it has one."""
    if WorkflowPage.objects.filter(page=repository).exists():
        return False
    workflow = Workflow.objects.filter(name=QUALITY_TEAM_WORKFLOW, active=True).first()
    if workflow is None:
        logger.warning("No '%s' workflow to assign to the repository", QUALITY_TEAM_WORKFLOW)
        return False
    WorkflowPage.objects.create(workflow=workflow, page=repository)
    return True
