"""Partners' API keys (`Authorization: Api-Key <key>`) and rate limits: a modest one for anonymous
readers, each key's own for partners."""

import hashlib
import hmac

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions, throttling

from ... import conf
from ..models import ApiKey


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, unless COMPLIANCE_TRUSTED_PROXIES says how many proxies
    of ours stand in front; then the address the outermost of them saw, from X-Forwarded-For. A
    client cannot pick its own address by sending that header."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = conf.get("TRUSTED_PROXIES")
    if not proxies:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    return forwarded[-proxies] if len(forwarded) >= proxies else remote


class ApiKeyAuthentication(authentication.BaseAuthentication):
    keyword = "Api-Key"

    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header.startswith(self.keyword + " "):
            return None
        raw = header[len(self.keyword) + 1:].strip()
        key = ApiKey.objects.filter(prefix=raw[:8], active=True).first()
        if key is None or not hmac.compare_digest(key.key_hash, hashlib.sha256(raw.encode()).hexdigest()):
            raise exceptions.AuthenticationFailed("Unknown or revoked API key.")
        ApiKey.objects.filter(pk=key.pk).update(last_used=timezone.now())
        return AnonymousUser(), key

    def authenticate_header(self, request):
        return self.keyword


class AnonymousThrottle(throttling.AnonRateThrottle):
    """Readers without a key, by address (see `client_address`), at COMPLIANCE_API_ANON_RATE."""

    def get_rate(self):
        return conf.get("API_ANON_RATE")

    def get_ident(self, request):
        return client_address(request)

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiKey):
            return None
        return super().get_cache_key(request, view)


class ApiKeyThrottle(throttling.SimpleRateThrottle):
    """Each partner key at its own rate."""

    scope = "api_key"

    def allow_request(self, request, view):
        if not isinstance(request.auth, ApiKey):
            return True
        self.rate = request.auth.rate
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_rate(self):
        return "1/s"  # replaced per request by the key's own rate

    def get_cache_key(self, request, view):
        return f"throttle_api_key_{request.auth.pk}"


class ApiKeyScheme(OpenApiAuthenticationExtension):
    """How the schema describes partner keys."""

    target_class = "compliance.feed.api.access.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "Authorization",
                "description": "`Api-Key <key>`, issued by staff. Without a key, a modest anonymous rate applies."}


class FeedAccess:
    """What every feed view declares for itself, so that keys and limits hold in any host whatever
    its REST_FRAMEWORK defaults: partner keys, open reading, the two throttles."""

    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [permissions.AllowAny]
    throttle_classes = [AnonymousThrottle, ApiKeyThrottle]
