"""Asking for an alert: the form, the confirmation email, confirming, and abuse limits."""

from django.core import mail
from django.test import override_settings

import pytest

from goodpractice.alerts.models import Subscription
from tests.alerts.conftest import links

pytestmark = pytest.mark.django_db

EMAIL = "reader@example.nhs.uk"


def ask(client, committed, email=EMAIL, frequency="immediate", query="theme=induction"):
    with committed():
        return client.post("/alerts/", {"email": email, "frequency": frequency, "query": query})


def test_the_finder_links_to_an_alert_for_its_current_search(client, repository, terms):
    page = client.get(repository.url, {"theme": "induction", "q": "mentoring"})
    assert 'href="/alerts/?q=mentoring&amp;theme=induction"' in page.content.decode()
    assert "Get emails about new items like these" in page.content.decode()
    term_page = client.get(repository.url + "themes/induction/")
    assert 'href="/alerts/?theme=induction"' in term_page.content.decode()


def test_the_form_describes_the_search_and_keeps_only_what_the_finder_reads(
    client, repository, terms
):
    page = client.get(
        "/alerts/",
        {"region": ["wessex", "london"], "theme": "induction", "sort": "title", "page": "3"},
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="theme=induction&amp;region=london&amp;region=wessex"' in html
    assert "Induction" in html
    assert "Wessex" in html
    assert 'for="id_email"' in html
    assert 'autocomplete="email"' in html


def test_subscribe_sends_a_confirmation_and_confirming_starts_the_alert(
    client, repository, terms, committed
):
    response = ask(client, committed)
    assert response.status_code == 302
    assert response.url == "/alerts/check-your-email/"
    assert "Check your email" in client.get(response.url).content.decode()

    subscription = Subscription.objects.get()
    assert subscription.email == EMAIL
    assert subscription.query == "theme=induction"
    assert subscription.confirmed_at is None
    (message,) = mail.outbox
    assert message.to == [EMAIL]
    assert "Confirm your email alert" in message.subject
    assert "Induction" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    confirm_url = links(message)["confirm"]

    # A link checker opening the link confirms nothing: the button does.
    page = client.get(confirm_url)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None
    confirmed = client.post(confirm_url, follow=True)
    assert "Your alert is confirmed" in confirmed.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None


def test_an_invalid_address_is_explained_and_the_answers_kept(client, repository, terms):
    response = client.post(
        "/alerts/", {"email": "not an address", "frequency": "weekly", "query": "theme=induction"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter an email address in the correct format, like name@example.com" in html
    assert 'href="#id_email"' in html
    assert 'value="not an address"' in html
    assert 'value="weekly" checked' in html
    assert 'value="theme=induction"' in html
    assert html.count("<title>Error: ") == 1
    assert not Subscription.objects.exists()
    assert not mail.outbox


def test_a_missing_frequency_is_asked_for(client, repository):
    response = client.post("/alerts/", {"email": EMAIL})
    assert "Select how often you want emails" in response.content.decode()
    assert 'href="#id_frequency_0"' in response.content.decode()


@override_settings(ALERTS_SUBSCRIBE_RATE_LIMIT=2)
def test_too_many_requests_from_one_connection_are_refused_with_the_answers_kept(
    client, repository, terms, committed
):
    for number in range(2):
        assert ask(client, committed, email=f"reader{number}@example.nhs.uk").status_code == 302
    refused = ask(client, committed, email="third@example.nhs.uk")
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "Too many attempts from your connection" in html
    assert 'value="third@example.nhs.uk"' in html
    assert Subscription.objects.count() == 2
    assert len(mail.outbox) == 2


@override_settings(ALERTS_EMAIL_RATE_LIMIT=1)
def test_one_address_is_not_flooded_with_confirmations(client, repository, terms, committed):
    assert ask(client, committed).status_code == 302
    assert ask(client, committed).status_code == 302  # the same answer: nothing revealed
    assert len(mail.outbox) == 1
    assert Subscription.objects.count() == 1


def test_asking_again_does_not_reveal_an_existing_alert(
    client, repository, terms, committed, subscription
):
    subscription(email=EMAIL)
    response = ask(client, committed, email=EMAIL.upper())
    assert response.status_code == 302
    assert response.url == "/alerts/check-your-email/"
    assert Subscription.objects.count() == 1
    (message,) = mail.outbox
    assert "already" in message.subject
    assert "manage" in links(message)
    assert "confirm" not in links(message)


def test_an_unknown_token_finds_nothing(client, repository):
    response = client.get("/alerts/confirm/not-a-token/")
    assert response.status_code == 404
    assert "no longer works" in response.content.decode()
    assert client.get("/alerts/manage/not-a-token/").status_code == 404
