"""Partners' API keys (`Authorization: Api-Key <key>`) and rate limits: a modest one for anonymous
readers, each key's own for partners."""

import hashlib
import hmac

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, throttling

from ..models import ApiKey


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
    """Readers without a key."""

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

    target_class = "compliance.api.access.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "Authorization",
                "description": "`Api-Key <key>`, issued by staff. Without a key, a modest anonymous rate applies."}
