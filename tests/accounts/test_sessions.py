from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from goodpractice.accounts import middleware
from tests.accounts.helpers import verified_login

pytestmark = pytest.mark.django_db


def test_signing_out_ends_the_session_on_the_server(client, admin_user, settings):
    verified_login(client, admin_user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get("/admin/").status_code == 200

    response = client.post(reverse("wagtailadmin_logout"))
    assert response.status_code == 302

    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = cookie
    again = replay.get("/admin/")
    assert again.status_code == 302
    assert again.url.startswith(reverse("wagtailadmin_login"))


def test_a_get_asks_to_sign_out_and_leaves_the_session_alone(client, admin_user):
    verified_login(client, admin_user)
    page = client.get(reverse("wagtailadmin_logout"))
    assert page.status_code == 200
    assert 'method="post"' in page.content.decode()
    assert client.get("/admin/").status_code == 200


def test_a_session_lasts_a_working_day_at_most_and_ends_with_the_browser(client, admin_user):
    verified_login(client, admin_user)
    client.get("/admin/")
    assert client.session.get_expiry_age() <= 8 * 3600
    assert client.session.get_expire_at_browser_close()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["max-age"]  # a browser-session cookie
    assert not cookie["expires"]


class Clock:
    """The idle check's clock, moved on by hand."""

    def __init__(self):
        self.now = 1_800_000_000.0

    def time(self):
        return self.now


def test_an_admin_session_left_unused_is_signed_out_with_a_message(client, admin_user, monkeypatch):
    clock = Clock()
    monkeypatch.setattr(middleware, "time", clock)
    verified_login(client, admin_user)
    assert client.get("/admin/").status_code == 200
    clock.now += 29 * 60
    assert client.get("/admin/pages/").status_code == 200  # still in use
    clock.now += 29 * 60
    assert client.get("/admin/pages/").status_code == 200  # 29 minutes since the last use
    clock.now += 31 * 60
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
    assert "next=%2Fadmin%2Fpages%2F" in response.url
    login_page = client.get(response.url).content.decode()
    assert "you had not used the admin for 30 minutes" in login_page
    assert client.get("/admin/").status_code == 302  # the session is gone


def test_account_settings_offer_two_step_verification_and_recovery_codes(client, admin_user):
    verified_login(client, admin_user)
    page = BeautifulSoup(client.get(reverse("wagtailadmin_account")).content, "html.parser")
    links = {a.get_text(strip=True): a["href"] for a in page.select("a.button")}
    assert links["Two-step verification"] == reverse("accounts:setup")
    assert links["Recovery codes"] == reverse("accounts:recovery_codes")
    assert "Move your sign-in codes to a new phone" in page.get_text()


def test_weak_passwords_are_refused_in_the_admins_user_form(admin_client):
    for weak in ["password1234", "12345678901234", "short1!"]:
        response = admin_client.post(
            reverse("wagtailusers_users:add"),
            {
                "username": "newperson",
                "email": "new@example.nhs.uk",
                "first_name": "New",
                "last_name": "Person",
                "password1": weak,
                "password2": weak,
            },
        )
        assert response.status_code == 200, weak
        assert not User.objects.filter(username="newperson").exists()
    html = response.content.decode()
    assert "at least 12 characters" in html
