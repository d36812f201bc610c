"""Answers for a person, a state and a date, gathered from the database and decided by the rules.

The admin, `manage.py explain`, the boxes and the API all call these, so they never disagree.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, prefetch_related_objects

from .. import rules
from .models import Citation, Finding, Person, SecurityCouncilObligation, State, TreatyEvent, Visit, Warrant


@dataclass(frozen=True)
class WarrantObligation:
    warrant: Warrant
    obligation: rules.Obligation


@dataclass(frozen=True)
class Verdict:
    person: Person
    state: State
    on: date
    membership: rules.Membership
    per_warrant: tuple[WarrantObligation, ...]

    @property
    def obliged(self) -> bool:
        return any(w.obligation.obliged for w in self.per_warrant)

    @property
    def deciding(self) -> WarrantObligation | None:
        """The warrant that creates the obligation, else the most recent one."""
        for item in self.per_warrant:
            if item.obligation.obliged:
                return item
        return self.per_warrant[-1] if self.per_warrant else None

    @property
    def reasons(self) -> tuple[rules.Reason, ...]:
        if self.deciding is None:
            return self.membership.reasons + (
                rules.Reason("no_warrant", f"No arrest warrant for {self.person} is recorded.", ""),
            )
        return self.deciding.obligation.reasons

    @property
    def caveats(self) -> tuple[rules.Reason, ...]:
        return self.deciding.obligation.caveats if self.deciding else self.membership.discrepancies

    def as_dict(self) -> dict:
        return {
            "person": {"name": self.person.name, "qid": self.person.qid},
            "state": {"name": self.state.name, "iso3": self.state.iso3},
            "date": self.on.isoformat(),
            "obliged": self.obliged,
            "state_party": self.membership.state_party,
            "membership_status": self.membership.status,
            "basis": self.deciding.obligation.basis if self.deciding else rules.obligation.BASIS_NONE,
            "reasons": [r.as_dict() for r in self.reasons],
            "caveats": [r.as_dict() for r in self.caveats],
            "warrants": [
                {
                    "key": item.warrant.key,
                    "court": item.warrant.court.code,
                    "case_number": item.warrant.case_number,
                    "issued": item.warrant.issued.isoformat() if item.warrant.issued else None,
                    "obliged": item.obligation.obliged,
                    "basis": item.obligation.basis,
                }
                for item in self.per_warrant
            ],
        }


def verdict(person: Person, state: State, on: date, warrants: list[Warrant] | None = None) -> Verdict:
    """`warrants`: the person's warrants (`Warrant.objects.for_rules()`), when the caller has them."""
    events = state.rule_events()
    duties = state.sc_duties()
    warrants = [w for w in (person.warrants.for_rules() if warrants is None else warrants) if w.issued]
    per_warrant = tuple(
        WarrantObligation(w, rules.obligation_on(events, w.as_rule(), on, state=state.iso3, sc_duties=duties))
        for w in warrants
    )
    return Verdict(person, state, on, rules.membership_on(events, on), per_warrant)


def visit_verdict(visit: Visit, on: date, warrants: list[Warrant] | None = None) -> rules.VisitVerdict:
    first_day = visit.first_day or on
    decided = verdict(visit.person, visit.state, min(first_day, on), warrants=warrants)
    obligation = (
        decided.deciding.obligation
        if decided.deciding
        else rules.Obligation(False, rules.obligation.BASIS_NONE, decided.membership, decided.reasons)
    )
    return rules.visit_verdict(visit.as_rule(), obligation, [f.as_rule() for f in visit.findings.all()], on)


@dataclass(frozen=True)
class Trip:
    visit: Visit
    first_day: date
    obliged: bool  # whether the host state had to arrest the person on the first day

    @property
    def made(self) -> bool:
        return rules.is_trip(self.visit.as_rule())


TRIP_INPUTS = (
    "state__treaty_events",
    "state__sc_obligations",
    "state__aliases",
    "state__citations__source",
    "citations__source",
    "findings__citations__source",
)


def travel_since_warrant(person: Person, on: date, warrants: list[Warrant] | None = None) -> list[Trip]:
    """The person's recorded visits from the first warrant issued by `on` up to `on`, oldest first,
    cancelled ones included (`Trip.made` says which were travel), each with the host state's
    obligation on its first day. `warrants`: as for `verdict`."""
    warrants = list(person.warrants.for_rules()) if warrants is None else warrants
    first_warrant = min((w.issued for w in warrants if w.issued and w.issued <= on), default=None)
    if first_warrant is None:
        return []
    trips = []
    for visit in Visit.objects.filter(person=person).select_related("state", "person").prefetch_related(*TRIP_INPUTS):
        first_day = visit.first_day
        if first_day and first_warrant <= first_day <= on:
            trips.append(Trip(visit, first_day, verdict(person, visit.state, first_day, warrants=warrants).obliged))
    return sorted(trips, key=lambda trip: trip.first_day)


def visit_verdict_data(verdict: rules.VisitVerdict) -> dict:
    return {
        "status": verdict.status,
        "obliged": verdict.obliged,
        "failed_to_arrest": verdict.failed_to_arrest,
        "reasons": [r.as_dict() for r in verdict.reasons],
    }


# The kinds of treaty event a state's standing on a date is decided by (as in the boxes).
DECIDING_EVENTS = ("deposit", "withdrawal_notified", "withdrawal_revoked", "instrument_withdrawn")


def rests_on(decided: Verdict) -> list:
    """The records a verdict (a state's obligation towards a person on a date) rests on: the state,
    the treaty events deciding its standing on that date, the deciding warrant, and the declarations
    or Security Council resolutions the obligation comes from. The sourcing rule gates the verdict on
    these, as the boxes do."""
    state, on, membership = decided.state, decided.on, decided.membership
    basis = decided.deciding.obligation.basis if decided.deciding else rules.obligation.BASIS_NONE
    kinds = DECIDING_EVENTS + (("signature",) if membership.status == "signatory" else ())
    if basis == rules.obligation.BASIS_DECLARATION:
        kinds += ("declaration_12_3",)
    facts = [
        state,
        *(e for e in state.treaty_events.all() if e.kind in kinds and min(e.date, e.effective or e.date) <= on),
    ]
    if basis == rules.obligation.BASIS_SECURITY_COUNCIL:
        facts += [duty for duty in state.sc_obligations.all() if duty.adopted <= on]
    if decided.deciding is not None:
        facts.append(decided.deciding.warrant)
    return facts


def fact_label(fact, state: State | None = None) -> dict:
    """How the feed names a record to partners: its kind and the key the feed lists it under."""
    kind = type(fact).__name__
    if isinstance(fact, State):
        key = fact.iso3
    elif kind == "TreatyEvent":
        key = f"{(state or fact.state).iso3}:{fact.kind}:{fact.date.isoformat()}"
    elif kind == "SecurityCouncilObligation":
        key = f"{(state or fact.state).iso3}:{fact.resolution}"
    elif isinstance(fact, Person):
        key = fact.qid or fact.name
    else:
        key = getattr(fact, "key", None) or str(fact.pk)
    return {
        "kind": {"TreatyEvent": "treaty_event", "SecurityCouncilObligation": "security_council_obligation"}.get(
            kind, kind.lower()
        ),
        "key": key,
    }


def confirmed_visit_verdict_data(visit: Visit, on: date, warrants: list[Warrant] | None = None) -> dict:
    """The visit's verdict as the public feed states it, under the sourcing rule:

    - `confirmed` is false when the visit or a record its verdict rests on (`rests_on`) is below the
      rule; then `obliged` and `failed_to_arrest` are null and `reasons` empty: nothing is stated;
    - a finding below the rule is left out of the reasons (never replaced by "no finding");
    - `unconfirmed` names every record below the rule that the verdict rests on or leaves out."""
    first_day = visit.first_day or on
    decided = verdict(visit.person, visit.state, min(first_day, on), warrants=warrants)
    obligation = (
        decided.deciding.obligation
        if decided.deciding
        else rules.Obligation(False, rules.obligation.BASIS_NONE, decided.membership, decided.reasons)
    )
    findings = [f for f in visit.findings.all()]
    left_out = [f for f in findings if f.date <= on and not f.confirmed]
    below = [f for f in (visit, *rests_on(decided)) if not f.confirmed]
    answer = rules.visit_verdict(visit.as_rule(), obligation, [f.as_rule() for f in findings if f.confirmed], on)
    data = {
        **visit_verdict_data(answer),
        "confirmed": not below,
        "unconfirmed": [fact_label(f, visit.state) for f in (*below, *left_out)],
    }
    if below:
        data.update(obliged=None, failed_to_arrest=None, reasons=[])
    return data


def visit_rule_inputs() -> list:
    """What `visit_verdict` and `confirmed_visit_verdict_data` read (the rules' inputs and the sources
    the sourcing rule weighs), to prefetch for many visits at once."""
    cited = Prefetch("citations", queryset=Citation.objects.select_related("source"))
    warrants = Prefetch(
        "person__warrants",
        queryset=Warrant.objects.select_related("court", "situation_state").prefetch_related("status_history", cited),
    )
    events = Prefetch("state__treaty_events", queryset=TreatyEvent.objects.prefetch_related(cited))
    duties = Prefetch("state__sc_obligations", queryset=SecurityCouncilObligation.objects.prefetch_related(cited))
    findings = Prefetch("findings", queryset=Finding.objects.prefetch_related(cited))
    return [
        "person",
        "state",
        events,
        duties,
        warrants,
        findings,
        cited,
        Prefetch("state__citations", queryset=Citation.objects.select_related("source")),
    ]


def attach_visit_verdicts(visits: list[Visit], on: date) -> None:
    """Set `verdict_data` on each visit (as the public feed states it), with the rules' inputs and
    their sources read for all of them at once."""
    prefetch_related_objects(visits, *visit_rule_inputs())
    for visit in visits:
        visit.verdict_data = confirmed_visit_verdict_data(visit, on, warrants=list(visit.person.warrants.all()))


def parties_count(on: date) -> int:
    return rules.count_parties({s.iso3: s.rule_events() for s in State.objects.prefetch_related("treaty_events")}, on)
