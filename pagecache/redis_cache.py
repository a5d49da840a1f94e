"""Django's Redis cache, with one Redis client per connection pool instead of one per call.

Django makes a new ``redis.Redis`` object for every cache operation. redis-py 6 built its
table of some eighty response callbacks in each: a page served from the page cache takes
two operations (the page, then its labels), and that table was a third of the time such an
answer took. redis-py 8 builds the table once and copies it, so a new object costs a few
microseconds instead of some 130 on this machine, and what sharing saves is now small. A
``redis.Redis`` object is safe to share between threads: it takes a connection from its
pool for each command."""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusedClientCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientCacheClient
