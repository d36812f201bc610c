"""A Redis cache that is down costs speed, never a page: readers and partners get their answer from
the database (the rate limits fail open, ops/limits.py; the cache answers a miss, newsroom/cache.py)."""

import socket

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings):
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.ForgivingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    yield  # override_settings resets the cache handlers (django.test.signals)


def test_the_cache_answers_a_miss_and_logs_when_redis_is_down(redis_down, caplog):
    from django.core.cache import cache

    assert cache.get("anything", "fallback") == "fallback"
    assert cache.set("k", "v") is None and cache.get_or_set("k", lambda: "computed") == "computed"
    assert "Cache unavailable" in caplog.text


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/people/",
        "/states/TJK/",
        "/api/v1/visits/?state=MNG",
        "/api/v1/embed/box/?person=Q7747&state=TJK&date=2025-10-08",
    ],
)
def test_pages_and_the_feed_answer_while_the_cache_is_down(redis_down, client, url):
    response = client.get(url, HTTP_ACCEPT="application/json" if "/api/v1/visits" in url else "text/html")
    assert response.status_code == 200, response.content[:300]
