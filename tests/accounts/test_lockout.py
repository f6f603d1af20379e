import io

from django.core.management import call_command
from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db

LOCKED = "Too many failed sign-in attempts. Try again in 30 minutes"


def sign_in(client, username, password):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password})


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        "editor", password="a long passphrase", is_superuser=False
    )


def test_the_right_password_is_refused_after_five_wrong_ones(client, editor, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(5):
        assert "_auth_user_id" not in sign_in(client, "editor", "wrong").client.session
    response = sign_in(client, "editor", "a long passphrase")
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED in html
    assert "ask an administrator to unlock your account" in html
    assert 'class="login-form"' in html  # Wagtail's sign-in page, not a bare message
    assert "_auth_user_id" not in client.session


def test_the_account_stays_locked_from_another_address(client, editor):
    for _ in range(5):
        sign_in(client, "editor", "wrong")
    other = client.post(
        reverse("wagtailadmin_login"),
        {"username": "editor", "password": "a long passphrase"},
        REMOTE_ADDR="10.9.9.9",
    )
    assert other.status_code == 429
    assert LOCKED in other.content.decode()


def test_one_address_trying_many_accounts_is_locked_out(client, editor):
    for number in range(5):
        sign_in(client, f"guess{number}", "wrong")
    response = sign_in(client, "editor", "a long passphrase")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_forwarded_address_is_ignored_without_trusted_proxies(client, editor):
    for number in range(5):
        client.post(
            reverse("wagtailadmin_login"),
            {"username": f"guess{number}", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}",
        )
    assert sign_in(client, "editor", "a long passphrase").status_code == 429


def test_a_few_mistakes_do_not_lock_and_a_success_starts_the_count_again(client, editor):
    for _ in range(4):
        sign_in(client, "editor", "wrong")
    response = sign_in(client, "editor", "a long passphrase")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_an_administrator_unlocks_the_account(client, editor):
    for _ in range(5):
        sign_in(client, "editor", "wrong")
    call_command("axes_reset_username", "editor", stdout=io.StringIO())
    call_command("axes_reset_ip", "127.0.0.1", stdout=io.StringIO())
    assert sign_in(client, "editor", "a long passphrase").status_code == 302
