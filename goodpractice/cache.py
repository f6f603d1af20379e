"""A Redis cache that degrades instead of failing.

Django's RedisCache raises when Redis cannot be reached, and every page uses the cache (the
header and footer, the facet index's version, remembered searches, the submission form's
rate limit), so an unreachable Redis made every page a 500. Here an error from Redis is
logged as a warning (once a minute at most) and the call is answered by a local in-memory
cache instead; Redis is tried again after a few seconds. While it is down each process keeps
its own cache: pages read from the database, what one process caches the others do not see
(the caches' own timeouts bound how stale that can be, FACET_INDEX_MAX_AGE and five minutes),
and the submission rate limit counts per process.
"""

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
WARN_EVERY_SECONDS = 60
METHODS = (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
)


class FailSoftRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self.fallback = LocMemCache(f"redis-fallback-{server}", params)
        self._down_until = 0.0
        self._warned_at = 0.0

    @property
    def degraded(self):
        """True while Redis is being skipped after an error."""
        return time.monotonic() < self._down_until

    def _redis_down(self, error):
        now = time.monotonic()
        self._down_until = now + RETRY_AFTER_SECONDS
        if now - self._warned_at >= WARN_EVERY_SECONDS:
            self._warned_at = now
            logger.warning(
                "Redis is unreachable (%s): using this process's own cache until it is back",
                error,
            )


def _fail_soft(name):
    redis_method = getattr(RedisCache, name)

    def method(self, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return getattr(self.fallback, name)(*args, **kwargs)
        try:
            return redis_method(self, *args, **kwargs)
        except RedisError as error:
            self._redis_down(error)
            return getattr(self.fallback, name)(*args, **kwargs)

    method.__name__ = name
    return method


for _name in METHODS:
    setattr(FailSoftRedisCache, _name, _fail_soft(_name))
