"""Counting a visitor's posts per address, for the public forms that do real work.

Counted in Django's cache (Redis in production, shared by every process; goodpractice.cache
answers from a per-process cache while Redis is down, so a limit then counts per process
rather than failing). The submission form and the clash checker count with it.
"""

from django.conf import settings
from django.core.cache import cache


def client_address(request):
    """REMOTE_ADDR, or the address the trusted proxies saw (SUBMISSION_TRUSTED_PROXY_COUNT)."""
    proxies = settings.SUBMISSION_TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def over_limit(request, scope, limit, window):
    """Count this post; True once its address has posted more than `limit` times to `scope`
    in `window` seconds."""
    key = f"{scope}-posts:{client_address(request)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit
