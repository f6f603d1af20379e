"""Subscribers' addresses are kept no longer than needed (docs/privacy.md)."""

import io
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

import pytest
from django_tasks_db.models import DBTaskResult

from goodpractice.alerts.models import AlertEmail, Subscription
from goodpractice.alerts.subscriptions import erase
from goodpractice.alerts.tasks import send_alert_email

pytestmark = pytest.mark.django_db


def unconfirmed(email, days_ago):
    return Subscription.objects.create(
        email=email,
        query="",
        frequency="weekly",
        created_at=timezone.now() - timedelta(days=days_ago),
    )


def test_unconfirmed_alerts_are_deleted_after_a_week(subscription):
    stale = unconfirmed("stale@example.nhs.uk", 8)
    recent = unconfirmed("recent@example.nhs.uk", 6)
    confirmed = subscription(confirmed_days_ago=30)
    output = io.StringIO()
    call_command("erase_alert_subscriptions", stdout=output)
    assert "Unconfirmed alerts older than 7 days deleted: 1" in output.getvalue()
    remaining = set(Subscription.objects.values_list("pk", flat=True))
    assert remaining == {recent.pk, confirmed.pk}
    assert stale.pk not in remaining


def test_the_dry_run_deletes_nothing():
    unconfirmed("stale@example.nhs.uk", 8)
    output = io.StringIO()
    call_command("erase_alert_subscriptions", "--dry-run", stdout=output)
    assert "older than 7 days: 1 (dry run" in output.getvalue()
    assert Subscription.objects.count() == 1


def test_erasing_deletes_the_emails_and_their_task_results(subscription):
    alert = subscription()
    other = subscription(email="other@example.nhs.uk")
    alert_email = AlertEmail.objects.create(subscription=alert, kind="alert", status="failed")
    other_email = AlertEmail.objects.create(subscription=other, kind="alert")

    def result(email_id):
        return DBTaskResult.objects.create(
            task_path=send_alert_email.module_path,
            args_kwargs={"args": [email_id], "kwargs": {}},
            status="FAILED",
            queue_name="default",
            backend_name="default",
            traceback="SMTPRecipientsRefused: {'reader@example.nhs.uk': (550, b'No such user')}",
        )

    result(alert_email.pk)
    kept = result(other_email.pk)
    assert erase(Subscription.objects.filter(pk=alert.pk)) == 1
    assert not AlertEmail.objects.filter(pk=alert_email.pk).exists()
    assert list(DBTaskResult.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not Subscription.objects.filter(email="reader@example.nhs.uk").exists()


def test_an_erasure_request_deletes_every_alert_of_the_address(subscription):
    subscription(email="Reader@Example.nhs.uk")
    subscription(email="reader@example.nhs.uk", query="region=london")
    kept = subscription(email="other@example.nhs.uk")
    output = io.StringIO()
    call_command("erase_alert_subscriptions", "--email", "READER@example.nhs.uk", stdout=output)
    assert "Alerts of that address deleted: 2" in output.getvalue()
    assert list(Subscription.objects.values_list("pk", flat=True)) == [kept.pk]
