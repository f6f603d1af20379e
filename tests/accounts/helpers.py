"""Signing in as a moderator or administrator in tests: with a second factor, as on the site."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def verified_login(client, user):
    """force_login plus what the code page does: a confirmed app, verified in this session."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "Test app"}
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


class VerifiedLoginMixin:
    """For Wagtail's page test cases, whose assertions sign in with force_login themselves:
    every such sign-in is verified too, as the code page would leave it."""

    def setUp(self):
        super().setUp()
        force_login = self.client.force_login

        def verified_force_login(user, backend=None):
            device, _ = TOTPDevice.objects.get_or_create(
                user=user, confirmed=True, defaults={"name": "Test app"}
            )
            force_login(user, backend)
            session = self.client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

        self.client.force_login = verified_force_login
