"""A subscriber's alert (the finder query it follows) and every email sent about it.

The address lives only on the Subscription: the emails, the items they listed and the task
results point at it by id, so deleting the subscription (unsubscribing, or the clean-up of
unconfirmed ones) deletes the address everywhere (docs/privacy.md).
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone

DIGEST_INTERVAL = timedelta(days=7)


def new_token():
    return secrets.token_urlsafe(32)


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed_before(self, cutoff):
        return self.filter(confirmed_at__isnull=True, created_at__lt=cutoff)

    def stale_unconfirmed(self, now=None):
        """Never confirmed within ALERTS_UNCONFIRMED_DAYS: to be deleted."""
        now = now or timezone.now()
        return self.unconfirmed_before(now - timedelta(days=settings.ALERTS_UNCONFIRMED_DAYS))

    def immediate(self):
        return self.confirmed().filter(frequency=Subscription.Frequency.IMMEDIATE)

    def digest_due(self, now=None):
        """Weekly subscriptions whose last digest (or confirmation) is a week old or more."""
        now = now or timezone.now()
        return (
            self.confirmed()
            .filter(frequency=Subscription.Frequency.WEEKLY)
            .annotate(digest_from=Coalesce("digest_checked_at", "confirmed_at"))
            .filter(digest_from__lte=now - DIGEST_INTERVAL)
        )


class Subscription(models.Model):
    """One address following one search of the repository, from its confirmation link.

    `query` is the finder's normalised query string (goodpractice.alerts.matching), the same
    one its feeds read, so "items like these" means exactly what the listing shows. The
    token opens the confirm, manage and unsubscribe pages: whoever has the email has it.
    """

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", "As soon as an item is published"
        WEEKLY = "weekly", "Once a week"

    email = models.EmailField(max_length=254)
    query = models.TextField(blank=True)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    # When the weekly digest last looked for items (whether or not it found any).
    digest_checked_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        indexes = [models.Index(fields=["confirmed_at", "frequency"])]

    def __str__(self):
        return f"Alert {self.pk} ({self.get_frequency_display().lower()})"

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None


class AlertEmail(models.Model):
    """One email to a subscriber, from being queued to being sent (or given up on).

    The task that sends it takes only this id and sends it only if not sent already, under a
    row lock, so a retried or duplicated task never sends it twice.
    """

    class Kind(models.TextChoices):
        CONFIRM = "confirm", "Confirm your subscription"
        ALREADY_SUBSCRIBED = "already_subscribed", "Already subscribed"
        ALERT = "alert", "New item"
        DIGEST = "digest", "Weekly digest"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to be sent"
        RETRYING = "retrying", "Not sent yet: will try again"
        SENT = "sent", "Sent"
        FAILED = "failed", "Could not be sent"
        WITHDRAWN = "withdrawn", "Not sent: its items were withdrawn"

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.kind} ({self.get_status_display().lower()})"


class AlertedItem(models.Model):
    """An item a subscriber has been (or is being) emailed about: never twice."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="alerted_items"
    )
    email = models.ForeignKey(AlertEmail, on_delete=models.CASCADE, related_name="items")
    item = models.ForeignKey(
        "repository.GoodPracticeItemPage", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "item"], name="alerts_item_once_per_subscription"
            )
        ]


__all__ = ["AlertEmail", "AlertedItem", "Subscription"]
