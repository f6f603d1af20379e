"""A version number kept in Django's cache: changing it makes stale, at once and in every
process that shares the cache, everything that was cached under the old number.

Entries written under an old version are simply never read again and expire on their own.
The site chrome (goodpractice.home.site_chrome) and the repository's facet index each keep one.
"""

import uuid

from django.core.cache import cache


class CacheVersion:
    def __init__(self, key):
        self.key = key

    def bump(self):
        cache.set(self.key, uuid.uuid4().hex, timeout=None)

    def current(self):
        version = cache.get(self.key)
        if version is None:
            version = uuid.uuid4().hex
            if not cache.add(self.key, version, timeout=None):
                version = cache.get(self.key, version)
        return version
