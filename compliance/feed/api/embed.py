"""Embeds: a self-contained page for any box (no third-party scripts) and its oEmbed description."""

from urllib.parse import urlencode, urlsplit

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from rest_framework.exceptions import APIException

from ...editorial.models import ContextBox
from .. import versioning as caching
from .views import build_box


class _Request:
    """Lets the API's box builder read a plain Django request's query string."""

    def __init__(self, request, params=None):
        self.query_params = params if params is not None else request.GET


@xframe_options_exempt
def box_page(request):
    """/api/v1/embed/box/?person=..&state=..&date=..&language=..: one box, styled, fits its content.
    Served from the cache until a fact changes."""
    etag = caching.etag_for(request)
    cached = caching.cached_response(request, etag, "text/html; charset=utf-8")
    if cached is not None:
        return cached
    try:
        data = build_box(_Request(request))
    except APIException as error:
        return render(request, "compliance/embed_error.html", {"error": error.detail}, status=error.status_code)
    box = ContextBox.unsaved(data)
    response = render(request, "compliance/embed.html", {"box": box})
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=300"
    caching.store(etag, response.content, None)
    return response


def oembed(request):
    """oEmbed (https://oembed.com) for embed URLs: a partner pastes the box's URL, gets an iframe."""
    url = request.GET.get("url", "")
    if request.GET.get("format", "json") != "json":
        return JsonResponse({"error": "Only format=json is supported."}, status=501)
    parts = urlsplit(url)
    if parts.path != reverse("compliance-api:embed-box"):
        return JsonResponse({"error": "url must be an embed URL of this site (/api/v1/embed/box/?...)."}, status=404)
    from django.http import QueryDict

    params = QueryDict(parts.query)
    try:
        data = build_box(_Request(request, params))
    except APIException as error:
        return JsonResponse({"error": error.detail}, status=error.status_code)
    src = request.build_absolute_uri(reverse("compliance-api:embed-box") + "?" + urlencode(params.dict()))
    width = min(int(request.GET.get("maxwidth") or 640), 800)
    height = 520
    html = (f'<iframe src="{src}" title="{_attr(data["title"])}" width="{width}" height="{height}" '
            f'style="border:0;max-width:100%" loading="lazy"></iframe>')
    return JsonResponse({"version": "1.0", "type": "rich", "title": data["title"], "provider_name": "Newsroom",
                         "width": width, "height": height, "html": html})


def _attr(text: str) -> str:
    from django.utils.html import escape

    return escape(text)
