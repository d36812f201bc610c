"""Rate limits for everything the public can ask for: reader pages, the embed, oEmbed, the bulk
download and the feed, each at a rate suited to its cost (COMPLIANCE_RATES).

Counters live in the default cache, which the host shares between every process (Redis in
production): a fixed window per client and scope, counted with the cache's atomic `incr`, so no
race between workers lets extra requests through. The client is REMOTE_ADDR, unless
COMPLIANCE_TRUSTED_PROXIES says how many proxies of ours stand in front: a client cannot choose
its own address with X-Forwarded-For."""

import logging
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from .. import conf

logger = logging.getLogger(__name__)

DEFAULT_RATES = {
    "page": "120/min",  # reader pages: a person reads a handful a minute
    "embed": "300/min",  # embedded boxes: many readers of a partner's page behind one address
    "oembed": "60/min",  # partners' CMSs resolving pasted links
    "download": "20/hour",  # the bulk dataset: a mirror needs it once per version
    "feed": "120/min",  # the REST feed without a key (COMPLIANCE_API_ANON_RATE)
}
PERIODS = {
    "s": 1,
    "sec": 1,
    "second": 1,
    "m": 60,
    "min": 60,
    "minute": 60,
    "h": 3600,
    "hour": 3600,
    "d": 86400,
    "day": 86400,
}


def client_address(request) -> str:
    """REMOTE_ADDR, unless COMPLIANCE_TRUSTED_PROXIES says how many proxies of ours stand in front;
    then the address the outermost of them saw, from X-Forwarded-For."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = conf.get("TRUSTED_PROXIES")
    if not proxies:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    return forwarded[-proxies] if len(forwarded) >= proxies else remote


def parse_rate(rate: str) -> tuple[int, int]:
    """ "120/min" -> (120, 60)."""
    count, _slash, period = rate.partition("/")
    return int(count), PERIODS[period.strip()]


def rate_for(scope: str) -> str:
    if scope == "feed":
        return conf.get("API_ANON_RATE")
    return {**DEFAULT_RATES, **conf.get("RATES")}[scope]


def hit(scope: str, ident: str, rate: str | None = None) -> int:
    """Count one request of `ident` in `scope`; 0 while within the limit, else the most seconds to
    wait (for Retry-After). The window opens with the client's first request and lasts one period:
    the counter's key expires then (`incr` keeps the expiry)."""
    count, period = parse_rate(rate or rate_for(scope))
    key = f"compliance:limit:{scope}:{ident}"
    try:
        used = 1 if cache.add(key, 1, period) else cache.incr(key)
    except ValueError:  # the window closed between add and incr: this request opens the next
        cache.add(key, 1, period)
        used = 1
    except Exception:  # a cache that is down must not take the site down with it
        logger.warning("Rate limit %s: the cache is unavailable; the request is let through", scope, exc_info=True)
        return 0
    return 0 if used <= count else period


def too_many(request, retry_after: int, json: bool = False):
    message = _("Too many requests from your address. Try again in %(seconds)d seconds.") % {"seconds": retry_after}
    response = (
        JsonResponse({"detail": message}, status=429)
        if json
        else HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    )
    response["Retry-After"] = str(retry_after)
    return response


def limited(scope: str, json: bool = False):
    """A view decorator: the view runs only while its client is within `scope`'s rate."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            wait = hit(scope, client_address(request))
            if wait:
                return too_many(request, wait, json=json)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
