"""Refuse requests no page or feed can answer, before any view or database sees them: a NUL
character in the path or in any query parameter (PostgreSQL cannot store or compare one, so it
would surface as a server error). They get a 400 that says what is wrong.

Add it near the top of MIDDLEWARE, after SecurityMiddleware:

    MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "compliance.middleware.RejectBadInput", ...]
"""

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _


def _has_nul(request) -> str | None:
    if "\x00" in request.path:
        return "path"
    for name, values in request.GET.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            return name.replace("\x00", "\\x00")
    return None


class RejectBadInput:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        where = _has_nul(request)
        if where is None:
            return self.get_response(request)
        message = _("A NUL character is not allowed in %(where)s.") % {
            "where": _("the address") if where == "path" else _("the parameter %(name)s") % {"name": where}
        }
        if request.path.startswith("/api/") or "json" in request.META.get("HTTP_ACCEPT", ""):
            return JsonResponse({"detail": message}, status=400)
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
