"""A wanted person's travels since the first warrant, with arrests and findings, laid out on a line.

Plain data for a template: each event with its date, its kind, a sentence, its sources, and its place
along the line (0 to 1000), so the picture and the list beside it (its text alternative) come from
the same facts. Dates are passed in; nothing here reads the clock."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import translation
from django.utils.translation import gettext as _

from .. import rules
from ..editorial import boxes, wording
from ..facts import verdicts
from ..facts.models import Finding, Person

WIDTH = 1000

VISIT_OBLIGED = "visit-obliged"  # a trip to a state that had to arrest him
VISIT = "visit"  # a trip to a state that did not
ARREST = "arrest"  # taken into custody or surrendered
FINDING = "finding"  # a court decision on a state's failure to arrest
WARRANT = "warrant"
UNCONFIRMED = "unconfirmed"  # a membership period resting on a treaty event below the sourcing rule


@dataclass
class Event:
    on: date
    kind: str
    text: str
    state: str = ""
    sources: list[str] = field(default_factory=list)
    x: float = 0.0


@dataclass
class Timeline:
    person: dict
    start: date | None
    end: date
    events: list[Event]
    years: list[tuple[int, float]]  # (year, x) ticks

    @property
    def trips(self) -> int:
        return sum(e.kind in (VISIT, VISIT_OBLIGED) for e in self.events)

    @property
    def trips_to_obliged(self) -> int:
        return sum(e.kind == VISIT_OBLIGED for e in self.events)


def _keys(fact) -> list[str]:
    return sorted({c.source.key for c in fact.citations.all()})


def person_timeline(person: Person, on: date, *, language: str = "en") -> Timeline:
    with translation.override(language):
        name = person.name_in(language)
        warrants = list(person.warrants.for_rules().prefetch_related("citations__source"))
        # Only what readers may see as fact (the sourcing rule, as in the boxes): the same trips as the box.
        issued = [w for w in warrants if w.issued and w.issued <= on and w.confirmed]
        start = min((w.issued for w in issued), default=None)
        events: list[Event] = []
        for warrant in issued:
            events.append(
                Event(
                    warrant.issued,
                    WARRANT,
                    _("%(court)s arrest warrant issued") % {"court": wording.court_name(warrant.court)},
                    sources=_keys(warrant),
                )
            )
            for change in warrant.status_history.all():
                if change.status in ("in_custody", "surrendered") and change.date <= on:
                    events.append(
                        Event(
                            change.date,
                            ARREST,
                            "%s: %s" % (name, wording.WARRANT_STATUS[change.status]()),
                            sources=_keys(warrant),
                        )
                    )
        for trip in verdicts.travel_since_warrant(person, on, warrants=warrants):
            # the line says whether the host had to make the arrest: that rests on its treaty events too
            if (
                trip.made
                and trip.visit.confirmed
                and all(
                    fact.confirmed
                    for fact in verdicts.rests_on(
                        verdicts.verdict(person, trip.visit.state, trip.first_day, warrants=warrants)
                    )
                )
            ):
                events.append(
                    Event(
                        trip.first_day,
                        VISIT_OBLIGED if trip.obliged else VISIT,
                        boxes.visit_line(trip.visit, language, trip.obliged),
                        trip.visit.state.iso3,
                        _keys(trip.visit),
                    )
                )
        findings = (
            Finding.objects.filter(visits__person=person, date__lte=on)
            .distinct()
            .select_related("state")
            .prefetch_related("state__aliases", "citations__source")
        )
        for finding in findings:
            if not finding.confirmed:
                continue
            state_name = finding.state.name_in(language)
            if finding.result == Finding.Result.NON_COMPLIANCE:
                text = _("The Court found that %(state)s had failed to make the arrest") % {"state": state_name}
            else:
                text = _("The Court made no finding of non-compliance against %(state)s") % {"state": state_name}
            events.append(Event(finding.date, FINDING, text, finding.state.iso3, _keys(finding)))
        events.sort(key=lambda e: (e.on, e.kind))
        years: list[tuple[int, float]] = []
        if start:
            span = max((on - start).days, 1)
            for event in events:
                event.x = round((event.on - start).days / span * WIDTH, 1)
            years = [
                (year, round((date(year, 1, 1) - start).days / span * WIDTH, 1))
                for year in range(start.year + 1, on.year + 1)
            ]
        return Timeline({"id": person.pk, "name": name, "qid": person.qid}, start, on, events, years)


STATUS_LABELS = {
    "party": lambda: _("state party"),
    "withdrawal_pending": lambda: _("state party, withdrawal notified"),
    "deposited": lambda: _("instrument deposited, not yet in force"),
    "withdrawn": lambda: _("withdrew: no longer a party"),
    "signatory": lambda: _("signatory, not a party"),
    "non_party": lambda: _("not a party"),
    UNCONFIRMED: lambda: _("not yet confirmed by sources that meet our standard"),
}
OPENED_FOR_SIGNATURE = rules.membership.OPENED_FOR_SIGNATURE


@dataclass
class Period:
    start: date
    end: date  # the last day, inclusive (the line's end for the current period)
    status: str
    label: str
    x: float = 0.0
    width: float = 0.0


def _unconfirmed_since(state) -> list[date]:
    """When each treaty event deciding the state's standing that is below the sourcing rule takes effect."""
    return [
        min(e.date, e.effective or e.date)
        for e in state.treaty_events.all()
        if e.kind in verdicts.DECIDING_EVENTS and not e.confirmed
    ]


def _signature_unconfirmed(state) -> bool:
    """The signature decides the standing only of a signatory."""
    return any(e.kind == "signature" and not e.confirmed for e in state.treaty_events.all())


def standing_confirmed(state, on: date, status: str) -> bool:
    """Whether readers may be told the state's standing (`status`) on `on`: no event deciding it is
    below the sourcing rule."""
    if status == "signatory" and _signature_unconfirmed(state):
        return False
    return all(day > on for day in _unconfirmed_since(state))


def membership_periods(state, on: date, *, language: str = "en") -> list[Period]:
    """The state's standing under the Rome Statute from its opening for signature to `on` (the
    membership rules' periods), labelled and laid out on the line."""
    span = max((on - OPENED_FOR_SIGNATURE).days, 1)
    periods = list(rules.membership_periods(state.rule_events(), on))
    # The sourcing rule: from the first event below it, the standing is not stated (one blank period).
    unconfirmed = _unconfirmed_since(state)
    if unconfirmed and periods:
        since = max(min(unconfirmed), periods[0][0])
        periods = [
            (first, min(last, since - timedelta(days=1)), status) for first, last, status in periods if first < since
        ]
        periods.append((since, on, UNCONFIRMED))
    if _signature_unconfirmed(state):
        periods = [(first, last, UNCONFIRMED if status == "signatory" else status) for first, last, status in periods]
    merged: list[tuple] = []
    for first, last, status in periods:  # two blank periods in a row are one
        if merged and merged[-1][2] == status == UNCONFIRMED:
            merged[-1] = (merged[-1][0], last, status)
        else:
            merged.append((first, last, status))
    periods = merged
    with translation.override(language):
        return [
            Period(
                first,
                last,
                status,
                STATUS_LABELS.get(status, STATUS_LABELS["non_party"])(),
                x=round((first - OPENED_FOR_SIGNATURE).days / span * WIDTH, 1),
                width=round(((last - first).days + 1) / span * WIDTH, 1),
            )
            for first, last, status in periods
            if first <= on
        ]
