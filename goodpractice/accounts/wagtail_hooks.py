from django.urls import reverse

from wagtail import hooks

from goodpractice.accounts import devices


@hooks.register("register_account_menu_item")
def two_step_verification(request):
    """Account → Two-step verification: replace the authenticator app."""
    if devices.confirmed_app(request.user):
        help_text = "Move your sign-in codes to a new phone or authenticator app."
    else:
        help_text = "Ask for a code from an authenticator app each time you sign in."
    return {
        "url": reverse("accounts:setup"),
        "label": "Two-step verification",
        "help_text": help_text,
    }


@hooks.register("register_account_menu_item")
def recovery_codes(request):
    """Account → Recovery codes: how many are left, and new ones on request."""
    if not devices.confirmed_app(request.user):
        return None
    left = devices.remaining_recovery_codes(request.user)
    return {
        "url": reverse("accounts:recovery_codes"),
        "label": "Recovery codes",
        "help_text": f"{left} unused. Get new ones if you have used or lost them.",
    }
