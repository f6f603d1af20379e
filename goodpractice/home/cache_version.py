"""A version number kept in Django's cache: changing it makes stale, at once and in every
process that shares the cache, everything that was cached under the old number.

Entries written under an old version are simply never read again and expire on their own.
The site chrome (goodpractice.home.site_chrome), the repository's facet index and the
calendar (calendars.content_version) each keep one. A request reads each version at most
once (the answer is kept on the request), and the page cache reads all three in one round
trip (`read_together`).
"""

import uuid

from django.core.cache import cache

REQUEST_ATTRIBUTE = "_cache_versions"


class CacheVersion:
    def __init__(self, key):
        self.key = key

    def bump(self):
        cache.set(self.key, uuid.uuid4().hex, timeout=None)

    def current(self, request=None):
        seen = _seen(request)
        if self.key in seen:
            return seen[self.key]
        version = cache.get(self.key)
        if version is None:
            version = self._start()
        seen[self.key] = version
        return version

    def remember(self, request, version):
        """From now on, this request sees `version` (one it made itself)."""
        _seen(request)[self.key] = version

    def _start(self):
        """A first version, agreed between processes: the first to add it wins."""
        version = uuid.uuid4().hex
        if not cache.add(self.key, version, timeout=None):
            version = cache.get(self.key, version)
        return version


def read_together(request, versions):
    """The current value of each version, from one read of the cache; kept on the request."""
    seen = _seen(request)
    wanted = [version.key for version in versions if version.key not in seen]
    if wanted:
        found = cache.get_many(wanted)
        for version in versions:
            if version.key in wanted:
                seen[version.key] = found.get(version.key) or version._start()
    return [seen[version.key] for version in versions]


def _seen(request):
    if request is None:
        return {}
    seen = getattr(request, REQUEST_ATTRIBUTE, None)
    if seen is None:
        seen = {}
        setattr(request, REQUEST_ATTRIBUTE, seen)
    return seen
