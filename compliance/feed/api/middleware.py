"""Answer revalidations early: a GET whose If-None-Match still matches the feed's ETag for that URL
gets its 304 here, before sessions, locale, CSRF, authentication, URL resolution and throttling.

Optional (the feed's views answer the same 304 without it, later); put it just after
corsheaders' middleware, so a partner's browser still sees the CORS headers on the 304:

    MIDDLEWARE = [..., "corsheaders.middleware.CorsMiddleware",
                  "compliance.feed.api.middleware.NotModifiedMiddleware", ...]

The ETag is a hash of the URL, the data version and the date (see `caching`), so a match means the
client holds exactly what a full answer would send; it reveals nothing and, as on GitHub's API, a
304 counts against no rate limit."""

from .. import versioning as caching


def wants_json(request) -> bool:
    return "html" not in request.META.get("HTTP_ACCEPT", "") and request.GET.get("format") in (None, "json")


def not_modified(request, max_age: int = 60):
    """A 304 when the request's If-None-Match still matches the feed's ETag for its URL, else None."""
    if request.method in ("GET", "HEAD") and request.META.get("HTTP_IF_NONE_MATCH") and wants_json(request):
        response = caching.cached_response(request, caching.etag_for(request), body=False)
        if response is not None:
            response["Cache-Control"] = f"public, max-age={max_age}"
            response["Vary"] = "Accept, Authorization, Origin"
            return response
    return None


class NotModifiedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return not_modified(request) or self.get_response(request)
