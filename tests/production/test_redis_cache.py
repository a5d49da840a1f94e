"""The Redis cache backend (pagecache/redis_cache.py) against the Redis on this machine:
one client per pool, shared safely between threads."""

import os
import threading

import pytest

from pagecache.redis_cache import RedisCache
from tests.production.servers import REDIS_URL, flush_redis, missing_service


@pytest.fixture
def redis_cache():
    problem = missing_service("postgres://postgres@127.0.0.1:5432/postgres", REDIS_URL)
    if problem and "Redis" in problem:
        if os.environ.get("CI"):
            pytest.fail(f"CI must provide Redis: {problem}")
        pytest.skip(problem)
    flush_redis()
    backend = RedisCache(REDIS_URL, {"KEY_PREFIX": "test-reuse"})
    yield backend
    flush_redis()


def test_one_client_serves_every_call(redis_cache):
    client = redis_cache._cache.get_client(write=True)  # noqa: SLF001 - the point of the class
    assert redis_cache._cache.get_client() is client  # noqa: SLF001
    redis_cache.set("pagina", {"inhoud": "hallo"})
    redis_cache.set_many({"a": 1, "b": "twee"})
    assert redis_cache.get("pagina") == {"inhoud": "hallo"}
    assert redis_cache.get_many(["a", "b", "c"]) == {"a": 1, "b": "twee"}
    assert redis_cache.add("a", 5) is False
    redis_cache.delete("a")
    assert redis_cache.get("a") is None


def test_threads_share_the_client_without_mixing_answers(redis_cache):
    errors = []

    def work(number):
        for round_ in range(200):
            key, value = f"draad-{number}", f"{number}:{round_}"
            redis_cache.set(key, value)
            if redis_cache.get(key) != value:
                errors.append((key, value))

    threads = [threading.Thread(target=work, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
