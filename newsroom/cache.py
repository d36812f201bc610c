"""Redis as the shared cache, forgiving of a Redis that is down: a cache is an optimisation, so a
failed call is logged and answered as a miss (reads) or a no-op (writes), and readers still get
their page from the database instead of a 500."""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("newsroom.cache")
DOWN = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)


def _forgiving(method, fallback):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except DOWN as error:
            logger.warning("Cache unavailable (%s: %s); answered as a miss", method.__name__, error)
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    return call


def _default(key, default=None, *args, **kwargs):
    return default


class ForgivingRedisCache(RedisCache):
    get = _forgiving(RedisCache.get, _default)
    get_many = _forgiving(RedisCache.get_many, {})
    has_key = _forgiving(RedisCache.has_key, False)
    set = _forgiving(RedisCache.set, None)
    add = _forgiving(RedisCache.add, False)
    set_many = _forgiving(RedisCache.set_many, [])
    touch = _forgiving(RedisCache.touch, False)
    delete = _forgiving(RedisCache.delete, False)
    delete_many = _forgiving(RedisCache.delete_many, None)
    clear = _forgiving(RedisCache.clear, False)
