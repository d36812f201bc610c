"""Answer repeat requests from the cache, and unchanged ones with 304, without touching the data.

The feed's version changes whenever any fact changes (signals bump it after commit); a response is
keyed by its URL, the version and today's date (answers default to "as of today"). The ETag is that
key, so it changes exactly when the content can."""

import hashlib
import uuid

from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone

VERSION_KEY = "compliance:feed-version"
TIMEOUT = 24 * 3600


def feed_version() -> str:
    return cache.get_or_set(VERSION_KEY, lambda: uuid.uuid4().hex, None)


def bump(*args, **kwargs) -> None:
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, None))


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
