"""The weekly digest: the week's matching items, once."""

import io

from django.core import mail
from django.core.management import call_command

import pytest

from goodpractice.alerts.models import AlertEmail

pytestmark = pytest.mark.django_db


def digests(committed):
    output = io.StringIO()
    with committed():
        call_command("send_alert_digests", stdout=output)
    return output.getvalue()


def test_the_digest_lists_the_weeks_matching_items_once(terms, make_item, subscription, committed):
    alert = subscription(frequency="weekly", confirmed_days_ago=8)
    make_item(
        "Before the alert", themes=[terms["induction"]], regions=[terms["london"]], days_ago=9
    )
    make_item(
        "Induction buddies", themes=[terms["induction"]], regions=[terms["london"]], days_ago=5
    )
    make_item("Induction week", themes=[terms["induction"]], regions=[terms["wessex"]], days_ago=1)
    make_item("Attainment", themes=[terms["attainment"]], regions=[terms["london"]], days_ago=2)

    assert "queued: 1" in digests(committed)
    (message,) = mail.outbox
    assert message.to == [alert.email]
    assert message.subject.startswith("2 new good practice items this week")
    body = message.body
    assert body.index("Induction week") < body.index("Induction buddies")
    assert "Before the alert" not in body
    assert "Attainment" not in body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # Run again at once (the scheduler runs it hourly): nothing is due.
    assert "queued: 0" in digests(committed)
    # A week later, with nothing new, nothing is sent either: the items went already.
    alert.refresh_from_db()
    alert.digest_checked_at -= alert.digest_checked_at - alert.confirmed_at
    alert.save()
    assert "queued: 0" in digests(committed)
    assert len(mail.outbox) == 1
    assert AlertEmail.objects.filter(kind="digest").count() == 1


def test_a_digest_is_not_due_before_a_week(terms, make_item, subscription, committed):
    subscription(frequency="weekly", confirmed_days_ago=3)
    make_item("Induction week", themes=[terms["induction"]], regions=[terms["wessex"]], days_ago=1)
    assert "queued: 0" in digests(committed)
    assert not mail.outbox


def test_immediate_subscribers_get_no_digest(terms, make_item, subscription, committed):
    subscription(frequency="immediate", confirmed_days_ago=8)
    make_item("Induction week", themes=[terms["induction"]], regions=[terms["wessex"]], days_ago=1)
    assert "queued: 0" in digests(committed)
    assert not mail.outbox
