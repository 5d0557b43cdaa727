"""Django's Redis cache, with one Redis client kept for each connection pool.

Django's backend makes a new redis-py client for every cache call, and redis-py builds its
table of response callbacks each time: about a millisecond, most of what serving a page from
the cache costs. A redis-py client is safe to share between threads; the connections stay in
their pool as before.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
