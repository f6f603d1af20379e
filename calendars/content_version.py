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
"""

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


def bump_version():
    VERSION.bump()
    cache.set(_changed_at_key(VERSION.current()), timezone.now(), CHANGED_AT_TIMEOUT)


def current_version(request=None):
    """The version, read from the cache once per request."""
    version = getattr(request, "_calendar_version", None)
    if version is None:
        version = VERSION.current()
        if request is not None:
            request._calendar_version = version
    return version


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
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


def bump_now_and_on_commit(**kwargs):
    """For a signal: see the module's docstring."""
    bump_version()
    transaction.on_commit(bump_version)
