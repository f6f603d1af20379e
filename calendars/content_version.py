"""The calendar's content version, and what is built once per version and kept in the cache.

A year's month grid and the subscription feed take tens of milliseconds to build (hundreds of
occurrences through the template engine or the icalendar library), on every request, for
content that changes a few times a year. So each is built once and kept in Django's cache
(Redis in production, shared by every process) under a version number that changes whenever
an observance or one of its dates is saved or deleted, a faith or calendar page (or a page
above the calendar) is published, unpublished, moved or deleted, or a site is changed.

The version changes at once, so that the rest of the same transaction (an editor's save, the
`compute_observance_dates` command) never reads what it has just made stale, and again once
the change is committed, so that nothing another process built from the old rows in between
is kept under the new number. Each version remembers when it was made: the Last-Modified of
the downloads. Every entry also expires after five minutes, so a process that does not share
the cache (no Redis) is never longer than that behind another's change.

Computing a year's dates on first need (a page for a year nobody has asked for) changes the
version too, once, since the feeds and faith pages may now show more. What that request was
building is built from the new dates, so it is kept under the new version as well, unless
something else changed the version meanwhile: the next request is served from the cache.
"""

import contextvars
import hashlib

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from goodpractice.home.cache_version import CacheVersion

VERSION = CacheVersion("calendars:content:version")
TIMEOUT = 5 * 60
# How long a version remembers when it was made: long, but not for ever (one is made per save).
CHANGED_AT_TIMEOUT = 30 * 24 * 60 * 60


def _changed_at_key(version):
    return f"calendars:content:changed-at:{version}"


# The version that computing new dates made, while a cached value is being built.
_computed_dates_version = contextvars.ContextVar("calendars_computed_dates_version", default=None)


def bump_version():
    VERSION.bump()
    cache.set(_changed_at_key(VERSION.current()), timezone.now(), CHANGED_AT_TIMEOUT)


def dates_computed():
    """New dates were stored (occurrences.store_computed_dates): see the module's docstring."""
    bump_now_and_on_commit()
    _computed_dates_version.set(VERSION.current())


def current_version(request=None):
    """The version, read from the cache once per request."""
    return VERSION.current(request)


def changed_at(version):
    """When the content last changed (when this version was made, or first seen if the cache
    lost that: later than the change, never earlier)."""
    key = _changed_at_key(version)
    now = timezone.now()
    if not cache.add(key, now, CHANGED_AT_TIMEOUT):
        return cache.get(key, now)
    return now


def cached(request, name, build):
    """`build()`, kept under the current version; `name` says what it is and what it varies
    by. A preview is always built afresh."""
    if getattr(request, "is_preview", False):
        return build()
    digest = hashlib.blake2b(name.encode(), digest_size=16).hexdigest()
    key = f"calendars:content:{current_version(request)}:{digest}"
    value = cache.get(key)
    if value is None:
        token = _computed_dates_version.set(None)
        try:
            value = build()
            computed = _computed_dates_version.get()
        finally:
            _computed_dates_version.reset(token)
        cache.set(key, value, TIMEOUT)
        if computed is not None and computed == VERSION.current() and request is not None:
            # What this request has from the cache or built is the new version's too.
            for earlier_digest, earlier in [*_request_values(request).items(), (digest, value)]:
                cache.set(f"calendars:content:{computed}:{earlier_digest}", earlier, TIMEOUT)
            VERSION.remember(request, computed)
    if request is not None:
        _request_values(request)[digest] = value
    return value


def _request_values(request):
    if not hasattr(request, "_calendar_values"):
        request._calendar_values = {}
    return request._calendar_values


def bump_now_and_on_commit(**kwargs):
    """For a signal: see the module's docstring."""
    bump_version()
    transaction.on_commit(bump_version)
