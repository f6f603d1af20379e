"""Second-factor devices: an authenticator app (TOTP) and ten single-use recovery codes.

django-otp keeps the devices and checks the codes (with its throttling after wrong ones);
wagtail-2fa, which did the rest, does not import on Wagtail 8, so enrolment is here.
"""

import io
from base64 import b32encode

from django.db import transaction

from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode import make as make_qr_code
from qrcode.image.svg import SvgPathFillImage

APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
RECOVERY_CODE_COUNT = 10


def confirmed_app(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def has_second_factor(user):
    return user_has_device(user, confirmed=True)


def pending_app(user):
    """The unconfirmed app device being set up, made on the first visit and kept until
    confirmed, so the QR code does not change when the page is shown again."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def secret_for_manual_entry(device):
    """The key in base32, in groups of four, as authenticator apps ask for it."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device):
    """The otpauth:// address as an inline SVG (no script, no image request)."""
    out = io.BytesIO()
    make_qr_code(device.config_url, image_factory=SvgPathFillImage).save(out)
    svg = out.getvalue().decode()
    return svg[svg.index("<svg") :]  # without the XML declaration, to sit inside HTML


@transaction.atomic
def confirm_app(device):
    """Confirm the app and issue fresh recovery codes; returns the codes to show once."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    # Setting up again replaces the old app (only a verified user gets this far).
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    return new_recovery_codes(device.user)


def new_recovery_codes(user):
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=recovery, token=code) for code in codes])
    return codes


def remaining_recovery_codes(user):
    return StaticToken.objects.filter(device__user=user).count()


@transaction.atomic
def remove_second_factor(user):
    """Delete every device: the person sets up a new app at their next sign-in."""
    removed = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        removed += 1
    return removed
