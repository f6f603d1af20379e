"""Limits on subscription requests: per client address with the site's shared limiter
(goodpractice.home.rate_limits), and per email address, so that nobody can flood someone's
inbox with confirmation emails. The per-address counter is keyed by a keyed hash of the
address, never the address itself."""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

from goodpractice.home.rate_limits import over_limit


def connection_over_limit(request):
    """Count this request; True once its client address has asked too often."""
    return over_limit(
        request,
        "alerts-subscribe",
        settings.ALERTS_SUBSCRIBE_RATE_LIMIT,
        settings.ALERTS_RATE_LIMIT_WINDOW,
    )


def email_over_limit(email):
    """Count a confirmation email to this address; True once it has had its share."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), email.strip().lower().encode(), hashlib.sha256
    ).hexdigest()
    key, window = f"alerts-email:{digest}", settings.ALERTS_RATE_LIMIT_WINDOW
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > settings.ALERTS_EMAIL_RATE_LIMIT
