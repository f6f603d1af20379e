"""Immediate alerts when an item is published, and unsubscribing from them."""

from django.core import mail
from django.test import Client

import pytest

from goodpractice.alerts.models import AlertedItem, AlertEmail, Subscription
from goodpractice.alerts.tasks import queue_immediate_alerts
from tests.alerts.conftest import links

pytestmark = pytest.mark.django_db


def test_the_whole_journey_subscribe_confirm_alert_unsubscribe(
    client, repository, terms, committed, publish
):
    with committed():
        client.post(
            "/alerts/",
            {
                "email": "reader@example.nhs.uk",
                "frequency": "immediate",
                "query": "theme=induction",
            },
        )
    with committed():
        client.post(links(mail.outbox[0])["confirm"])
    mail.outbox.clear()

    item = publish(
        "Buddying for new starters", themes=[terms["induction"]], regions=[terms["london"]]
    )
    (message,) = mail.outbox
    assert message.to == ["reader@example.nhs.uk"]
    assert "Buddying for new starters" in message.subject
    assert f"http://testserver{item.url}" in message.body
    assert "http://testserver/good-practice/?theme=induction" in message.body
    unsubscribe = links(message)["unsubscribe"]
    assert message.extra_headers["List-Unsubscribe"] == f"<http://testserver{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert AlertEmail.objects.get(kind="alert").status == AlertEmail.Status.SENT

    # A mail client's one-click unsubscribe: a POST with no CSRF token, safe to repeat.
    mail_client = Client(enforce_csrf_checks=True)
    for _ in range(2):
        response = mail_client.post(
            unsubscribe,
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200
        assert "You have unsubscribed" in response.content.decode()
    assert not Subscription.objects.exists()
    assert not AlertEmail.objects.exists()

    mail.outbox.clear()
    publish("Another induction idea", themes=[terms["induction"]], regions=[terms["london"]])
    assert not mail.outbox


def test_an_item_the_query_does_not_find_sends_nothing(terms, publish, subscription):
    subscription(query="theme=induction&region=wessex")
    publish("Attainment work", themes=[terms["attainment"]], regions=[terms["wessex"]])
    publish("Induction in London", themes=[terms["induction"]], regions=[terms["london"]])
    assert not mail.outbox


def test_a_text_search_alert_matches_the_item_text(terms, publish, subscription):
    subscription(query="q=mentoring")
    publish("Reverse mentoring scheme", themes=[terms["attainment"]], regions=[terms["london"]])
    publish("Rota planning", themes=[terms["attainment"]], regions=[terms["london"]])
    (message,) = mail.outbox
    assert "Reverse mentoring scheme" in message.body
    assert "Rota planning" not in message.body


def test_weekly_and_unconfirmed_subscribers_get_nothing_at_once(terms, publish, subscription):
    subscription(frequency="weekly")
    unconfirmed = subscription(email="new@example.nhs.uk")
    unconfirmed.confirmed_at = None
    unconfirmed.save()
    publish("Induction day", themes=[terms["induction"]], regions=[terms["london"]])
    assert not mail.outbox


def test_an_item_is_sent_once_however_often_it_is_published(
    terms, publish, subscription, committed
):
    subscription()
    item = publish("Induction day", themes=[terms["induction"]], regions=[terms["london"]])
    with committed():
        item.save_revision().publish()
    assert queue_immediate_alerts(item.pk) == 0
    assert len(mail.outbox) == 1
    assert AlertedItem.objects.count() == 1


def test_a_failed_send_is_recorded(terms, publish, subscription, monkeypatch):
    subscription()

    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    publish("Induction day", themes=[terms["induction"]], regions=[terms["london"]])
    alert_email = AlertEmail.objects.get()
    # The immediate backend cannot retry later: the failure is recorded, and final.
    assert alert_email.status == AlertEmail.Status.FAILED
    assert alert_email.attempts == 1
    assert "mail server down" in alert_email.last_error


def test_the_unsubscribe_link_shows_a_button_first(client, repository, subscription):
    alert = subscription()
    page = client.get(f"/alerts/unsubscribe/{alert.token}/")
    assert page.status_code == 200
    assert '<button class="nhsuk-button"' in page.content.decode()
    assert page["X-Robots-Tag"] == "noindex"
    assert Subscription.objects.filter(pk=alert.pk).exists()


def test_the_manage_page_changes_the_frequency_and_deletes(client, repository, subscription):
    alert = subscription()
    url = f"/alerts/manage/{alert.token}/"
    page = client.get(url)
    assert 'value="immediate" checked' in page.content.decode()
    saved = client.post(url, {"action": "frequency", "frequency": "weekly"})
    assert "Saved: you will get emails once a week" in saved.content.decode()
    alert.refresh_from_db()
    assert alert.frequency == "weekly"
    deleted = client.post(url, {"action": "delete"})
    assert "You have unsubscribed" in deleted.content.decode()
    assert not Subscription.objects.exists()
    assert client.get(url).status_code == 404
