"""Limits that hold: every public endpoint has its own rate, counted per client address in the
shared cache; a client cannot dodge it by making up X-Forwarded-For; admin logins lock out."""

from urllib.parse import quote

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

pytestmark = pytest.mark.django_db

EMBED = "/api/v1/embed/box/?person=Q7747&state=TJK&date=2025-10-08"
ENDPOINTS = {
    "page": "/people/",
    "embed": EMBED,
    "oembed": "/api/v1/oembed/?url=" + quote("http://testserver" + EMBED, safe=""),
    "download": "/api/v1/download/",
    "feed": "/api/v1/sources/",
}


def limit(settings, scope: str, rate: str):
    if scope == "feed":
        settings.COMPLIANCE_API_ANON_RATE = rate
    else:
        settings.COMPLIANCE_RATES = {scope: rate}


@pytest.mark.parametrize("scope", list(ENDPOINTS))
def test_every_public_endpoint_is_limited_and_a_rotating_forwarded_for_does_not_dodge_it(client, settings, scope):
    limit(settings, scope, "3/min")
    responses = [client.get(ENDPOINTS[scope], HTTP_X_FORWARDED_FOR=f"203.0.113.{n}") for n in range(8)]
    statuses = [r.status_code for r in responses]
    assert statuses == [200] * 3 + [429] * 5, statuses
    assert int(responses[-1]["Retry-After"]) > 0
    other = client.get(ENDPOINTS[scope], REMOTE_ADDR="198.51.100.7")  # another reader is not held back
    assert other.status_code == 200


def test_each_endpoint_counts_on_its_own(client, settings):
    settings.COMPLIANCE_RATES = {"download": "2/min"}
    assert [client.get(ENDPOINTS["download"]).status_code for _ in range(3)] == [200, 200, 429]
    assert client.get(ENDPOINTS["page"]).status_code == 200
    assert client.get(ENDPOINTS["feed"]).status_code == 200


def test_the_counters_are_in_the_shared_cache(client, settings, tmp_path):
    """With Redis as the cache, every process counts in the same place: a separate connection to
    Redis sees the requests the site counted."""
    from tests.test_worker import Redis

    redis_server = Redis()
    redis_server.start()
    try:
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_server.url}
        }
        settings.COMPLIANCE_RATES = {"page": "5/min"}
        for _ in range(4):
            assert client.get(ENDPOINTS["page"]).status_code == 200
        import redis

        keys = redis.Redis.from_url(redis_server.url).keys("*compliance:limit:page:127.0.0.1*")
        assert len(keys) == 1
        assert redis.Redis.from_url(redis_server.url).get(keys[0]) == b"4"
    finally:
        redis_server.stop()


def test_admin_logins_lock_out_after_repeated_failures_whatever_the_forwarded_for(client, settings):
    User.objects.create_user("editor", password="correct horse battery", is_staff=True)
    url = reverse("admin:login")
    statuses = [
        client.post(
            url, {"username": "editor", "password": f"wrong {n}"}, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}"
        ).status_code
        for n in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]  # the form with its error; then locked
    locked = client.post(
        url, {"username": "editor", "password": "correct horse battery"}, HTTP_X_FORWARDED_FOR="203.0.113.200"
    )
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
