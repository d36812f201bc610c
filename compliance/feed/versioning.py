"""Answer repeat requests from the cache, and unchanged ones with 304, without touching the data.

The feed's version is a counter in the database (`FeedVersion`) that the transaction changing any
fact bumps (see `compliance.wiring`): every process reads the same value, and a change is visible
exactly when it commits. A response is keyed by its URL, the version and today's date (answers
default to "as of today"). The ETag is that key, so it changes exactly when the content can. Cached
bodies live in the default cache; with a per-process cache they are merely cached less often."""

import hashlib

from django.core.cache import cache
from django.db.models import F
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone

from .models import FeedVersion

TIMEOUT = 24 * 3600


def feed_version() -> str:
    generation = FeedVersion.objects.filter(pk=1).values_list("generation", flat=True).first()
    return str(generation or 0)


def bump(*args, **kwargs) -> int:
    """A fact changed, in the caller's transaction: the feed's version moves when it commits.
    Returns the new generation (which names the change)."""
    if not FeedVersion.objects.filter(pk=1).update(generation=F("generation") + 1):
        FeedVersion.objects.get_or_create(pk=1, defaults={"generation": 1})
    return FeedVersion.objects.filter(pk=1).values_list("generation", flat=True).first()


def etag_for(request) -> str:
    auth = "key" if request.META.get("HTTP_AUTHORIZATION") else "anon"
    raw = f"{request.get_full_path()}|{feed_version()}|{timezone.localdate().isoformat()}|{auth}"
    return '"' + hashlib.sha256(raw.encode()).hexdigest()[:32] + '"'


def cached_response(request, etag: str, content_type: str = "application/json", body: bool = True):
    """A 304 or (unless `body` is False) a stored body for this ETag, or None."""
    if etag in [tag.strip() for tag in request.META.get("HTTP_IF_NONE_MATCH", "").split(",")]:
        response = HttpResponseNotModified()
        response["ETag"] = etag
        return response
    if not body:
        return None
    stored = cache.get(f"compliance:response:{etag}")
    if stored is None:
        return None
    body, last_modified = stored
    response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = last_modified  # If-Modified-Since is answered by ConditionalGetMiddleware
    return response


def store(etag: str, body: bytes, last_modified: str | None) -> None:
    cache.set(f"compliance:response:{etag}", (body, last_modified), TIMEOUT)
