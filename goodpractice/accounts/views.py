"""The admin's sign-in around Wagtail's own views: two-step verification, a sign-out that ends
the session, a throttled password reset and the lockout page.

Wagtail's LogoutView answers a GET with Django's 405 but still deletes the session cookie, so
the session stayed valid on the server; here a GET asks to confirm and only a POST signs out.
"""

import hashlib
import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from wagtail.admin.views import account

import django_otp
from django_otp import devices_for_user

from goodpractice.accounts import devices
from goodpractice.accounts.addresses import client_address
from goodpractice.accounts.forms import CodeForm
from goodpractice.accounts.policy import needs_two_factor

logger = logging.getLogger(__name__)

LOCKED_OUT = (
    "Too many failed sign-in attempts. Try again in {minutes} minutes, "
    "or ask an administrator to unlock your account."
)
SETUP_WRONG_CODE = "The code is not correct. Enter the 6-digit code your app shows for this site"


def next_url(request):
    """Where to go once verified: a local `next`, else the dashboard."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("wagtailadmin_home")


def private(response):
    add_never_cache_headers(response)
    return response


@never_cache
@login_required(login_url="wagtailadmin_login")
def setup(request):
    """Set up an authenticator app: scan or type the secret, confirm with a code, then the
    recovery codes are shown, once."""
    user = request.user
    if devices.confirmed_app(user) and not user.is_verified():
        # Replacing a device needs the old one first: a stolen password is not enough.
        return redirect(f"{reverse('accounts:verify')}?{urlencode({'next': request.path})}")
    device = devices.pending_app(user)
    form = CodeForm(
        request.POST or None, devices=[device], wrong_code=SETUP_WRONG_CODE, prefix="setup"
    )
    if request.method == "POST" and form.is_valid():
        codes = devices.confirm_app(device)
        django_otp.login(request, device)
        logger.info("Two-step verification set up for user %s", user.pk)
        return private(
            TemplateResponse(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": next_url(request), "just_set_up": True},
            )
        )
    context = {
        "form": form,
        "qr_code": devices.qr_code_svg(device),
        "secret": devices.secret_for_manual_entry(device),
        "required": needs_two_factor(user),
        "next": next_url(request),
    }
    return private(TemplateResponse(request, "accounts/setup.html", context))


@never_cache
@login_required(login_url="wagtailadmin_login")
def verify(request):
    """Ask for the app's code (or a recovery code, each usable once) after the password."""
    user = request.user
    if not devices.has_second_factor(user):
        return redirect(f"{reverse('accounts:setup')}?{urlencode({'next': next_url(request)})}")
    if user.is_verified() and request.method != "POST":
        return redirect(next_url(request))
    form = CodeForm(
        request.POST or None,
        devices=list(devices_for_user(user, confirmed=True, for_verify=True)),
        wrong_code=(
            "The code is not correct. Enter the 6-digit code your authenticator app shows "
            "now, or one of your recovery codes"
        ),
        prefix="verify",
    )
    if request.method == "POST" and form.is_valid():
        django_otp.login(request, form.device)
        if form.device.name == devices.RECOVERY_DEVICE_NAME:
            left = devices.remaining_recovery_codes(user)
            messages.warning(
                request,
                f"You used a recovery code; {left} left. Each works once: "
                "set up your app again if you have lost it.",
            )
        return redirect(next_url(request))
    if request.method == "POST":
        logger.warning("Wrong second-factor code for user %s", user.pk)
    context = {"form": form, "next": next_url(request)}
    return private(TemplateResponse(request, "accounts/verify.html", context))


@never_cache
@login_required(login_url="wagtailadmin_login")
def recovery_codes(request):
    """New recovery codes on request (the old ones stop working), for a verified user."""
    if not request.user.is_verified():
        return redirect(f"{reverse('accounts:verify')}?{urlencode({'next': request.path})}")
    if request.method != "POST":
        return private(TemplateResponse(request, "accounts/recovery_codes.html", {}))
    codes = devices.new_recovery_codes(request.user)
    context = {"codes": codes, "next": reverse("wagtailadmin_home")}
    return private(TemplateResponse(request, "accounts/recovery_codes.html", context))


@never_cache
@csrf_protect
def logout(request):
    """GET shows a sign-out button; POST signs out through Wagtail's view, which calls Django's
    logout() and so deletes the session on the server too."""
    if request.method == "POST":
        return account.LogoutView.as_view()(request)
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    return private(TemplateResponse(request, "accounts/logout.html", {}))


def count_in_window(key, window):
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1


def hashed(value):
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()


class ThrottledPasswordResetView(account.PasswordResetView):
    """Wagtail's reset form, sending at most PASSWORD_RESET_RATE_LIMIT emails per address
    entered and per client address in each window. Past the limit the answer is the usual
    "check your email" page, so the form tells nobody which addresses have accounts."""

    def form_valid(self, form):
        window = settings.PASSWORD_RESET_RATE_LIMIT_WINDOW
        counts = [
            count_in_window(f"password-reset:email:{hashed(form.cleaned_data['email'])}", window),
            count_in_window(
                f"password-reset:address:{hashed(client_address(self.request))}", window
            ),
        ]
        if max(counts) > settings.PASSWORD_RESET_RATE_LIMIT:
            logger.warning("Password reset rate limit reached; no email sent")
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


def locked_out(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: Wagtail's sign-in page, with the lockout as its error."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    context = {
        # Unbound, so rendering it does not try to authenticate again.
        "form": account.get_user_login_form()(request, initial={"username": username}),
        "locked_out": LOCKED_OUT.format(minutes=minutes),
        "show_password_reset": account.password_reset_enabled(),
        "next": next_url(request),
    }
    response = TemplateResponse(
        request, "accounts/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    return private(response.render())
