from django.core import mail
from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        "editor", email="editor@example.nhs.uk", password="a long passphrase"
    )


def ask_for_reset(client, email, address="127.0.0.1"):
    return client.post(
        reverse("wagtailadmin_password_reset"), {"email": email}, REMOTE_ADDR=address
    )


def test_ten_requests_for_one_account_send_three_emails(client, editor, settings):
    assert settings.PASSWORD_RESET_RATE_LIMIT == 3
    responses = [ask_for_reset(client, "editor@example.nhs.uk", f"10.0.0.{n}") for n in range(10)]
    assert len(mail.outbox) == 3
    done = reverse("wagtailadmin_password_reset_done")
    # The same answer every time: nothing tells the limit, or the account, apart.
    assert {(r.status_code, r.url) for r in responses} == {(302, done)}


def test_one_address_asking_for_many_accounts_gets_three_emails(client, django_user_model):
    for n in range(6):
        django_user_model.objects.create_user(
            f"user{n}", email=f"user{n}@example.nhs.uk", password="a long passphrase"
        )
    for n in range(6):
        ask_for_reset(client, f"user{n}@example.nhs.uk")
    assert len(mail.outbox) == 3


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, editor):
    response = ask_for_reset(client, "nobody@example.nhs.uk")
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_password_reset_done")
    assert mail.outbox == []
