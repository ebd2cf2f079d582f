"""The fail-open Redis cache (network/cache.py, SECURITY.md RE-8): an unreachable Redis reads as an empty cache, is
left alone for a few seconds after a failure, and the outage is logged once, not on every call.

The "Redis down" session (tests/redis_down/) checks the whole portal against a dead Redis; these check the backend.
"""

import logging
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError

from config.redis_embedded import EmbeddedRedis
from network.cache import CircuitBreaker, FailOpenRedisCache, breaker_for, reset_breakers

DEAD = "redis://127.0.0.1:1/0"  # nothing listens on port 1: refused at once


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture(autouse=True)
def _fresh_breakers():
    reset_breakers()
    yield
    reset_breakers()


@pytest.fixture
def clock():
    return Clock()


def cache_at(location, clock):
    """The backend as settings.py builds it, its breaker driven by ``clock``."""
    cache = FailOpenRedisCache(location, {"OPTIONS": settings.REDIS_CACHE_OPTIONS})
    breaker_for(cache.breaker_name, open_seconds=cache.breaker_seconds, clock=clock)
    return cache


def test_an_unreachable_redis_reads_as_an_empty_cache_and_drops_writes(clock):
    cache = cache_at(DEAD, clock)
    cache.set("key", "value")
    assert cache.get("key") is None and cache.get("key", "default") == "default"
    assert cache.get_many(["key", "other"]) == {}
    assert cache.has_key("key") is False
    assert cache.get_or_set("key", "computed") == "computed"
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]  # Django's contract: the keys not stored
    assert cache.delete("key") is False and cache.touch("key") is False and cache.clear() is False
    cache.delete_many(["a", "b"])


def test_add_answers_true_so_locks_and_single_use_checks_let_the_caller_through(clock):
    """allauth's rate limits lock with add() before counting, its TOTP check marks a code used with add(): a False
    would refuse every limited request and every second-factor code while Redis is down."""
    cache = cache_at(DEAD, clock)
    assert cache.add("lock", True) is True
    assert cache.add("lock", True) is True


def test_incr_answers_delta_like_a_counter_that_starts_again(clock):
    cache = cache_at(DEAD, clock)
    assert cache.incr("hits") == 1 and cache.incr("hits", 5) == 5 and cache.decr("hits") == -1


def test_after_a_failure_redis_is_left_alone_until_the_breaker_closes(clock):
    cache = cache_at(DEAD, clock)
    with mock.patch.object(RedisCacheClient, "get", side_effect=RedisConnectionError("refused")) as redis_get:
        for _ in range(20):  # a page with many cache reads pays for one attempt, not twenty
            assert cache.get("key", "default") == "default"
        assert redis_get.call_count == 1

        clock.now += cache.breaker_seconds - 0.1
        cache.get("key")
        assert redis_get.call_count == 1

        clock.now += 0.2  # the breaker closes: the next call tries Redis again
        cache.get("key")
        assert redis_get.call_count == 2


def test_an_outage_is_logged_when_it_starts_then_at_most_once_a_minute_with_the_count(clock, caplog):
    breaker = CircuitBreaker("Redis cache at test", open_seconds=5, log_interval_seconds=60, clock=clock)
    with caplog.at_level(logging.INFO, logger="network.cache"):
        for _ in range(30):
            breaker.record_failure(RedisConnectionError("refused"), "reads miss")
            clock.now += 1
        clock.now += 30  # 60 s after the first report
        breaker.record_failure(RedisConnectionError("refused"), "reads miss")
        breaker.record_success()
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 3, messages
    assert "unreachable" in messages[0] and "1 failed call(s)" in messages[0] and "reads miss" in messages[0]
    assert "30 failed call(s)" in messages[1]  # the 29 unreported ones and this one
    assert messages[2] == "Redis cache at test reachable again."
    assert [record.levelname for record in caplog.records] == ["WARNING", "WARNING", "INFO"]
    assert not breaker.is_open()


def test_errors_that_are_not_about_redis_being_unreachable_still_raise(clock):
    cache = cache_at(DEAD, clock)
    with mock.patch.object(RedisCacheClient, "incr", side_effect=ValueError("Key 'hits' not found.")):
        with pytest.raises(ValueError):
            cache.incr("hits")


def test_the_log_never_shows_the_redis_password(clock, caplog):
    cache = cache_at("redis://:s3cret-pass@127.0.0.1:1/0", clock)
    with caplog.at_level(logging.WARNING, logger="network.cache"):
        cache.get("key")
    assert "redis://127.0.0.1:1/0" in caplog.text and "s3cret-pass" not in caplog.text


def test_a_real_redis_works_as_a_cache_then_fails_open_while_stopped_and_is_used_again_once_back(
    tmp_path, clock, caplog
):
    server = EmbeddedRedis(tmp_path / "redis").start()
    try:
        cache = cache_at(server.cache_url, clock)
        assert cache.add("key", "value") is True and cache.add("key", "other") is False
        assert cache.get("key") == "value" and cache.get_many(["key", "none"]) == {"key": "value"}
        with pytest.raises(ValueError):
            cache.incr("missing")  # Django's contract stays when Redis answers

        server.stop()
        with caplog.at_level(logging.INFO, logger="network.cache"):
            assert cache.get("key", "default") == "default"
            server.start()
            assert cache.get("key", "default") == "default"  # the breaker is open: Redis is not asked yet
            clock.now += cache.breaker_seconds
            cache.set("key", "again")
            assert cache.get("key") == "again"
        assert [record.levelname for record in caplog.records] == ["WARNING", "INFO"]
    finally:
        server.stop()
