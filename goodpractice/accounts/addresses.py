"""The client's address for lockouts and the reset throttle (AXES_CLIENT_IP_CALLABLE).

REMOTE_ADDR, or the address the trusted proxies saw: ACCOUNTS_TRUSTED_PROXY_COUNT (the same
count as the submission form's) says how many append to X-Forwarded-For. Without it the header
is ignored, so a client cannot pick a new address for each guess.
"""

from django.conf import settings


def client_address(request):
    proxies = settings.ACCOUNTS_TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
