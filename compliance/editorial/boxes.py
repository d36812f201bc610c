"""The structure of a context box: one builder for the article page, the API and the feed.

A box is plain data (JSON-ready): a title, the verdict first, then statements, each with the keys of
its sources, the date it is true as of, what changed since, when its data was last verified, and
the facts it used (so a change to any of them finds the box again).
"""

from datetime import date

from django.utils import translation
from django.utils.translation import gettext as _

from ..facts import verdicts
from ..facts.models import Finding, Person, State, Visit
from . import wording
from .wording import long_date, period

VISIT = "visit"
PERSON = "person"
STATE = "state"


class _Box:
    def __init__(self, kind: str, on: date, language: str, today: date):
        self.data = {"kind": kind, "as_of": on.isoformat(), "language": language, "title": "", "verdict": None,
                     "statements": [], "sections": [], "since_publication": [], "sources": [],
                     "last_verified": None, "facts": [], "person": None, "state": None}
        self.on, self.today = on, today
        self._sources: dict[str, dict] = {}
        self._verified: list = []

    def use(self, *facts, cite: bool = True) -> list[str]:
        """Record facts the box rests on; returns their source keys (none when `cite` is off)."""
        keys = []
        for fact in facts:
            if fact is None:
                continue
            ref = f"{type(fact).__name__.lower()}:{fact.pk}"
            if ref not in self.data["facts"]:
                self.data["facts"].append(ref)
            if fact.verified_at:
                self._verified.append(fact.verified_at)
            if not cite:
                continue
            prefetched = getattr(fact, "_prefetched_objects_cache", {}).get("citations")
            citations = prefetched if prefetched is not None else fact.citations.select_related("source")
            for citation in citations:
                source = citation.source
                self._sources.setdefault(source.key, {
                    "key": source.key, "title": source.title, "url": source.url, "publisher": source.publisher,
                    "archive_url": source.archive_url,
                })
                if source.key not in keys:
                    keys.append(source.key)
        return keys

    def statement(self, text: str, *facts, section: str = "", code: str = "", uses=()) -> dict:
        """A sentence citing the sources of `facts`; `uses` are facts it also rests on, uncited."""
        self.use(*uses, cite=False)
        item = {"text": text, "sources": self.use(*facts), "code": code}
        if section:
            for existing in self.data["sections"]:
                if existing["key"] == section:
                    existing["statements"].append(item)
                    break
        else:
            self.data["statements"].append(item)
        return item

    def section(self, key: str, heading: str):
        self.data["sections"].append({"key": key, "heading": heading, "statements": []})

    def since(self, when: date, text: str, *facts):
        self.data["since_publication"].append({"date": when.isoformat(), "text": text, "sources": self.use(*facts)})

    def finish(self) -> dict:
        self.data["sources"] = sorted(self._sources.values(), key=lambda s: s["key"])
        self.data["last_verified"] = max(self._verified).date().isoformat() if self._verified else None
        self.data["since_publication"].sort(key=lambda item: item["date"])
        return self.data


def _person(person: Person, language: str) -> dict:
    return {"id": person.pk, "name": person.name_in(language), "qid": person.qid}


def _state(state: State, language: str) -> dict:
    return {"id": state.pk, "name": state.name_in(language), "iso3": state.iso3, "iso2": state.iso2}


def _warrant_statements(box: _Box, person: Person, language: str, section: str = "warrants"):
    name = person.name_in(language)
    for warrant in person.warrants.for_rules():
        if warrant.issued and warrant.issued > box.on:
            continue
        charges = [wording.crime_label(c.article, c.crime) for c in warrant.charges.all()]
        p = {"court": wording.court_name(warrant.court), "person": name,
             "date": long_date(warrant.issued), "case": warrant.case_number or warrant.case_name}
        text = _("%(court)s arrest warrant for %(person)s, issued %(date)s") % p
        if warrant.case_number:
            text += f" ({warrant.case_number})"
        if charges:
            text += ". " + _("Charges: %(charges)s") % {"charges": "; ".join(dict.fromkeys(charges))}
        status = warrant.status_on(box.on)
        text += ". " + _("Status on %(date)s: %(status)s.") % {"date": long_date(box.on),
                                                               "status": wording.WARRANT_STATUS[status]()}
        box.statement(text, warrant, section=section, code="warrant")
        for change in warrant.status_history.all():
            if box.on < change.date <= box.today:
                box.since(change.date, _("%(person)s: %(status)s.") % {
                    "person": name, "status": wording.WARRANT_STATUS[change.status]()}, warrant)


def _findings_text(findings, on: date, state_name: str) -> list[tuple[str, Finding]]:
    out = []
    for finding in findings:
        if finding.date > on:
            continue
        if finding.result == Finding.Result.NON_COMPLIANCE:
            text = _("On %(date)s the Court found that %(state)s had failed to comply with its obligations") % {
                "date": long_date(finding.date), "state": state_name}
            referral = wording.REFERRALS.get(finding.referral)
            text += (_(" and referred the matter to %(body)s.") % {"body": referral()}) if referral else "."
        else:
            text = _("On %(date)s the Court decided not to make a finding of non-compliance against %(state)s.") % {
                "date": long_date(finding.date), "state": state_name}
        if finding.appeal_status in wording.APPEALS and (finding.appeal_date is None or finding.appeal_date <= on):
            text += " " + wording.APPEALS[finding.appeal_status]()
        out.append((text, finding))
    return out


def visit_line(visit: Visit, language: str, obliged: bool) -> str:
    p = {"state": visit.state.name_in(language),
         "dates": period(visit.start or visit.planned_start, visit.end or visit.planned_end)}
    text = _("%(state)s, %(dates)s") % p
    if visit.status == Visit.Status.CANCELLED:
        text += ": " + _("cancelled")
    else:
        text += ": " + (_("obliged to arrest") if obliged else _("not obliged to arrest"))
        if visit.outcome:
            text += "; " + wording.OUTCOMES[visit.outcome]()
    return text + "."


def visit_box(person: Person, state: State, on: date, *, language: str = "en", today: date | None = None) -> dict:
    today = today or on
    with translation.override(language):
        box = _Box(VISIT, on, language, today)
        person_name, state_name = person.name_in(language), state.name_in(language)
        box.data.update(person=_person(person, language), state=_state(state, language))
        box.data["title"] = _("%(person)s and %(state)s") % {"person": person_name, "state": state_name}
        box.use(person)
        warrants = list(person.warrants.for_rules())
        answer = verdicts.verdict(person, state, on, warrants=warrants)
        deciding = answer.deciding
        box.data["verdict"] = {
            "obliged": answer.obliged, "state_party": answer.membership.state_party,
            "basis": deciding.obligation.basis if deciding else "none",
            "text": wording.obligation_sentence(state_name, person_name, answer.obliged,
                                                deciding.obligation.basis if deciding else "none", on),
        }
        box.statement(wording.membership_sentence(state_name, answer.membership, on), *_membership_events(state),
                      code=answer.membership.status, uses=[state])
        box.statement(box.data["verdict"]["text"], deciding.warrant if deciding else None, code="verdict",
                      uses=[state])
        for reason in (deciding.obligation.caveats if deciding else ()) + answer.membership.reasons:
            sentence = wording.caveat_sentence(reason.code, reason.params)
            if sentence:
                box.statement(sentence, *_membership_events(state), code=reason.code)

        box.section("warrants", _("The warrant") if person.warrants.count() == 1 else _("The warrants"))
        _warrant_statements(box, person, language)

        box.section("visits", _("Earlier visits to states parties"))
        current = _current_visit(person, state, on)
        for visit in _visits(person, before=on, exclude=current):
            visit_answer = verdicts.verdict(person, visit.state, visit.start or visit.planned_start, warrants=warrants)
            if not visit_answer.obliged:
                continue
            box.statement(visit_line(visit, language, visit_answer.obliged), visit, section="visits",
                          code="earlier_visit", uses=[visit.state])
            for text, finding in _findings_text(visit.findings.all(), on, visit.state.name_in(language)):
                box.statement(text, finding, section="visits", code="finding")
        if current is not None:
            box.use(current)
        _since_for_state(box, state, state_name, language)
        _since_findings(box, person, language)
        return box.finish()


def _membership_events(state: State) -> list:
    """The events membership rests on: not the signature, which binds a state to nothing here."""
    return [e for e in state.treaty_events.all() if e.kind != "signature"] or [state]


def _current_visit(person: Person, state: State, on: date) -> Visit | None:
    """The visit the article is about: the one to this state nearest the article's date."""
    visits = [v for v in Visit.objects.filter(person=person, state=state) if (v.start or v.planned_start)]
    return min(visits, key=lambda v: abs(((v.start or v.planned_start) - on).days), default=None)


def _visits(person: Person, before: date, exclude: Visit | None = None):
    qs = (Visit.objects.filter(person=person).select_related("state", "person")
          .prefetch_related("findings__citations__source", "citations__source", "state__treaty_events",
                            "state__sc_obligations", "state__citations__source", "state__aliases"))
    out = [v for v in qs if (v.start or v.planned_start) and (v.start or v.planned_start) < before]
    if exclude is not None:
        out = [v for v in out if v.pk != exclude.pk]
    return sorted(out, key=lambda v: v.start or v.planned_start, reverse=True)


def _since_for_state(box: _Box, state: State, state_name: str, language: str):
    now = state.membership_on(box.today)
    then = state.membership_on(box.on)
    if now.status != then.status:
        if now.status == "withdrawn":
            box.since(now.withdrawal_effective, _("%(state)s's withdrawal from the Rome Statute took effect.") % {
                "state": state_name}, state)
        elif now.status == "withdrawal_pending":
            box.since(now.withdrawal_notified, _("%(state)s notified its withdrawal from the Rome Statute; it "
                                                 "takes effect on %(effective)s.") % {
                "state": state_name, "effective": long_date(now.withdrawal_effective)}, state)
        elif now.state_party:
            box.since(now.entry_into_force, _("The Rome Statute entered into force for %(state)s.") % {
                "state": state_name}, state)


def _since_findings(box: _Box, person: Person, language: str):
    for finding in Finding.objects.filter(visits__person=person, date__gt=box.on, date__lte=box.today).distinct():
        for text, _finding in _findings_text([finding], box.today, finding.state.name_in(language)):
            box.since(finding.date, text, finding)


def person_box(person: Person, on: date, *, language: str = "en", today: date | None = None) -> dict:
    today = today or on
    with translation.override(language):
        box = _Box(PERSON, on, language, today)
        name = person.name_in(language)
        box.data["person"] = _person(person, language)
        box.data["title"] = _("%(person)s: wanted by an international court") % {"person": name}
        box.use(person)
        box.statement(_("%(person)s is the subject of an arrest warrant. Every state party to the Rome Statute "
                        "must make the arrest if the wanted person enters its territory.") % {"person": name}, person, code="wanted")
        box.section("warrants", _("Warrants"))
        _warrant_statements(box, person, language)
        box.section("visits", _("Travel since the warrant"))
        trips = verdicts.travel_since_warrant(person, on)
        made = [trip for trip in trips if trip.made]
        obliged = [trip for trip in made if trip.obliged]
        box.data["verdict"] = {"visits": len(made), "visits_to_obliged_states": len(obliged),
                               "arrests": sum(trip.visit.outcome in ("arrested", "surrendered") for trip in made),
                               "text": _("Recorded trips abroad since the warrant: %(n)d, of which %(m)d to states "
                                         "obliged to make the arrest.") % {"n": len(made), "m": len(obliged)}}
        box.statement(box.data["verdict"]["text"], *[trip.visit for trip in made], section="visits",
                      code="travel_count")
        for trip in reversed(trips):
            box.statement(visit_line(trip.visit, language, trip.obliged), trip.visit, section="visits", code="visit")
        _since_findings(box, person, language)
        return box.finish()


def state_box(state: State, on: date, *, language: str = "en", today: date | None = None) -> dict:
    today = today or on
    with translation.override(language):
        box = _Box(STATE, on, language, today)
        name = state.name_in(language)
        box.data["state"] = _state(state, language)
        box.data["title"] = _("%(state)s and the International Criminal Court") % {"state": name}
        membership = state.membership_on(on)
        box.data["verdict"] = {"state_party": membership.state_party, "status": membership.status,
                               "text": wording.membership_sentence(name, membership, on)}
        box.statement(box.data["verdict"]["text"], *_membership_events(state), code=membership.status,
                      uses=[state])
        for reason in membership.reasons:
            sentence = wording.caveat_sentence(reason.code, reason.params)
            if sentence:
                box.statement(sentence, *_membership_events(state), code=reason.code)
        box.section("record", _("Compliance record"))
        visits = [v for v in Visit.objects.filter(state=state).select_related("person")
                  if (v.start or v.planned_start) and (v.start or v.planned_start) <= on]
        for visit in sorted(visits, key=lambda v: v.start or v.planned_start, reverse=True):
            line = _("%(person)s visited, %(dates)s") % {
                "person": visit.person.name_in(language), "dates": period(visit.start, visit.end)}
            if visit.outcome:
                line += ": " + wording.OUTCOMES[visit.outcome]()
            box.statement(line + ".", visit, section="record", code="visit")
        for text, finding in _findings_text(state.findings.all(), on, name):
            box.statement(text, finding, section="record", code="finding")
        _since_for_state(box, state, name, language)
        return box.finish()
