"""Embeds: a self-contained page for any box (no third-party scripts) and its oEmbed description."""

from datetime import date
from urllib.parse import urlencode, urlsplit

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_exempt
from rest_framework.exceptions import APIException, NotFound, ValidationError

from ... import conf
from ...editorial import articles, boxes
from ...editorial.models import ContextBox
from ...editorial.wording import BOX_LANGUAGES
from ...facts.models import Person, State
from ...ops.limits import limited
from .. import versioning as caching
from .views import build_box


class _Request:
    """Lets the API's box builder read a plain Django request's query string."""

    def __init__(self, request, params=None):
        self.query_params = params if params is not None else request.GET


def _by_id(model, raw: str, what: str):
    if not raw.isascii() or not raw.isdigit():
        raise ValidationError({what: "Give the site's numeric id."})
    found = model.objects.filter(pk=int(raw)).first()
    if found is None:
        raise NotFound(f"No {what.replace('_id', '')} with id {raw}.")
    return found


def _stored_box(request, raw: str):
    """A box of an article by its id, only while readers can see it: approved (or pinned) on an article
    that is public now. Anything else, a draft's box included, is "not found", never told apart."""
    if not raw.isascii() or not raw.isdigit():
        raise ValidationError({"box": "Give a box's numeric id."})
    box = ContextBox.objects.filter(pk=int(raw)).first()
    article = box.article if box is not None else None
    if (
        article is None
        or not conf.adapter().is_public(article, timezone.now())
        or not articles.live_boxes(article).filter(pk=box.pk).exists()
    ):
        raise NotFound(f"No published box {raw}.")
    return box


def _box_by_ids(request) -> dict:
    """A box built for a person and/or a state named by the site's ids (as the reader pages link them)."""
    today = timezone.localdate()
    params = request.query_params
    language = params.get("language", "en")
    if language not in BOX_LANGUAGES:
        raise ValidationError({"language": f"Use {', '.join(BOX_LANGUAGES[:-1])} or {BOX_LANGUAGES[-1]}."})
    person = _by_id(Person, params["person_id"], "person_id") if params.get("person_id") else None
    state = _by_id(State, params["state_id"], "state_id") if params.get("state_id") else None
    if person is not None and not person.warrants.exists():
        raise NotFound(f"No warrant is recorded for person {person.pk}.")
    raw = params.get("date", "")
    try:
        on = date.fromisoformat(raw) if raw else today
    except ValueError:
        raise ValidationError({"date": "Write the date as YYYY-MM-DD."}) from None
    if person and state:
        return boxes.visit_box(person, state, on, language=language, today=today)
    if person:
        return boxes.person_box(person, on, language=language, today=today)
    return boxes.state_box(state, on, language=language, today=today)


@xframe_options_exempt
@limited("embed")
def box_page(request):
    """/api/v1/embed/box/: one box, styled, fits its content. By the site's own ids: `?box=<id>` (a live box
    of a public article, read fresh each time, so an unpublished article's box is gone at once), or
    `?person_id=..&state_id=..&date=..&language=..`; or by names as the feed takes them
    (`?person=..&state=..`). Boxes built from the data are served from the cache until a fact changes."""
    if request.GET.get("box"):
        try:
            box = _stored_box(request, request.GET["box"])
        except APIException as error:
            return render(request, "compliance/embed_error.html", {"error": error.detail}, status=error.status_code)
        response = render(request, "compliance/embed.html", {"box": box})
        response["Cache-Control"] = "no-cache"
        return response
    if request.GET.get("person_id") or request.GET.get("state_id"):
        try:
            box = ContextBox.unsaved(_box_by_ids(_Request(request)))
        except APIException as error:
            return render(request, "compliance/embed_error.html", {"error": error.detail}, status=error.status_code)
        response = render(request, "compliance/embed.html", {"box": box})
        response["Cache-Control"] = "public, max-age=300"
        return response
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


@limited("oembed", json=True)
def oembed(request):
    """oEmbed (https://oembed.com) for embed URLs: a partner pastes the box's URL, gets an iframe."""
    url = request.GET.get("url", "")
    if request.GET.get("format", "json") != "json":
        return JsonResponse({"error": "Only format=json is supported."}, status=501)
    try:
        width, height = _size(request, "maxwidth", 640, 800), _size(request, "maxheight", 520, 520)
    except ValidationError as error:
        return JsonResponse({"error": error.detail}, status=400)
    parts = urlsplit(url)
    if parts.path != reverse("compliance-api:embed-box"):
        return JsonResponse({"error": "url must be an embed URL of this site (/api/v1/embed/box/?...)."}, status=404)
    from django.http import QueryDict

    params = QueryDict(parts.query)
    try:
        if params.get("box"):
            data = {"title": _stored_box(request, params["box"]).title}
        elif params.get("person_id") or params.get("state_id"):
            data = _box_by_ids(_Request(request, params))
        else:
            data = build_box(_Request(request, params))
    except APIException as error:
        return JsonResponse({"error": error.detail}, status=error.status_code)
    src = request.build_absolute_uri(reverse("compliance-api:embed-box") + "?" + urlencode(params.dict()))
    html = (
        f'<iframe src="{src}" title="{_attr(data["title"])}" width="{width}" height="{height}" '
        f'style="border:0;max-width:100%" loading="lazy"></iframe>'
    )
    return JsonResponse(
        {
            "version": "1.0",
            "type": "rich",
            "title": data["title"],
            "provider_name": "Newsroom",
            "width": width,
            "height": height,
            "html": html,
        }
    )


def _size(request, name: str, default: int, largest: int) -> int:
    """An oEmbed size parameter: whole pixels, at least 1; larger than `largest` gives `largest`."""
    raw = request.GET.get(name, "")
    if raw == "":
        return default
    if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
        raise ValidationError({name: f"Give a size in pixels, a whole number of at least 1 (not {raw[:20]!r})."})
    return min(int(raw), largest)


def _attr(text: str) -> str:
    from django.utils.html import escape

    return escape(text)
