"""Partners' API keys (`Authorization: Api-Key <key>`) and rate limits: a modest one for anonymous
readers, each key's own for partners."""

import hashlib
import hmac

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions, throttling

from ...ops import limits
from ..models import ApiKey


def client_address(request) -> str:
    """The client's address (see `compliance.ops.limits.client_address`): REMOTE_ADDR unless
    COMPLIANCE_TRUSTED_PROXIES is set. A client cannot pick its own address with X-Forwarded-For."""
    return limits.client_address(request)


class ApiKeyAuthentication(authentication.BaseAuthentication):
    keyword = "Api-Key"

    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header.startswith(self.keyword + " "):
            return None
        raw = header[len(self.keyword) + 1 :].strip()
        key = ApiKey.objects.filter(prefix=raw[:8], active=True).first()
        if key is None or not hmac.compare_digest(key.key_hash, hashlib.sha256(raw.encode()).hexdigest()):
            raise exceptions.AuthenticationFailed("Unknown or revoked API key.")
        ApiKey.objects.filter(pk=key.pk).update(last_used=timezone.now())
        return AnonymousUser(), key

    def authenticate_header(self, request):
        return self.keyword


class AnonymousThrottle(throttling.BaseThrottle):
    """Readers without a key, by address (see `client_address`), at COMPLIANCE_API_ANON_RATE, counted
    in the shared cache (`compliance.ops.limits`)."""

    wait_seconds = None

    def allow_request(self, request, view):
        if isinstance(request.auth, ApiKey):
            return True
        self.wait_seconds = limits.hit("feed", client_address(request)) or None
        return self.wait_seconds is None

    def wait(self):
        return self.wait_seconds


class ApiKeyThrottle(throttling.BaseThrottle):
    """Each partner key at its own rate, counted in the shared cache."""

    wait_seconds = None

    def allow_request(self, request, view):
        if not isinstance(request.auth, ApiKey):
            return True
        self.wait_seconds = limits.hit("api_key", str(request.auth.pk), rate=request.auth.rate) or None
        return self.wait_seconds is None

    def wait(self):
        return self.wait_seconds


class ApiKeyScheme(OpenApiAuthenticationExtension):
    """How the schema describes partner keys."""

    target_class = "compliance.feed.api.access.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Api-Key <key>`, issued by staff. Without a key, a modest anonymous rate applies.",
        }


class FeedAccess:
    """What every feed view declares for itself, so that keys and limits hold in any host whatever
    its REST_FRAMEWORK defaults: partner keys, open reading, the two throttles."""

    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [permissions.AllowAny]
    throttle_classes = [AnonymousThrottle, ApiKeyThrottle]
