"""The emails sent about submissions, each recorded from being queued to being sent."""

from django.db import models
from django.utils import timezone


class EmailNoticeQuerySet(models.QuerySet):
    def failed(self):
        return self.filter(status=EmailNotice.Status.FAILED)


class EmailNotice(models.Model):
    """One email about a submission, from being queued to being sent (or given up on).

    The task that sends it takes the notice's id, and sends only a notice not already sent,
    under a row lock: a retried or duplicated task never sends it twice. The recipients live
    here, not in the task's arguments, so erasing a submitter's details erases them too.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to be sent"
        RETRYING = "retrying", "Not sent yet: will try again"
        SENT = "sent", "Sent"
        FAILED = "failed", "Could not be sent"

    submission = models.ForeignKey(
        "submissions.Submission", on_delete=models.CASCADE, related_name="email_notices"
    )
    kind = models.CharField(max_length=30)
    recipients = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = EmailNoticeQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.kind} ({self.get_status_display().lower()})"


__all__ = ["EmailNotice"]
