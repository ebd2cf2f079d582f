"""A Redis cache that fails open: with Redis down, pages are served without the cache instead of answering 500.

Django's ``RedisCache`` raises on every call once Redis stops answering, and the portal reads the cache on every
page (``Network.load``, the header's "Log a contact" flag). SECURITY.md RE-8 asks that every page keeps working,
fast, while Redis is down, so ``FailOpenRedisCache`` turns an unreachable Redis into cache misses:

- reads answer the caller's default (a miss), writes and deletes are dropped;
- ``add`` answers True, as if the key were new: callers use it as a lock or a "first time" test, and failing open
  means letting the caller go ahead. allauth's rate limits take a lock with ``add`` before counting (a False
  would make every limited request wait a second, then refuse it), and its TOTP check marks a code used with
  ``add`` (a False would refuse every code, so nobody with a second factor could sign in);
- ``incr`` answers ``delta``, a counter that starts again.

So cache-based rate limits (allauth's ``ACCOUNT_RATE_LIMITS``, its second-factor limit) and the TOTP replay check
are not enforced while Redis is down; the warning in the log says so. Password-login throttling and wrong
second-factor codes do not depend on it (``network.throttling`` counts them in the database).

A circuit breaker, shared by the threads of a process, stops a page from paying the connection timeout on each of
its cache calls: after a failure the cache is skipped for ``breaker_seconds``, then the next call tries Redis again.
The warning is logged when the outage starts and then at most once every ``log_interval_seconds``, with the number
of calls that failed meanwhile; recovery is logged once.
"""

import logging
import threading
import time
from urllib.parse import urlsplit, urlunsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from django.utils.functional import cached_property
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Errors that mean "Redis is not usable now" (refused, timed out, loading, out of memory, read-only replica...), not
# a bug in the caller. OSError covers a socket error raised before redis-py wraps it.
UNAVAILABLE = (RedisError, OSError)


class CircuitBreaker:
    """Remembers that a dependency failed, so callers skip it for ``open_seconds`` instead of waiting on it again.

    Shared by every thread of the process (Django builds one cache object per thread), hence the lock. Logging is
    rate-limited here too: one warning when the outage starts, then at most one every ``log_interval_seconds``.
    """

    def __init__(self, name, *, open_seconds=5.0, log_interval_seconds=60.0, clock=time.monotonic):
        self.name = name
        self.open_seconds = open_seconds
        self.log_interval_seconds = log_interval_seconds
        self.clock = clock
        self._lock = threading.Lock()
        self._open_until = 0.0
        self._failing = False
        self._last_logged = None
        self._unlogged_failures = 0

    def is_open(self) -> bool:
        """True while the last failure is recent: the caller should not try the dependency now."""
        return self.clock() < self._open_until

    def record_failure(self, error: BaseException, consequence: str) -> None:
        now = self.clock()
        with self._lock:
            self._open_until = now + self.open_seconds
            self._failing = True
            self._unlogged_failures += 1
            if self._last_logged is not None and now - self._last_logged < self.log_interval_seconds:
                return
            failures, self._unlogged_failures, self._last_logged = self._unlogged_failures, 0, now
        logger.warning(
            "%s unreachable (%s: %s; %s failed call(s) since the last report): %s. Retrying in %s s.",
            self.name,
            type(error).__name__,
            error,
            failures,
            consequence,
            self.open_seconds,
        )

    def record_success(self) -> None:
        if not self._failing:  # the common case: no lock taken
            return
        with self._lock:
            if not self._failing:
                return
            self._failing = False
            self._open_until = 0.0
            self._last_logged = None
            self._unlogged_failures = 0
        logger.info("%s reachable again.", self.name)


def _without_credentials(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


_breakers: dict[str, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(name: str, **options) -> CircuitBreaker:
    """The process's breaker for ``name`` (one per Redis location), created on first use; ``options`` apply then."""
    breaker = _breakers.get(name)  # no lock on the path every cache call takes
    if breaker is None:
        with _breakers_lock:
            breaker = _breakers.setdefault(name, CircuitBreaker(name, **options))
    return breaker


def reset_breakers() -> None:
    """Forget every breaker and what it logged: the next call tries Redis and a failure is reported at once.

    For tests, which need each case to start like a fresh process."""
    with _breakers_lock:
        _breakers.clear()


class FailOpenRedisCache(RedisCache):
    """``RedisCache`` that answers like an empty cache while Redis is unreachable (see the module docstring)."""

    breaker_seconds = 5.0
    log_interval_seconds = 60.0
    consequence = "serving without the cache (reads miss, writes are dropped) and cache-based rate limits fail open"

    @cached_property
    def breaker_name(self) -> str:
        """Names the Redis servers in log lines, without the password a URL may carry."""
        return "Redis cache at " + ",".join(_without_credentials(server) for server in self._servers)

    @property
    def breaker(self) -> CircuitBreaker:
        """The breaker of this Redis location, shared with the other threads' instances of this cache."""
        return breaker_for(
            self.breaker_name, open_seconds=self.breaker_seconds, log_interval_seconds=self.log_interval_seconds
        )

    def _fail_open(self, operation, fallback, *args):
        breaker = self.breaker
        if breaker.is_open():
            return fallback
        try:
            result = operation(*args)
        except UNAVAILABLE as error:
            breaker.record_failure(error, self.consequence)
            return fallback
        breaker.record_success()
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._fail_open(super().add, True, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._fail_open(super().get, default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._fail_open(super().set, None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._fail_open(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._fail_open(super().delete, False, key, version)

    def get_many(self, keys, version=None):
        return self._fail_open(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._fail_open(super().has_key, False, key, version)

    def incr(self, key, delta=1, version=None):
        return self._fail_open(super().incr, delta, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that could not be stored.
        return self._fail_open(super().set_many, list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._fail_open(super().delete_many, None, keys, version)

    def clear(self):
        return self._fail_open(super().clear, False)
