"""Every place a submitter's personal data is held, and how each is erased.

ERASERS is the list docs/privacy.md describes, in the same order: the erasure (a moderator's
"Erase personal data", and `erase_submitter_data` after the retention period) runs each one
and reports what it erased, per kind. A new copy of a submitter's details (a new model, a
new log, a new cache) is added here, with a test in tests/submissions/test_erasure.py.

The submitter's details are their name, role, organisation and email address. An item keeps
what they agreed to publish (show_contact_details, show_contact_email) when the retention
period ends, and loses it too when they ask for erasure.
"""

import re
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.models import ModelLogEntry, PageLogEntry, Revision
from wagtail.search import index

from django_tasks_db.models import DBTaskResult

from goodpractice.home import frontend_cache, site_chrome
from goodpractice.repository.items import GoodPracticeItemPage
from goodpractice.submissions.notices import EmailNotice
from goodpractice.submissions.submission import Submission
from goodpractice.submissions.tasks import send_submission_email

ERASED = "[erased]"
CONTACT_FIELDS = ("contact_name", "contact_role", "contact_organisation", "contact_email")
DETAILS = ("contact_name", "contact_role", "contact_organisation")


def consented_contact(submission):
    """The item's contact fields for a submission: only what the submitter agreed to publish."""
    details = submission.show_contact_details and bool(submission.contact_name)
    email = submission.show_contact_email and bool(submission.contact_email)
    return {
        "contact_name": submission.contact_name if details else "",
        "contact_role": submission.contact_role if details else "",
        "contact_organisation": submission.contact_organisation if details else "",
        "show_contact_details": details,
        "contact_email": submission.contact_email if email else "",
        "show_contact_email": email,
    }


@dataclass
class Erasure:
    """One submitter's details, read before anything is erased, and what may stay public."""

    submission: Submission
    keep_published: bool
    final: bool | None
    values: dict = field(init=False)
    kept: dict = field(init=False)

    def __post_init__(self):
        submission = self.submission
        self.values = {name: getattr(submission, name).strip() for name in CONTACT_FIELDS}
        consented = consented_contact(submission) if self.keep_published else {}
        self.kept = {name: consented.get(name, "") for name in CONTACT_FIELDS}

    @property
    def item(self):
        if not self.submission.item_id:
            return None
        return GoodPracticeItemPage.objects.filter(pk=self.submission.item_id).first()

    def erased_value(self, name, value):
        """`value` of a contact field, unless it is the submitter's and may not stay."""
        mine = self.values[name] and str(value).strip().casefold() == self.values[name].casefold()
        return "" if mine and not self.kept[name] else value

    def words(self, keeping):
        """Values to take out of free text: the email address and the full name (a role or an
        organisation in a sentence is not the submitter's alone). `keeping`: except what
        stays published (in the item's own revisions)."""
        return [
            self.values[name]
            for name in ("contact_email", "contact_name")
            if len(self.values[name]) > 2 and not (keeping and self.kept[name])
        ]

    def scrub(self, value, keeping=False):
        """`value` (text, or JSON data) with the submitter's details taken out."""
        if isinstance(value, str):
            for word in self.words(keeping):
                value = re.sub(re.escape(word), ERASED, value, flags=re.IGNORECASE)
            return value
        if isinstance(value, list):
            return [self.scrub(part, keeping) for part in value]
        if isinstance(value, dict):
            return {
                key: self.erased_value(key, part)
                if key in CONTACT_FIELDS
                else self.scrub(part, keeping)
                for key, part in value.items()
            }
        return value


# The erasers, one per place. Each returns how many things (rows, files) it changed.


def erase_item(erasure):
    """The item made on acceptance: its contact fields, live and draft."""
    item = erasure.item
    if item is None:
        return 0
    changes = {
        name: erasure.erased_value(name, getattr(item, name))
        for name in CONTACT_FIELDS
        if erasure.erased_value(name, getattr(item, name)) != getattr(item, name)
    }
    if not changes:
        return 0
    if "contact_email" in changes:
        changes["show_contact_email"] = False
    if "contact_name" in changes:
        changes["show_contact_details"] = False
    GoodPracticeItemPage.objects.filter(pk=item.pk).update(**changes)
    if item.live:
        # The anonymous page cache and a CDN must not keep showing the old contact.
        transaction.on_commit(site_chrome.bump_version)
        if frontend_cache.configured():
            frontend_cache.purge_after_commit(frontend_cache.addresses_showing(item))
    return 1


def erase_revisions(erasure):
    """Every revision of the item (Wagtail's Revision.content, the page as JSON)."""
    if not erasure.submission.item_id:
        return 0
    changed = 0
    for revision in Revision.page_revisions.filter(object_id=str(erasure.submission.item_id)):
        content = erasure.scrub(revision.content, keeping=True)
        if not content.get("contact_email"):
            content["show_contact_email"] = False
        if not content.get("contact_name"):
            content["show_contact_details"] = False
        if content != revision.content:
            Revision.objects.filter(pk=revision.pk).update(content=content)
            changed += 1
    return changed


def erase_email_notices(erasure):
    """The emails sent: their recipients and any error (a mail server's may quote them)."""
    return (
        EmailNotice.objects.filter(submission=erasure.submission)
        .exclude(recipients=[], last_error="")
        .update(recipients=[], last_error="")
    )


def erase_task_results(erasure):
    """django_tasks_db's results of the tasks that sent those emails (their arguments are the
    notice's id, their tracebacks may quote a mail server's error), and any other result
    whose traceback quotes the address."""
    notices = list(erasure.submission.email_notices.values_list("pk", flat=True))
    finished = DBTaskResult.objects.exclude(status="RUNNING")
    deleted, _ = finished.filter(
        task_path=send_submission_email.module_path, args_kwargs__args__0__in=notices
    ).delete()
    quoting = 0
    for word in erasure.words(keeping=False):
        for result in finished.filter(traceback__icontains=word):
            DBTaskResult.objects.filter(pk=result.pk).update(
                traceback=erasure.scrub(result.traceback)
            )
            quoting += 1
    return deleted + quoting


def erase_log_entries(erasure):
    """Wagtail's audit log: the submission's moderation log (ModelLogEntry) and the item's
    history (PageLogEntry): labels and data."""
    submission = erasure.submission
    entries = [
        *ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Submission),
            object_id=str(submission.pk),
        )
    ]
    if submission.item_id:
        entries += PageLogEntry.objects.filter(page_id=submission.item_id)
    changed = 0
    for entry in entries:
        label, data = erasure.scrub(entry.label), erasure.scrub(entry.data)
        if (label, data) != (entry.label, entry.data):
            type(entry).objects.filter(pk=entry.pk).update(label=label, data=data)
            changed += 1
    return changed


def erase_messages(erasure):
    """The quality team's messages to the submitter (they may greet them by name)."""
    changed = 0
    for message in erasure.submission.messages.all():
        text = erasure.scrub(message.text)
        if text != message.text:
            type(message).objects.filter(pk=message.pk).update(text=text)
            changed += 1
    return changed


def erase_search_index(erasure):
    """The search index (wagtailsearch's IndexEntry): contact fields are not indexed, but the
    item is indexed again from what is left, so nothing erased stays searchable."""
    item = erasure.item
    if item is None:
        return 0
    index.insert_or_update_object(item)
    return 1


def erase_attachments(erasure):
    """The attachment files (private storage), once the outcome is final: a decision, or the
    retention period over. An accepted submission's files live on as the item's documents."""
    submission = erasure.submission
    final = submission.is_decided if erasure.final is None else erasure.final
    if not final:
        return 0
    attachments = list(submission.attachments.all())
    for attachment in attachments:
        attachment.delete()
    return len(attachments)


def erase_submission(erasure):
    """The submission's own fields."""
    erasure.submission.erase_personal_data(final=False)
    return 1


@dataclass(frozen=True)
class Store:
    kind: str
    where: str
    erase: object = None  # None: held nowhere the site can erase (see docs/privacy.md)


ERASERS = [
    Store("item pages", "the draft or live item's contact fields", erase_item),
    Store("page revisions", "every revision of the item (Revision.content)", erase_revisions),
    Store("emails", "EmailNotice recipients and errors", erase_email_notices),
    Store("task results", "django_tasks_db results of the email tasks", erase_task_results),
    Store("audit log entries", "ModelLogEntry and PageLogEntry labels and data", erase_log_entries),
    Store("messages", "the quality team's messages to the submitter", erase_messages),
    Store("search index entries", "the item in wagtailsearch's index", erase_search_index),
    Store(
        "cache",
        "the anonymous page cache (moved on by erase_item); rate-limit counters "
        "hold an IP address and expire after SUBMISSION_RATE_LIMIT_WINDOW",
    ),
    Store("logs", "application logs name the reference only, never personal data"),
    # Last: the others read the submitter's details from it.
    Store("attachment files", "the submission's files in private storage", erase_attachments),
    Store("submissions", "the submission's contact fields and consents", erase_submission),
]


def erase(submission, *, keep_published=False, final=None):
    """Erase one submitter's details from every store; {kind: count} of what changed."""
    erasure = Erasure(submission, keep_published=keep_published, final=final)
    return {store.kind: store.erase(erasure) for store in ERASERS if store.erase is not None}
