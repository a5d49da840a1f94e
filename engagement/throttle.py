import time

from django.core.cache import cache


def allow(action, who, limit, window=60):
    """Count one ``action`` by ``who``; False once more than ``limit`` fall in the current
    ``window`` seconds. Kept in the cache, so every application server shares the count
    when the cache is Redis."""
    key = f"samen:throttle:{action}:{who}:{int(time.time() // window)}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    return count <= limit
