"""What a subscriber does: ask for an alert, confirm it, change it, end it.

Asking never says whether the address already has the alert: the answer is always "check
your email", and the email says what happened (a confirmation link, or that the alert exists
with its manage link). Ending a subscription deletes it, the address with it, at once: no
record of who was subscribed is kept (docs/privacy.md).
"""

import logging

from django.contrib.auth.base_user import BaseUserManager
from django.db import transaction
from django.utils import timezone

from django_tasks_db.models import DBTaskResult

from goodpractice.alerts import tasks
from goodpractice.alerts.limits import email_over_limit
from goodpractice.alerts.models import AlertEmail, Subscription

logger = logging.getLogger(__name__)


def request_alert(email, query, frequency):
    """Start (or remind about) an alert for `email`; the subscription it concerns."""
    email = BaseUserManager.normalize_email(email.strip())
    with transaction.atomic():
        existing = (
            Subscription.objects.filter(email__iexact=email, query=query)
            .order_by("-confirmed_at", "-created_at")
            .first()
        )
        if existing and existing.is_confirmed:
            subscription, kind = existing, AlertEmail.Kind.ALREADY_SUBSCRIBED
        elif existing:
            subscription, kind = existing, AlertEmail.Kind.CONFIRM
            if existing.frequency != frequency:
                existing.frequency = frequency
                existing.save(update_fields=["frequency"])
        else:
            subscription = Subscription.objects.create(
                email=email, query=query, frequency=frequency
            )
            kind = AlertEmail.Kind.CONFIRM
        if email_over_limit(email):
            logger.warning("Alert %s: too many emails asked for; none sent", subscription.pk)
        else:
            tasks.queue_email(subscription, kind)
    return subscription


def confirm(subscription):
    if subscription.confirmed_at is None:
        now = timezone.now()
        subscription.confirmed_at = subscription.digest_checked_at = now
        subscription.save(update_fields=["confirmed_at", "digest_checked_at"])
        logger.info("Alert %s confirmed", subscription.pk)


def change_frequency(subscription, frequency):
    if frequency == subscription.frequency:
        return
    subscription.frequency = frequency
    # A weekly digest starts a week from now (what was sent at once is not repeated anyway).
    subscription.digest_checked_at = timezone.now()
    subscription.save(update_fields=["frequency", "digest_checked_at"])


def erase(subscriptions):
    """Delete these subscriptions and everything that pointed at their addresses: their
    emails and the items listed (by cascade), and the finished results of their email
    tasks, whose tracebacks may quote a mail server refusing the address. Returns how many
    subscriptions were deleted."""
    with transaction.atomic():
        subscription_ids = list(subscriptions.values_list("pk", flat=True))
        if not subscription_ids:
            return 0
        email_ids = list(
            AlertEmail.objects.filter(subscription_id__in=subscription_ids).values_list(
                "pk", flat=True
            )
        )
        if email_ids:
            DBTaskResult.objects.exclude(status="RUNNING").filter(
                task_path=tasks.send_alert_email.module_path,
                args_kwargs__args__0__in=email_ids,
            ).delete()
        Subscription.objects.filter(pk__in=subscription_ids).delete()
    logger.info("Deleted %s alert subscription(s)", len(subscription_ids))
    return len(subscription_ids)
