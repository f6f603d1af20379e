from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

import pytest

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


def test_sessions_expire(settings):
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


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
