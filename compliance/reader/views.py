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

from .. import conf, rules
from ..editorial import boxes
from ..editorial.models import ContextBox
from ..editorial.wording import BOX_LANGUAGES
from ..facts import verdicts
from ..facts.models import Finding, Person, State, Visit, Warrant
from ..feed import versioning as caching
from ..ops.limits import limited
from . import maps, timeline
from .collation import alphabetical

LANGUAGES = BOX_LANGUAGES


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
    return get_object_or_404(
        Person.objects.filter(warrants__isnull=False).distinct().prefetch_related("aliases"), pk=pk
    )


def standing(warrants, on: date) -> str:
    """Where a person stands on `on`, from their warrants' recorded statuses: "at_large" (wanted) while any
    warrant is outstanding, else the most telling status of the others (in the order of
    STANDING_ORDER; a status added to the data later still comes through, after those), "" when
    nothing is recorded. A warrant whose issue date is not public still counts by its recorded statuses."""
    statuses = {w.as_rule().status_on(on) for w in warrants if w.issued or w.status_history.all()}
    if not statuses:
        return ""
    if rules.obligation.AT_LARGE in statuses:
        return rules.obligation.AT_LARGE
    return min(statuses, key=lambda s: (STANDING_ORDER.index(s) if s in STANDING_ORDER else len(STANDING_ORDER), s))


# The groups of /people/, in order; statuses that mean one thing for readers share a group.
STANDING_ORDER = [
    "at_large",
    "convicted",
    "sentenced",
    "acquitted",
    "in_custody",
    "surrendered",
    "deceased",
    "withdrawn",
]
GROUPS = {
    "at_large": ("wanted", lambda: _("Wanted")),
    "in_custody": ("custody", lambda: _("In custody")),
    "surrendered": ("custody", lambda: _("In custody")),
    "convicted": ("convicted", lambda: _("Convicted")),
    "sentenced": ("convicted", lambda: _("Convicted")),
    "acquitted": ("acquitted", lambda: _("Acquitted")),
    "deceased": ("deceased", lambda: _("Deceased")),
    "withdrawn": ("withdrawn", lambda: _("Warrant withdrawn")),
    "": ("unknown", lambda: _("Status not recorded")),
}


def _group(status: str) -> tuple[str, str]:
    if status in GROUPS:
        key, label = GROUPS[status]
        return key, label()
    from ..facts.models import WarrantStatus

    labels = dict(WarrantStatus.Status.choices)
    return status, str(labels.get(status, status.replace("_", " "))).capitalize()


@require_safe
@limited("page")
def people(request):
    """Everyone with a recorded warrant, grouped by where they stand today (wanted, in custody, convicted,
    deceased, warrant withdrawn), with a search by name in any language."""
    today, language = timezone.localdate(), _language()
    query = " ".join(request.GET.get("q", "").split())[:100]
    persons = (
        Person.objects.filter(warrants__isnull=False)
        .distinct()
        .prefetch_related("aliases", Prefetch("warrants", Warrant.objects.for_rules()))
        .order_by("name")
    )
    groups: dict[str, dict] = {}
    for person in persons:
        if query and not _matches(person, query):
            continue
        warrants = list(person.warrants.all())
        key, label = _group(standing(warrants, today))
        group = groups.setdefault(key, {"key": key, "label": label, "rows": []})
        group["rows"].append(
            {"person": person, "name": person.name_in(language), "courts": sorted({w.court.code for w in warrants})}
        )
    order = list(dict.fromkeys(key for key, _label in GROUPS.values()))
    ordered = sorted(groups.values(), key=lambda g: order.index(g["key"]) if g["key"] in order else len(order) - 1)
    for group in ordered:
        group["rows"].sort(key=lambda row: alphabetical(row["name"]))
    return _page(
        request,
        "compliance/people.html",
        {"groups": ordered, "today": today, "query": query, "found": sum(len(g["rows"]) for g in ordered)},
    )


def _matches(person: Person, query: str) -> bool:
    """Whether any of the person's names (in any language, aliases included) contains the query, ignoring
    case and accents."""
    wanted = _fold(query)
    return any(wanted in _fold(name) for name in [person.name, *(a.text for a in person.aliases.all())])


def _fold(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


@require_safe
@limited("page")
def person(request, pk: int):
    today, language = timezone.localdate(), _language()
    subject = wanted_person(pk)
    try:
        on = _on(request, today)
    except BadDate as error:
        return _bad_date(request, error)
    box = _box(boxes.person_box(subject, on, language=language, today=today), "cbox-person")
    arrest_map = maps.arrest_map(subject, on, language=language, version=caching.feed_version())
    return _page(
        request,
        "compliance/person.html",
        {
            "subject": subject,
            "name": subject.name_in(language),
            "on": on,
            "today": today,
            "box": box,
            "map": arrest_map,
            "map_svg": arrest_map.svg("map-person"),
            "timeline": timeline.person_timeline(subject, on, language=language),
        },
    )


@require_safe
@limited("page")
def states(request):
    today, language = timezone.localdate(), _language()
    rows = []
    for state in State.objects.with_events().prefetch_related("aliases", "treaty_events__citations__source"):
        membership = state.membership_on(today)
        # the sourcing rule: a standing resting on an unconfirmed treaty event is not stated
        status = (
            membership.status if timeline.standing_confirmed(state, today, membership.status) else timeline.UNCONFIRMED
        )
        rows.append(
            {
                "state": state,
                "name": state.name_in(language),
                "membership": membership,
                "label": timeline.STATUS_LABELS.get(status, timeline.STATUS_LABELS["non_party"])(),
            }
        )
    rows.sort(key=lambda row: alphabetical(row["name"]))
    parties = sum(row["membership"].state_party for row in rows)
    return _page(request, "compliance/states.html", {"rows": rows, "today": today, "parties": parties})


@require_safe
@limited("page")
def state(request, iso3: str):
    today, language = timezone.localdate(), _language()
    subject = get_object_or_404(State.objects.with_events().prefetch_related("aliases"), iso3=iso3.upper())
    try:
        on = _on(request, today)
    except BadDate as error:
        return _bad_date(request, error)
    box = _box(boxes.state_box(subject, on, language=language, today=today), "cbox-state")
    visits = (
        Visit.objects.filter(state=subject)
        .select_related("person")
        .prefetch_related("person__aliases", "citations__source")
        .order_by("-start", "-planned_start")
    )
    visits = [v for v in visits if v.confirmed]  # the sourcing rule: readers see only confirmed visits
    return _page(
        request,
        "compliance/state.html",
        {
            "subject": subject,
            "name": subject.name_in(language),
            "on": on,
            "today": today,
            "box": box,
            "periods": timeline.membership_periods(subject, on, language=language),
            "events": [e for e in subject.treaty_events.all()],
            "visits": [{"visit": v, "person": v.person.name_in(language)} for v in visits],
            "findings": Finding.objects.filter(state=subject).order_by("-date"),
            "bound": bound_without_membership(subject, on, language),
        },
    )


def bound_without_membership(subject: State, on: date, language: str) -> dict[str, list[dict]]:
    """Who `subject` had to arrest on `on` although it was not a party then, by basis: a warrant issued
    while it was a party (Art. 127(2)), a Security Council resolution, an Art. 12(3) declaration. The
    same answers as the map's (`verdicts.verdict`)."""
    if subject.membership_on(on).state_party:
        return {}
    out: dict[str, list[dict]] = {}
    persons = (
        Person.objects.filter(warrants__isnull=False)
        .distinct()
        .prefetch_related("aliases", Prefetch("warrants", Warrant.objects.for_rules()))
        .order_by("name")
    )
    for person in persons:
        answer = verdicts.verdict(person, subject, on, warrants=list(person.warrants.all()))
        # the sourcing rule: an obligation resting on an unconfirmed record is not stated
        if answer.obliged and answer.deciding and all(fact.confirmed for fact in verdicts.rests_on(answer)):
            out.setdefault(answer.deciding.obligation.basis, []).append(
                {"person": person, "name": person.name_in(language), "issued": answer.deciding.warrant.issued}
            )
    return {basis: sorted(rows, key=lambda row: alphabetical(row["name"])) for basis, rows in out.items()}


def _map_context(request, pk: int) -> dict:
    today, language = timezone.localdate(), _language()
    subject = wanted_person(pk)
    on = _on(request, today)
    highlight = request.GET.get("highlight", "").strip().upper()[:3] or None
    if highlight and not State.objects.filter(iso3=highlight).exists():
        raise Http404(_("No state with ISO alpha-3 code %(code)s.") % {"code": highlight})
    arrest_map = maps.arrest_map(subject, on, language=language, highlight=highlight, version=caching.feed_version())
    return {"subject": subject, "on": on, "today": today, "map": arrest_map}


@require_safe
@limited("page")
def map_page(request, pk: int):
    try:
        context = _map_context(request, pk)
    except BadDate as error:
        return _bad_date(request, error)
    return _page(request, "compliance/map.html", {**context, "map_svg": context["map"].svg("map-page")})


@require_safe
@xframe_options_exempt
@limited("embed")
def map_embed(request, pk: int):
    """An iframe-ready page with the map and its list of states; no scripts, fits its width."""
    try:
        context = _map_context(request, pk)
    except BadDate as error:
        return render(request, "compliance/embed_error.html", {"error": str(error)}, status=400)
    return render(request, "compliance/map_embed.html", {**context, "map_svg": context["map"].svg("map-embed")})


@require_safe
@limited("page")
def map_svg(request, pk: int):
    """The map alone, as an SVG image (for <img>, with the page's list as its long description)."""
    try:
        context = _map_context(request, pk)
    except BadDate as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(context["map"].svg("map", standalone=True), content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response
