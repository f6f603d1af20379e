import io
import re

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from goodpractice.accounts.devices import confirm_app, pending_app
from goodpractice.accounts.policy import needs_two_factor
from goodpractice.classification.factories import RegionFactory
from goodpractice.submissions.models import RegionModerators
from tests.submissions.submission_helpers import make_user

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/"


def code_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def moderator(db):
    return make_user("quality", groups=["Quality team"])


@pytest.fixture
def enrolled(moderator):
    device = pending_app(moderator)
    codes = confirm_app(device)
    return moderator, device, codes


def test_a_moderator_without_a_device_sets_one_up_then_reaches_the_dashboard(client, moderator):
    client.force_login(moderator)
    response = client.get(reverse("submissions:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:setup"))

    page = client.get(response.url)
    html = page.content.decode()
    assert "Set up two-step verification" in html
    assert "<svg" in html
    assert "<script" not in html.split("<main", 1)[1]
    device = TOTPDevice.objects.get(user=moderator, confirmed=False)
    secret = re.search(r'id="two-step-secret">([A-Z2-7 ]+)<', html).group(1)
    assert secret.replace(" ", "") in device.config_url

    wrong = client.post(reverse("accounts:setup"), {"setup-code": "000000", "next": DASHBOARD})
    assert "The code is not correct" in wrong.content.decode()
    assert 'class="error"' in wrong.content.decode()

    device.refresh_from_db()
    device.throttle_reset()
    done = client.post(
        reverse("accounts:setup"), {"setup-code": code_for(device), "next": DASHBOARD}
    )
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.values_list("token", flat=True))
    assert "shown only this once" in done.content.decode()
    assert client.get(DASHBOARD).status_code == 200
    assert client.get(reverse("submissions:index")).status_code == 200


def test_a_user_with_a_device_must_enter_a_code_before_any_admin_page(client, enrolled):
    moderator, device, _ = enrolled
    client.force_login(moderator)
    response = client.get(reverse("submissions:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:verify"))
    # Nor can they set up a different app with the password alone.
    assert client.get(reverse("accounts:setup")).url.startswith(reverse("accounts:verify"))

    wrong = client.post(reverse("accounts:verify"), {"verify-code": "123456"})
    assert wrong.status_code == 200
    assert "The code is not correct" in wrong.content.decode()
    assert client.get(DASHBOARD).status_code == 302

    device.refresh_from_db()
    device.throttle_reset()
    right = client.post(
        reverse("accounts:verify"),
        {"verify-code": code_for(device), "next": reverse("submissions:index")},
    )
    assert right.url == reverse("submissions:index")
    assert client.get(reverse("submissions:index")).status_code == 200


def test_wrong_codes_slow_down_guessing(client, enrolled):
    moderator, device, _ = enrolled
    client.force_login(moderator)
    client.post(reverse("accounts:verify"), {"verify-code": "123456"})
    refused = client.post(reverse("accounts:verify"), {"verify-code": code_for(device)})
    assert "Too many wrong codes" in refused.content.decode()
    assert client.get(DASHBOARD).status_code == 302


def test_a_recovery_code_works_once(client, enrolled):
    moderator, _, codes = enrolled
    client.force_login(moderator)
    used = client.post(reverse("accounts:verify"), {"verify-code": codes[0]})
    assert used.url == DASHBOARD
    assert "9 left" in client.get(DASHBOARD).content.decode()

    client.post(reverse("wagtailadmin_logout"))
    client.force_login(moderator)
    again = client.post(reverse("accounts:verify"), {"verify-code": codes[0]})
    assert "The code is not correct" in again.content.decode()
    assert client.get(DASHBOARD).status_code == 302


def test_an_editor_without_moderation_rights_is_not_forced(client):
    editor = make_user("editor", groups=["Editors"])
    assert not needs_two_factor(editor)
    client.force_login(editor)
    assert client.get(DASHBOARD).status_code == 200
    # ...but may enrol.
    assert client.get(reverse("accounts:setup")).status_code == 200


def test_who_must_use_a_second_factor(db):
    assert needs_two_factor(make_user("root", superuser=True))
    assert needs_two_factor(make_user("quality", groups=["Quality team"]))
    assert needs_two_factor(make_user("publisher", groups=["Moderators"]))
    regional = make_user("ne", groups=["North East moderators"])
    assert not needs_two_factor(regional)
    RegionModerators.objects.create(
        region=RegionFactory(name="North East"),
        group=Group.objects.get(name="North East moderators"),
    )
    assert needs_two_factor(regional)


def test_an_administrator_resets_a_lost_second_factor(client, enrolled):
    moderator, _, _ = enrolled
    call_command("reset_two_factor", "quality", stdout=io.StringIO())
    assert not TOTPDevice.objects.filter(user=moderator).exists()
    assert not StaticToken.objects.filter(device__user=moderator).exists()
    client.force_login(moderator)
    assert client.get(DASHBOARD).url.startswith(reverse("accounts:setup"))
