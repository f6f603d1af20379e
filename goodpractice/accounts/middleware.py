"""Two-step verification before any admin page, for whoever needs it or has enrolled, and the
sign-out of an admin session left unused."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode

from goodpractice.accounts.devices import has_second_factor
from goodpractice.accounts.policy import needs_two_factor

# Reachable with a password alone: signing in and out, resetting it (every step), and the
# two-step views themselves (the `accounts` namespace).
OPEN_URL_NAMES = ("wagtailadmin_login", "wagtailadmin_logout", "wagtailadmin_password_reset")


class TwoFactorMiddleware:
    """After django_otp's OTPMiddleware: sends a signed-in user who is not verified to the code
    page if they have a device, or to set one up if they must use one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirect_to = self.redirect_for(request)
        return redirect(redirect_to) if redirect_to else self.get_response(request)

    def redirect_for(self, request):
        user = request.user
        admin = reverse("wagtailadmin_home")
        if not request.path.startswith(admin) or not user.is_authenticated:
            return None
        if user.is_verified() or self.is_open(request):
            return None
        query = urlencode({"next": request.get_full_path()})
        if has_second_factor(user):
            return f"{reverse('accounts:verify')}?{query}"
        if needs_two_factor(user):
            return f"{reverse('accounts:setup')}?{query}"
        return None

    @staticmethod
    def is_open(request):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.namespace == "accounts" or (match.url_name or "").startswith(OPEN_URL_NAMES)


class IdleTimeoutMiddleware:
    """Signs out an admin session left unused for ADMIN_IDLE_TIMEOUT seconds (a shared computer
    on a ward), with a message on the sign-in page saying why.

    The time of the last admin request is written to the session at most once a minute, so
    an active editor costs no extra session writes. Wagtail's editor pings the server while a
    page is open for editing, so an open editor counts as activity.
    """

    SESSION_KEY = "_goodpractice_admin_last_seen"
    WRITE_EVERY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and request.path.startswith(reverse("wagtailadmin_home")):
            now = int(time.time())
            last_seen = request.session.get(self.SESSION_KEY, now)
            if now - last_seen > settings.ADMIN_IDLE_TIMEOUT:
                logout(request)
                minutes = settings.ADMIN_IDLE_TIMEOUT // 60
                messages.info(
                    request,
                    f"You were signed out because you had not used the admin for {minutes} "
                    "minutes. Sign in again to carry on.",
                )
                login = reverse("wagtailadmin_login")
                return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
            if now - last_seen >= self.WRITE_EVERY or self.SESSION_KEY not in request.session:
                request.session[self.SESSION_KEY] = now
        return self.get_response(request)
