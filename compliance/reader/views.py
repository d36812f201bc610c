"""Public pages for readers: a tracker page per wanted person and per state, and a map of where a
person could be arrested on a date (a page, a standalone SVG and an embed). Built from the same
components as the article boxes; every date is passed to the domain code, which never reads the clock."""

from datetime import date

from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from .. import conf
from ..editorial import boxes
from ..editorial.models import ContextBox
from ..facts.models import Finding, Person, State, Visit, Warrant
from ..feed import versioning as caching
from . import maps, timeline

LANGUAGES = ("en", "uk")


class BadDate(ValueError):
    pass


def _language() -> str:
    language = (translation.get_language() or "en").split("-")[0]
    return language if language in LANGUAGES else "en"


def _on(request, today: date) -> date:
    raw = request.GET.get("date", "")
    if not raw:
        return today
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise BadDate(_("“%(value)s” is not a date; write it as YYYY-MM-DD.") % {"value": raw[:40]}) from None


def _box(data: dict, dom_id: str) -> ContextBox:
    box = ContextBox.unsaved(data, dom_id)
    box.standalone = True  # not in an article: what changed after its date is "since then"
    return box


def _page(request, template: str, context: dict, status: int = 200):
    return render(request, template, {"base_template": conf.get("BASE_TEMPLATE"), **context}, status=status)


def _bad_date(request, error: BadDate):
    return _page(request, "compliance/error.html", {"message": str(error)}, status=400)


def wanted_person(pk: int) -> Person:
    return get_object_or_404(Person.objects.filter(warrants__isnull=False).distinct().prefetch_related("aliases"),
                             pk=pk)


@require_safe
def people(request):
    """Everyone with a recorded warrant, with the status of their warrants today."""
    today, language = timezone.localdate(), _language()
    persons = (Person.objects.filter(warrants__isnull=False).distinct()
               .prefetch_related("aliases", Prefetch("warrants", Warrant.objects.for_rules())).order_by("name"))
    rows = []
    for person in persons:
        warrants = [w for w in person.warrants.all() if w.issued]
        statuses = sorted({w.status_on(today) for w in warrants})
        rows.append({"person": person, "name": person.name_in(language), "warrants": warrants,
                     "at_large": "at_large" in statuses, "statuses": statuses,
                     "courts": sorted({w.court.code for w in warrants})})
    return _page(request, "compliance/people.html", {"rows": rows, "today": today})


@require_safe
def person(request, pk: int):
    today, language = timezone.localdate(), _language()
    subject = wanted_person(pk)
    try:
        on = _on(request, today)
    except BadDate as error:
        return _bad_date(request, error)
    box = _box(boxes.person_box(subject, on, language=language, today=today), "cbox-person")
    arrest_map = maps.arrest_map(subject, on, language=language, version=caching.feed_version())
    return _page(request, "compliance/person.html", {
        "subject": subject, "name": subject.name_in(language), "on": on, "today": today, "box": box,
        "map": arrest_map, "map_svg": arrest_map.svg("map-person"),
        "timeline": timeline.person_timeline(subject, on, language=language),
    })


@require_safe
def states(request):
    today, language = timezone.localdate(), _language()
    rows = []
    for state in State.objects.with_events().prefetch_related("aliases"):
        membership = state.membership_on(today)
        rows.append({"state": state, "name": state.name_in(language), "membership": membership,
                     "label": timeline.STATUS_LABELS.get(membership.status, timeline.STATUS_LABELS["non_party"])()})
    rows.sort(key=lambda row: row["name"])
    parties = sum(row["membership"].state_party for row in rows)
    return _page(request, "compliance/states.html", {"rows": rows, "today": today, "parties": parties})


@require_safe
def state(request, iso3: str):
    today, language = timezone.localdate(), _language()
    subject = get_object_or_404(State.objects.with_events().prefetch_related("aliases"), iso3=iso3.upper())
    try:
        on = _on(request, today)
    except BadDate as error:
        return _bad_date(request, error)
    box = _box(boxes.state_box(subject, on, language=language, today=today), "cbox-state")
    visits = (Visit.objects.filter(state=subject).select_related("person").prefetch_related("person__aliases")
              .order_by("-start", "-planned_start"))
    return _page(request, "compliance/state.html", {
        "subject": subject, "name": subject.name_in(language), "on": on, "today": today, "box": box,
        "periods": timeline.membership_periods(subject, on, language=language),
        "events": [e for e in subject.treaty_events.all()],
        "visits": [{"visit": v, "person": v.person.name_in(language)} for v in visits],
        "findings": Finding.objects.filter(state=subject).order_by("-date"),
    })


def _map_context(request, pk: int) -> dict:
    today, language = timezone.localdate(), _language()
    subject = wanted_person(pk)
    on = _on(request, today)
    highlight = request.GET.get("highlight", "").strip().upper()[:3] or None
    if highlight and not State.objects.filter(iso3=highlight).exists():
        raise Http404(_("No state with ISO alpha-3 code %(code)s.") % {"code": highlight})
    arrest_map = maps.arrest_map(subject, on, language=language, highlight=highlight,
                                 version=caching.feed_version())
    return {"subject": subject, "on": on, "today": today, "map": arrest_map}


@require_safe
def map_page(request, pk: int):
    try:
        context = _map_context(request, pk)
    except BadDate as error:
        return _bad_date(request, error)
    return _page(request, "compliance/map.html", {**context, "map_svg": context["map"].svg("map-page")})


@require_safe
@xframe_options_exempt
def map_embed(request, pk: int):
    """An iframe-ready page with the map and its list of states; no scripts, fits its width."""
    try:
        context = _map_context(request, pk)
    except BadDate as error:
        return render(request, "compliance/embed_error.html", {"error": str(error)}, status=400)
    return render(request, "compliance/map_embed.html", {**context, "map_svg": context["map"].svg("map-embed")})


@require_safe
def map_svg(request, pk: int):
    """The map alone, as an SVG image (for <img>, with the page's list as its long description)."""
    try:
        context = _map_context(request, pk)
    except BadDate as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(context["map"].svg("map"), content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response
