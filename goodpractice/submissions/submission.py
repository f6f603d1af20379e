"""Initiatives that regional teams submit through the public form, and their moderation.

A submission's classifications (themes, regions, ...) are fields added from
goodpractice.repository.classifications, the same list the items' come from.

A submission is never published itself: accepting one creates a draft GoodPracticeItemPage,
which then goes through the site's publishing workflow. Submitters have no account; they
follow a private status link whose token carries an HMAC made with SECRET_KEY, so the
database alone (a backup, a leak) is not enough to open anyone's status page.
"""

import secrets
import statistics
import uuid
from datetime import timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.db import models
from django.db.models import Count, Max, Q
from django.db.models.functions import Coalesce, Greatest
from django.dispatch import receiver
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.functional import LazyObject, cached_property, empty

from wagtail.admin.panels import FieldPanel

from storages.backends.s3 import S3Storage

from goodpractice.classification.models import Region
from goodpractice.repository.classifications import add_submission_fields
from goodpractice.repository.items import GoodPracticeItemPage

STATUS_TOKEN_SALT = "goodpractice.submission-status"  # noqa: S105 (a salt, not a secret)


class NoURL:
    """Attachments have no URL, not even a signed one, until the quality team accepts them."""

    def url(self, name, *args, **kwargs):
        raise ValueError("Submitted files are not accessible via a URL; moderators download them.")


class PrivateStorage(NoURL, FileSystemStorage):
    """Attachments on the file system: in SUBMISSION_PRIVATE_ROOT, outside MEDIA_ROOT."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.SUBMISSION_PRIVATE_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "SUBMISSION_PRIVATE_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


class PrivateS3Storage(NoURL, S3Storage):
    """Attachments in a private bucket (goodpractice.settings.storage writes them private)."""


class SubmissionStorage(LazyObject):
    """STORAGES["submissions"], looked up when first used, as Django's default_storage is."""

    def _setup(self):
        self._wrapped = storages["submissions"]


submission_storage = SubmissionStorage()


@receiver(setting_changed)
def _use_changed_storages(*, setting, **kwargs):
    if setting == "STORAGES":
        submission_storage._wrapped = empty


def private_storage():
    """A callable, so that the migrations name it rather than the storage configured."""
    return submission_storage


def attachment_path(instance, filename):
    """A server-made name: nothing of the uploader's file name reaches the file system."""
    extension = PurePosixPath(filename).suffix.lower()
    return f"submissions/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


STATUS_KEY_LENGTH = 32


def new_status_key():
    return secrets.token_urlsafe(24)  # 32 characters


class ReviewCriterion(models.TextChoices):
    """The published criteria a decision is explained against (editors describe them on the
    submission page; the keys are fixed so that decisions stay comparable)."""

    USEFUL_LEARNING = "useful_learning", "Useful learning for other regions"
    PLAIN_ENGLISH = "plain_english", "Written in plain English"
    EVIDENCE_OF_IMPACT = "evidence_of_impact", "Evidence of impact"
    NEW_OR_EXCEEDING = "new_or_exceeding", "New, or exceeding standards"


class SubmissionQuerySet(models.QuerySet):
    def awaiting_review(self):
        return self.filter(status=Submission.Status.SUBMITTED)

    def decided(self):
        return self.filter(status__in=Submission.DECIDED)

    def visible_to(self, user):
        """What a user may see in the admin: everything for the quality team (or anyone with
        the view permission), their own regions' submissions for a region moderator."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if user.has_perm("submissions.view_submission"):
            return self
        regions = RegionModerators.objects.filter(group__in=user.groups.all()).values("region")
        return self.filter(regions__in=regions).distinct()

    def quarantined(self):
        return self.filter(status=Submission.Status.QUARANTINED)

    def outside_quarantine(self):
        return self.exclude(status=Submission.Status.QUARANTINED)

    def erasable(self, older_than_days):
        """Submissions whose submitter's details are still held after the retention period:
        decided ones counted from the decision; waiting, sent-back and quarantined ones from
        their last activity (sent, resubmitted, or a message from the quality team)."""
        cutoff = timezone.now() - timedelta(days=older_than_days)
        last_activity = Greatest(
            "submitted_at",
            Coalesce("resubmitted_at", "submitted_at"),
            Coalesce(Max("messages__created_at"), "submitted_at"),
        )
        return (
            self.filter(personal_data_erased_at__isnull=True)
            .annotate(last_activity=last_activity)
            .filter(
                Q(status__in=Submission.DECIDED, decided_at__lt=cutoff)
                | (~Q(status__in=Submission.DECIDED) & Q(last_activity__lt=cutoff))
            )
        )

    def for_admin_listing(self):
        return self.prefetch_related("regions", "themes")

    def _counts_by(self, field):
        return list(
            self.order_by()
            .filter(**{f"{field}__isnull": False})
            .values_list(field)
            .annotate(n=Count("pk", distinct=True))
            .order_by("-n", field)
        )

    def statistics(self):
        """Figures for the dashboard panel, in a handful of queries."""
        waiting = self.awaiting_review()
        oldest = waiting.order_by("submitted_at").values_list("submitted_at", flat=True).first()
        durations = [
            (decided - submitted).total_seconds() / 86400
            for submitted, decided in self.decided()
            .order_by("-decided_at")
            .values_list("submitted_at", "decided_at")[:500]
        ]
        by_outcome = dict(
            self.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n")
        )
        return {
            "waiting": by_outcome.get(Submission.Status.SUBMITTED, 0),
            "oldest_waiting": oldest,
            "median_days_to_decision": (
                round(statistics.median(durations), 1) if durations else None
            ),
            "by_outcome": [
                (label, by_outcome.get(value, 0)) for value, label in Submission.Status.choices
            ],
            "by_region": self._counts_by("regions__name"),
            "by_theme": self._counts_by("themes__name"),
        }


class Submission(models.Model):
    """One initiative as its team described it, with its moderation state."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Waiting for review"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Not accepted"
        QUARANTINED = "quarantined", "Quarantined (failed the bot checks)"

    DECIDED = (Status.ACCEPTED, Status.REJECTED)

    reference = models.CharField(max_length=20, unique=True, null=True, editable=False)  # noqa: DJ001 (empty until the row has its pk)
    form_token = models.CharField(
        max_length=64,
        unique=True,
        editable=False,
        help_text="The one-time token of the form that created it: a second post of the same "
        "form finds this submission instead of creating another.",
    )
    status_key = models.CharField(
        max_length=64, unique=True, default=new_status_key, editable=False
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )

    title = models.CharField(max_length=255)
    summary = models.TextField(max_length=400)
    problem = models.TextField("the problem")
    what_was_done = models.TextField("what was done")
    outcomes = models.TextField("outcomes and impact")
    # Optional, as NICE Shared Learning asks; copied onto the item when it is accepted.
    key_learning = models.TextField("key learning", blank=True)
    transferability = models.TextField(blank=True)
    costs = models.TextField(blank=True)
    suggested_tags = models.CharField(max_length=255, blank=True)
    learners_reached = models.PositiveIntegerField(null=True, blank=True)

    contact_name = models.CharField("lead contact name", max_length=150, blank=True)
    contact_role = models.CharField("lead contact role", max_length=150, blank=True)
    contact_organisation = models.CharField("lead contact organisation", max_length=200, blank=True)
    contact_email = models.EmailField("lead contact email", blank=True)
    show_contact_details = models.BooleanField(
        "consent to publish the name, role and organisation", default=False
    )
    show_contact_email = models.BooleanField("consent to show the email address", default=False)
    data_protection_consent_at = models.DateTimeField(null=True, editable=False)
    personal_data_erased_at = models.DateTimeField(null=True, blank=True, editable=False)
    quarantine_reason = models.CharField(
        max_length=30,
        blank=True,
        editable=False,
        help_text="Why the bot checks held it back (the honeypot filled, or sent too fast).",
    )

    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)
    resubmitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    page = models.ForeignKey(
        "submissions.SubmitGoodPracticePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
        editable=False,
        help_text="The form page it was sent through: its status link lives there.",
    )
    item = models.ForeignKey(
        GoodPracticeItemPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
        help_text="The draft item made when the submission was accepted.",
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the item made from it was first published (the submitter is emailed "
        "then, once).",
    )

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        default_permissions = ("view",)
        permissions = [
            ("moderate_submission", "Can accept, reject or request changes to submissions")
        ]

    def __str__(self):
        # Log labels and page titles use this: the reference only, never personal data.
        return self.reference or "New submission"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if not self.reference:
            # Derived from the primary key (a database sequence), so unique under concurrency.
            self.reference = f"GP-{self.submitted_at:%Y}-{self.pk:04d}"
            super().save(update_fields=["reference"])

    @staticmethod
    def _status_mac(key):
        return salted_hmac(STATUS_TOKEN_SALT, key, algorithm="sha256").hexdigest()

    @property
    def status_token(self):
        # Letters, digits, "-" and "_" only: Wagtail serves page paths made of those.
        return self.status_key + self._status_mac(self.status_key)

    @classmethod
    def key_from_status_token(cls, token):
        """The status key a token stands for, or None if the token was not made by this site."""
        key, mac = token[:STATUS_KEY_LENGTH], token[STATUS_KEY_LENGTH:]
        if len(key) == STATUS_KEY_LENGTH and constant_time_compare(mac, cls._status_mac(key)):
            return key
        return None

    @property
    def is_waiting(self):
        return self.status == self.Status.SUBMITTED

    @property
    def can_be_changed_by_submitter(self):
        return self.status == self.Status.CHANGES_REQUESTED

    @property
    def is_quarantined(self):
        return self.status == self.Status.QUARANTINED

    @property
    def is_decided(self):
        return self.status in self.DECIDED

    @property
    def tag_list(self):
        return [tag.strip() for tag in self.suggested_tags.split(",") if tag.strip()][:10]

    @cached_property
    def region_ids(self):
        return [region.pk for region in self.regions.all()]

    def similar_items(self, limit=5):
        return GoodPracticeItemPage.objects.similar_to(self.title, self.summary, limit=limit)

    @property
    def status_url(self):
        """The full private status link, for emails ('' if the form page has gone)."""
        return self.page.specific.status_url(self) if self.page_id else ""

    def erase_personal_data(self, *, final=None):
        """Forget who submitted it, here and in its emails (the other copies are erased by
        goodpractice.submissions.personal_data). Attachment files go too once the outcome is
        final (an accepted submission's files already live on as documents), or when
        `final` says so (the retention period is over)."""
        self.contact_name = self.contact_role = self.contact_organisation = ""
        self.contact_email = ""
        self.show_contact_email = self.show_contact_details = False
        self.personal_data_erased_at = timezone.now()
        self.save()
        self.email_notices.update(recipients=[], last_error="")
        files = 0
        if self.is_decided if final is None else final:
            for attachment in self.attachments.all():
                attachment.delete()
                files += 1
        return files


add_submission_fields(Submission)


# A file added to a form that has not been sent is held this long, then deleted.
HELD_FILES_MAX_AGE = timedelta(hours=24)


class SubmissionAttachmentQuerySet(models.QuerySet):
    def held_for(self, form_token):
        """Files accepted for a form that has not been submitted yet.

        The form token is a random value signed with SECRET_KEY and shown only in the page of
        the visitor who opened the form, so nobody else can name it, nor claim its files.
        """
        return self.filter(
            submission__isnull=True,
            form_token=form_token,
            uploaded_at__gte=timezone.now() - HELD_FILES_MAX_AGE,
        )

    def abandoned(self, older_than=HELD_FILES_MAX_AGE):
        """Held files of forms never sent, past their time (the delete_held_uploads job)."""
        return self.filter(submission__isnull=True, uploaded_at__lt=timezone.now() - older_than)


class SubmissionAttachment(models.Model):
    """A file that passed inspection, kept privately until the submission is accepted."""

    submission = models.ForeignKey(
        Submission, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    form_token = models.CharField(max_length=64, db_index=True, editable=False)
    file = models.FileField(storage=private_storage, upload_to=attachment_path, max_length=200)
    original_name = models.CharField(max_length=255)
    detected_format = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    page_count = models.PositiveIntegerField(null=True, blank=True)
    uploaded_at = models.DateTimeField(default=timezone.now)
    document = models.ForeignKey(
        "resources.ResourceDocument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The document made from this file when the submission was accepted.",
    )

    objects = SubmissionAttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name

    def delete(self, *args, **kwargs):
        self.file.delete(save=False)
        return super().delete(*args, **kwargs)


class SubmissionMessage(models.Model):
    """A decision or note that the submitter sees on their status page."""

    class Kind(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        REJECTED = "rejected", "Not accepted"
        RESUBMITTED = "resubmitted", "Resubmitted"

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    criteria = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d})"

    @property
    def criteria_labels(self):
        labels = dict(ReviewCriterion.choices)
        return [labels[key] for key in self.criteria if key in labels]


class RegionModerators(models.Model):
    """An optional group told about new submissions from one region (the quality team is told
    about regions without one). Members also see and moderate those regions' submissions."""

    region = models.OneToOneField(Region, on_delete=models.CASCADE, related_name="moderators")
    group = models.ForeignKey("auth.Group", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("region"), FieldPanel("group")]

    class Meta:
        verbose_name = "region moderator group"
        verbose_name_plural = "region moderator groups"

    def __str__(self):
        return f"{self.region}: {self.group}"


__all__ = [
    "RegionModerators",
    "ReviewCriterion",
    "Submission",
    "SubmissionAttachment",
    "SubmissionMessage",
]
