"""Alert emails, sent in the background by the task worker.

Each email is an AlertEmail, queued in the transaction that makes it and sent once it
commits; the task takes only its id, so no address sits in the task queue. Like the
submissions' emails (goodpractice.submissions.tasks), which this follows: django-tasks has
no retries of its own, so a failed send records the error, schedules the task again with a
growing delay up to ALERTS_EMAIL_MAX_ATTEMPTS, and fails, so the task's result says so too.
Every email carries a one-click unsubscribe link (RFC 8058 List-Unsubscribe headers).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from django_tasks import task

from goodpractice.alerts import matching
from goodpractice.alerts.models import AlertedItem, AlertEmail, Subscription
from goodpractice.repository.items import GoodPracticeItemPage

logger = logging.getLogger(__name__)

TEMPLATE_DIR = "alerts/emails"
# An item first published longer ago than this is not new (a republished old item).
NEW_ITEM_DAYS = 7


class EmailNotSent(Exception):
    """Raised after a failed send is recorded, so that the task is a failure too."""


def retry_delay(attempt):
    """1, 4, 16, 64 minutes... capped at six hours."""
    return timedelta(minutes=min(4 ** (attempt - 1), 360))


def queue_email(subscription, kind, item_ids=()):
    """An email to the subscriber, sent once the current transaction commits; None if every
    item was already sent to them (each item goes to a subscriber once)."""
    with transaction.atomic():
        email = AlertEmail.objects.create(subscription=subscription, kind=kind)
        for item_id in item_ids:
            try:
                with transaction.atomic():
                    AlertedItem.objects.create(
                        subscription=subscription, email=email, item_id=item_id
                    )
            except IntegrityError:  # sent already, by another task
                continue
        if item_ids and not email.items.exists():
            email.delete()
            return None
    transaction.on_commit(lambda: send_alert_email.enqueue(email.pk))
    return email


def unsubscribe_url(subscription):
    return matching.absolute_url(reverse("alerts:unsubscribe", args=[subscription.token]))


def email_context(alert_email, repository):
    subscription = alert_email.subscription
    query = subscription.query
    items = []
    if alert_email.kind in (AlertEmail.Kind.ALERT, AlertEmail.Kind.DIGEST):
        items = matching.items_for_email(
            repository, alert_email.items.values_list("item_id", flat=True)
        )
    description = matching.describe(repository, query)
    return {
        "subscription": subscription,
        "search_description": description,
        "follows": f"new items matching {description}" if description else "every new item",
        "finder_url": matching.finder_url(repository, query),
        "confirm_url": matching.absolute_url(reverse("alerts:confirm", args=[subscription.token])),
        "manage_url": matching.absolute_url(reverse("alerts:manage", args=[subscription.token])),
        "unsubscribe_url": unsubscribe_url(subscription),
        "items": items,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }


def build_message(alert_email, context):
    kind = alert_email.kind
    subject = render_to_string(f"{TEMPLATE_DIR}/{kind}_subject.txt", context).strip()
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=render_to_string(f"{TEMPLATE_DIR}/{kind}.txt", context),
        to=[alert_email.subscription.email],
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def send(email_id):
    """Send the email unless it has been sent already; record the outcome either way."""
    with transaction.atomic():
        alert_email = (
            AlertEmail.objects.select_for_update()
            .select_related("subscription")
            .filter(pk=email_id)
            .first()
        )
        if alert_email is None or alert_email.status in (
            AlertEmail.Status.SENT,
            AlertEmail.Status.WITHDRAWN,
        ):
            return  # sent already, or its subscription deleted since
        repository = matching.finder()
        context = email_context(alert_email, repository) if repository else None
        listed = alert_email.kind in (AlertEmail.Kind.ALERT, AlertEmail.Kind.DIGEST)
        if context is None or (listed and not context["items"]):
            alert_email.status = AlertEmail.Status.WITHDRAWN
            alert_email.save(update_fields=["status"])
            return
        alert_email.attempts += 1
        try:
            build_message(alert_email, context).send()
        except Exception as error:
            logger.exception(
                "Could not send the '%s' alert email %s (attempt %s of %s)",
                alert_email.kind,
                alert_email.pk,
                alert_email.attempts,
                settings.ALERTS_EMAIL_MAX_ATTEMPTS,
            )
            alert_email.last_error = f"{type(error).__name__}: {error}"[:300]
            alert_email.status = (
                AlertEmail.Status.RETRYING
                if schedule_retry(alert_email)
                else AlertEmail.Status.FAILED
            )
            alert_email.save(update_fields=["attempts", "last_error", "status"])
        else:
            now = timezone.now()
            alert_email.status, alert_email.sent_at = AlertEmail.Status.SENT, now
            alert_email.save(update_fields=["attempts", "status", "sent_at"])
            if listed:
                Subscription.objects.filter(pk=alert_email.subscription_id).update(last_sent_at=now)
            logger.info("Sent the '%s' alert email %s", alert_email.kind, alert_email.pk)
            return
    raise EmailNotSent(f"The '{alert_email.kind}' alert email {alert_email.pk} was not sent")


def schedule_retry(alert_email):
    """Queue another try later; False if there will be none."""
    if alert_email.attempts >= settings.ALERTS_EMAIL_MAX_ATTEMPTS:
        return False
    if not send_alert_email.get_backend().supports_defer:
        logger.error(
            "An alert email was not sent and the tasks backend cannot retry it later; "
            "configure the database backend and its worker (docs/alerts.md)"
        )
        return False
    run_after = timezone.now() + retry_delay(alert_email.attempts)
    transaction.on_commit(
        lambda: send_alert_email.using(run_after=run_after).enqueue(alert_email.pk)
    )
    return True


def queue_immediate_alerts(item_id):
    """An email about a newly published item to each immediate subscriber whose query finds
    it, once each. Returns how many were queued."""
    repository = matching.finder()
    if repository is None:
        return 0
    item = (
        GoodPracticeItemPage.objects.published_in(repository)
        .filter(pk=item_id)
        .only("pk", "first_published_at")
        .first()
    )
    if item is None or item.first_published_at is None:
        return 0
    if item.first_published_at < timezone.now() - timedelta(days=NEW_ITEM_DAYS):
        return 0
    subscriptions = (
        Subscription.objects.immediate()
        .filter(confirmed_at__lte=item.first_published_at)
        .exclude(alerted_items__item_id=item_id)
        .order_by("query", "pk")
    )
    matcher = matching.QueryMatcher(repository)
    queued = 0
    for subscription in subscriptions:
        if matcher.matching(subscription.query, [item_id]) and queue_email(
            subscription, AlertEmail.Kind.ALERT, [item_id]
        ):
            queued += 1
    return queued


def queue_digests(now=None):
    """Each due weekly subscriber's digest of the items their query finds published since
    their last one; none when there are none. Safe to run again: a subscriber is due once a
    week, and an item goes to a subscriber once. Returns how many digests were queued."""
    now = now or timezone.now()
    repository = matching.finder()
    if repository is None:
        return 0
    matcher = matching.QueryMatcher(repository)
    queued = 0
    due = Subscription.objects.digest_due(now).order_by("query", "pk")
    for subscription_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            subscription = (
                Subscription.objects.digest_due(now)
                .select_for_update(of=("self",))
                .filter(pk=subscription_id)
                .first()
            )
            if subscription is None:
                continue  # sent by another run, changed or deleted since
            since = subscription.digest_checked_at or subscription.confirmed_at
            published = matching.items_published_since(repository, since, until=now)
            sent = set(subscription.alerted_items.values_list("item_id", flat=True))
            new = [pk for pk in published if pk not in sent]
            found = matcher.matching(subscription.query, new) if new else []
            if found and queue_email(subscription, AlertEmail.Kind.DIGEST, found):
                queued += 1
            subscription.digest_checked_at = now
            subscription.save(update_fields=["digest_checked_at"])
    return queued


@task()
def send_alert_email(email_id):
    send(email_id)


@task()
def alert_new_item(item_id):
    queue_immediate_alerts(item_id)
