"""The structure of a context box: one builder for the article page, the API and the feed.

A box is plain data (JSON-ready): a title, the verdict first, then statements, each with the keys of
its sources, the date it is true as of, what changed since, when its data was last verified, and
the facts it used (so a change to any of them finds the box again).
"""

from datetime import date

from django.utils import translation
from django.utils.translation import gettext as _

from .. import rules
from ..facts import sourcing, verdicts
from ..facts.models import Finding, Person, State, Visit
from . import wording
from .wording import long_date, period

VISIT = "visit"
PERSON = "person"
STATE = "state"


class _Box:
    """Statements rest on facts; a statement is stated only when every fact it rests on meets the
    sourcing rule (`facts.sourcing`), and cites the best one to three of their sources, primary first.
    Withheld statements are listed (codes and facts, no text) for editors under "withheld"."""

    def __init__(self, kind: str, on: date, language: str, today: date):
        self.data = {
            "kind": kind,
            "as_of": on.isoformat(),
            "language": language,
            "title": "",
            "verdict": None,
            "statements": [],
            "sections": [],
            "since_publication": [],
            "sources": [],
            "all_sources": [],
            "last_verified": None,
            "sourcing": "",
            "facts": [],
            "withheld": [],
            "person": None,
            "state": None,
        }
        self.on, self.today = on, today
        self._all: dict[str, dict] = {}
        self._sources: dict[str, dict] = {}
        self._facts: dict[str, object] = {}

    @staticmethod
    def _ref(fact) -> str:
        return f"{type(fact).__name__.lower()}:{fact.pk}"

    @staticmethod
    def _source_data(source) -> dict:
        return {
            "key": source.key,
            "title": source.title,
            "url": source.url,
            "publisher": source.publisher,
            "archive_url": source.archive_url,
            "tier": source.tier,
            "original": (
                {"publisher": source.original_publisher, "title": source.original_title, "url": source.original_url}
                if source.original_publisher or source.original_url
                else None
            ),
        }

    def use(self, *facts, cite: bool = True) -> list[str]:
        """Record facts the box rests on (so a change to any of them finds the box again); returns the
        keys of the best sources of the cited facts (none when `cite` is off)."""
        candidates = []
        for fact in facts:
            if fact is None:
                continue
            ref = self._ref(fact)
            if ref not in self.data["facts"]:
                self.data["facts"].append(ref)
            prefetched = getattr(fact, "_prefetched_objects_cache", {}).get("citations")
            citations = prefetched if prefetched is not None else fact.citations.select_related("source")
            fact._box_sources = [c.source for c in citations]
            for source in fact._box_sources:
                self._all.setdefault(source.key, self._source_data(source))
            if cite:
                candidates.extend(fact._box_sources)
        chosen = sourcing.best({s.key: s for s in candidates}.values())
        for source in chosen:
            self._sources.setdefault(source.key, self._source_data(source))
        return [source.key for source in chosen]

    def confirmed(self, *facts) -> bool:
        return all(sourcing.assess_fact(fact, _sources_of(fact)).confirmed for fact in facts if fact is not None)

    def _stated(self, facts) -> None:
        for fact in facts:
            if fact is not None:
                self._facts[self._ref(fact)] = fact

    def statement(self, text: str, *facts, section: str = "", code: str = "", uses=()) -> dict | None:
        """A sentence citing the best sources of `facts`; `uses` are facts it also rests on, uncited.
        Withheld (None) when any of them is below the sourcing rule."""
        self.use(*uses, cite=False)
        if not self.confirmed(*facts, *uses):
            self.use(*facts, cite=False)
            self.data["withheld"].append(
                {"code": code, "section": section, "facts": [self._ref(f) for f in (*facts, *uses) if f is not None]}
            )
            return None
        self._stated((*facts, *uses))
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
        if not self.confirmed(*facts):
            self.use(*facts, cite=False)
            self.data["withheld"].append({"code": "since", "section": "", "facts": [self._ref(f) for f in facts]})
            return
        self._stated(facts)
        self.data["since_publication"].append({"date": when.isoformat(), "text": text, "sources": self.use(*facts)})

    def _reading_order(self) -> list[str]:
        """Source keys in the order a reader meets their footnotes: the reasons, the sections, what
        changed since; then those of statements shown without footnotes (the verdict)."""
        shown = [s for s in self.data["statements"] if s["code"] != "verdict"]
        shown += [s for section in self.data["sections"] for s in section["statements"] if s["code"] != "travel_count"]
        shown += sorted(self.data["since_publication"], key=lambda item: item["date"])
        rest = [s for s in self.data["statements"] if s["code"] == "verdict"]
        rest += [s for section in self.data["sections"] for s in section["statements"] if s["code"] == "travel_count"]
        return list(dict.fromkeys(key for item in shown + rest for key in item["sources"]))

    def finish(self) -> dict:
        self.data["since_publication"].sort(key=lambda item: item["date"])
        self.data["sources"] = [self._sources[key] for key in self._reading_order()]
        self.data["all_sources"] = sorted(self._all.values(), key=lambda s: s["key"])
        stated = list(self._facts.values())
        self.data["stated"] = sorted(self._facts)  # the facts readers are told (for `manage.py audit_sources`)
        verified = [getattr(f, "verified_at", None) for f in stated]
        # "Verified on D" only when every fact stated was verified by a fact-checker (D: the oldest check).
        self.data["last_verified"] = min(verified).date().isoformat() if stated and all(verified) else None
        grades = {sourcing.assess_fact(f, _sources_of(f)).grade for f in stated}
        self.data["sourcing"] = _sourcing_words(grades) if stated and not self.data["last_verified"] else ""
        return self.data


def _sources_of(fact) -> list:
    cached = getattr(fact, "_box_sources", None)
    if cached is not None:
        return cached
    prefetched = getattr(fact, "_prefetched_objects_cache", {}).get("citations")
    citations = prefetched if prefetched is not None else fact.citations.select_related("source")
    fact._box_sources = [c.source for c in citations]
    return fact._box_sources


def _sourcing_words(grades: set) -> str:
    """What the stated facts rest on, in plain words, for a box whose facts are not all verified."""
    if grades == {sourcing.CONFIRMED_PRIMARY}:
        return _(
            "Not yet checked by a fact-checker; every fact here rests on official records (the Court, the "
            "UN or governments)."
        )
    if sourcing.CONFIRMED_PRIMARY in grades:
        return _(
            "Not yet checked by a fact-checker; the facts here rest on official records or, where there "
            "are none, on at least two independent reputable news or research sources."
        )
    return _(
        "Not yet checked by a fact-checker; the facts here rest on at least two independent reputable news "
        "or research sources each."
    )


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
        p = {
            "court": wording.court_name(warrant.court),
            "person": name,
            "date": long_date(warrant.issued),
            "case": warrant.case_number or warrant.case_name,
        }
        text = _("%(court)s arrest warrant for %(person)s, issued %(date)s") % p
        if warrant.case_number:
            text += f" ({warrant.case_number})"
        if charges:
            text += ". " + _("Charges: %(charges)s") % {"charges": "; ".join(dict.fromkeys(charges))}
        status = warrant.status_on(box.on)
        if status:  # a warrant with no date of issue has no status on a date
            text += ". " + _("Status on %(date)s: %(status)s.") % {
                "date": long_date(box.on),
                "status": wording.WARRANT_STATUS[status](),
            }
        else:
            text += "."
        box.statement(text, warrant, section=section, code="warrant")
        for change in warrant.status_history.all():
            if box.on < change.date <= box.today:
                box.since(
                    change.date,
                    _("%(person)s: %(status)s.") % {"person": name, "status": wording.WARRANT_STATUS[change.status]()},
                    warrant,
                )


def _findings_text(findings, on: date, state_name: str) -> list[tuple[str, Finding]]:
    out = []
    for finding in findings:
        if finding.date > on:
            continue
        if finding.result == Finding.Result.NON_COMPLIANCE:
            text = _("On %(date)s the Court found that %(state)s had failed to comply with its obligations") % {
                "date": long_date(finding.date),
                "state": state_name,
            }
            referral = wording.REFERRALS.get(finding.referral)
            if referral:
                text += _(" and referred the matter to %(body)s.") % {"body": referral()}
            elif finding.referral == Finding.Referral.DEFERRED:
                text += wording.REFERRAL_DEFERRED()
            else:
                text += "."
        else:
            text = _("On %(date)s the Court decided not to make a finding of non-compliance against %(state)s.") % {
                "date": long_date(finding.date),
                "state": state_name,
            }
        if finding.appeal_status in wording.APPEALS and (finding.appeal_date is None or finding.appeal_date <= on):
            text += " " + wording.APPEALS[finding.appeal_status]()
        out.append((text, finding))
    return out


def visit_line(visit: Visit, language: str, obliged: bool) -> str:
    p = {
        "state": visit.state.name_in(language),
        "dates": wording.visit_dates(visit),
    }
    text = _("%(state)s, %(dates)s") % p
    if visit.status == Visit.Status.CANCELLED:
        text += ": " + _("cancelled")
    else:
        text += ": " + (_("obliged to arrest") if obliged else _("not obliged to arrest"))
        if visit.outcome:
            text += "; " + wording.OUTCOMES[visit.outcome]()
    return text + "."


def trip_code(visit: Visit, made: str) -> str:
    """A statement's code for a recorded trip: `made`, or "cancelled_visit" for a trip that did not happen
    (readers are told it was cancelled, and it is not counted as a visit)."""
    return made if rules.is_trip(visit.as_rule()) else "cancelled_visit"


def visit_box(person: Person, state: State, on: date, *, language: str = "en", today: date | None = None) -> dict:
    today = today or on
    with translation.override(language):
        box = _Box(VISIT, on, language, today)
        person_name, state_name = person.name_in(language), state.name_in(language)
        box.data.update(person=_person(person, language), state=_state(state, language))
        box.data["title"] = _("%(person)s and %(state)s") % {"person": person_name, "state": state_name}
        box.use(person)
        # the visit the article is about, judged on its own dates, not on the day the article appeared
        current = _current_visit(person, state, on)
        judged = box.on = visit_day(current, on)
        box.data.update(as_of=judged.isoformat(), article_date=on.isoformat())
        warrants = list(person.warrants.for_rules())
        answer = verdicts.verdict(person, state, judged, warrants=warrants)
        deciding = answer.deciding
        box.data["verdict"] = {
            "obliged": answer.obliged,
            "state_party": answer.membership.state_party,
            "basis": deciding.obligation.basis if deciding else "none",
            "text": wording.obligation_sentence(
                state_name, person_name, answer.obliged, deciding.obligation.basis if deciding else "none", judged
            ),
        }
        events = _membership_events(state, judged, answer.membership)
        box.statement(
            wording.membership_sentence(state_name, answer.membership, judged),
            *events,
            code=answer.membership.status,
            uses=[state],
        )
        stated = box.statement(
            box.data["verdict"]["text"], deciding.warrant if deciding else None, code="verdict", uses=[state, *events]
        )
        if stated is None:
            _unconfirmed_verdict(box, state_name, person_name)
        for reason in (deciding.obligation.caveats if deciding else ()) + answer.membership.reasons:
            sentence = wording.caveat_sentence(reason.code, reason.params)
            if sentence:
                box.statement(sentence, *_caveat_events(state, judged, reason.code, events), code=reason.code)

        box.section("warrants", _("The warrant") if person.warrants.count() == 1 else _("The warrants"))
        _warrant_statements(box, person, language)

        box.section("visits", _("Earlier visits to states parties"))
        for visit in _visits(person, before=judged, exclude=current):
            visit_answer = verdicts.verdict(person, visit.state, visit.first_day, warrants=warrants)
            if not visit_answer.obliged:
                continue
            box.statement(
                visit_line(visit, language, visit_answer.obliged),
                visit,
                section="visits",
                code=trip_code(visit, "earlier_visit"),
                uses=[
                    visit.state,
                    *_membership_events(visit.state, visit.first_day, visit_answer.membership),
                ],
            )
            for text, finding in _findings_text(visit.findings.all(), judged, visit.state.name_in(language)):
                box.statement(text, finding, section="visits", code="finding")
        if current is not None:
            box.use(current)
        box.data["visit"] = current.key if current is not None else None
        _since_for_state(box, state, state_name, language)
        _since_findings(box, person, language)
        return box.finish()


def visit_day(visit: Visit | None, on: date) -> date:
    """The day a visit box judges: the article's date while the visit is under way (or when there is
    no recorded visit); otherwise the visit's first day, so an article published after the person
    left does not call the host obliged on a day he was gone, and one about a visit years back says
    what the host owed then. What changed later goes in the box's "since" lines."""
    first = visit.first_day if visit is not None else None
    if first is None:
        return on
    last = visit.end or visit.planned_end or first
    return on if first <= on <= last else first


# The kinds of event a state's standing on a date is decided by; announcements and Art. 12(3)
# declarations only add caveats, and the signature matters only to a signatory.
DECIDING_EVENTS = ("deposit", "withdrawal_notified", "withdrawal_revoked", "instrument_withdrawn")


def _membership_events(state: State, on: date | None = None, membership=None) -> list:
    """The events the state's standing on `on` rests on (all dates when `on` is None); the state
    record itself when it has none (a state that never joined)."""
    kinds = DECIDING_EVENTS + (("signature",) if membership is not None and membership.status == "signatory" else ())
    return [
        e
        for e in state.treaty_events.all()
        if e.kind in kinds and (on is None or min(e.date, e.effective or e.date) <= on)
    ] or [state]


def _caveat_events(state: State, on: date, code: str, events: list) -> list:
    kind = {"withdrawal_announced": "withdrawal_announced", "declaration_12_3": "declaration_12_3"}.get(code)
    if kind is None:
        return events
    return [e for e in state.treaty_events.all() if e.kind == kind and e.date <= on] or events


def _unconfirmed_verdict(box: _Box, state_name: str, person_name: str):
    """The verdict rests on a fact below the sourcing rule: say so instead of stating it."""
    box.data["verdict"].update(
        obliged=None,
        state_party=None,
        basis="unconfirmed",
        confirmed=False,
        text=_(
            "Whether %(state)s was obliged to arrest %(person)s on this date is not stated here: a fact it rests on "
            "is not yet confirmed by sources that meet our standard."
        )
        % {"state": state_name, "person": person_name},
    )


def _current_visit(person: Person, state: State, on: date) -> Visit | None:
    """The visit the article is about: the one to this state nearest the article's date."""
    visits = [v for v in Visit.objects.filter(person=person, state=state) if v.first_day]
    return min(visits, key=lambda v: abs((v.first_day - on).days), default=None)


def _visits(person: Person, before: date, exclude: Visit | None = None):
    qs = (
        Visit.objects.filter(person=person)
        .select_related("state", "person")
        .prefetch_related(
            "findings__citations__source",
            "citations__source",
            "state__treaty_events",
            "state__sc_obligations",
            "state__citations__source",
            "state__aliases",
        )
    )
    out = [v for v in qs if v.first_day and v.first_day < before]
    if exclude is not None:
        out = [v for v in out if v.pk != exclude.pk]
    return sorted(out, key=lambda v: v.first_day, reverse=True)


def _since_for_state(box: _Box, state: State, state_name: str, language: str):
    now = state.membership_on(box.today)
    then = state.membership_on(box.on)
    if now.status != then.status:
        if now.status == "withdrawn":
            box.since(
                now.withdrawal_effective,
                _("%(state)s's withdrawal from the Rome Statute took effect on %(effective)s.")
                % {"state": state_name, "effective": long_date(now.withdrawal_effective)},
                state,
            )
        elif now.status == "withdrawal_pending":
            box.since(
                now.withdrawal_notified,
                _("%(state)s notified its withdrawal from the Rome Statute; it takes effect on %(effective)s.")
                % {"state": state_name, "effective": long_date(now.withdrawal_effective)},
                state,
            )
        elif now.state_party:
            box.since(
                now.entry_into_force,
                _("The Rome Statute entered into force for %(state)s on %(since)s.")
                % {"state": state_name, "since": long_date(now.entry_into_force)},
                state,
            )


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
        box.use(person)
        warrants = [w for w in person.warrants.for_rules() if w.issued and w.issued <= on and box.confirmed(w)]
        sought = [w for w in warrants if w.status_on(on) not in wording.NOT_SOUGHT]
        if sought:
            box.data["title"] = _("%(person)s: wanted by an international court") % {"person": name}
            box.statement(
                _(
                    "%(person)s is the subject of an arrest warrant. Every state party to the Rome Statute "
                    "must make the arrest if the wanted person enters its territory."
                )
                % {"person": name},
                *sought,
                code="wanted",
            )
        elif not warrants:
            # No warrant meets the sourcing rule: nothing is stated about one.
            box.data["title"] = _("%(person)s and the International Criminal Court") % {"person": name}
        else:
            # Nobody is sought any more: never call a dead, convicted or surrendered person wanted.
            box.data["title"] = _("%(person)s and the International Criminal Court") % {"person": name}
            statuses = "; ".join(dict.fromkeys(wording.WARRANT_STATUS[w.status_on(on)]() for w in warrants))
            box.statement(
                _("%(person)s is no longer sought on an arrest warrant. Status on %(date)s: %(status)s.")
                % {"person": name, "date": long_date(on), "status": statuses},
                *warrants,
                code="not_sought",
            )
        box.data["sought"] = bool(sought)
        box.section("warrants", _("Warrants"))
        _warrant_statements(box, person, language)
        box.section("visits", _("Travel since the warrant"))
        rule_warrants = list(person.warrants.for_rules())
        # A trip's line says whether the host had to arrest: it rests on the host's treaty events too.
        recorded = verdicts.travel_since_warrant(person, on, warrants=rule_warrants)
        grounds = {
            trip.visit.pk: verdicts.rests_on(
                verdicts.verdict(person, trip.visit.state, trip.first_day, warrants=rule_warrants)
            )
            for trip in recorded
        }
        # (a cancelled trip's line says only that it was cancelled)
        trips = [trip for trip in recorded if box.confirmed(trip.visit, *(grounds[trip.visit.pk] if trip.made else ()))]
        made = [trip for trip in trips if trip.made]
        obliged = [trip for trip in made if trip.obliged]
        box.data["verdict"] = {
            "visits": len(made),
            "visits_to_obliged_states": len(obliged),
            "arrests": sum(trip.visit.outcome in ("arrested", "surrendered") for trip in made),
            "text": _(
                "Recorded trips abroad since the warrant: %(n)d, of which %(m)d to states obliged to make the arrest."
            )
            % {"n": len(made), "m": len(obliged)},
        }
        box.statement(
            box.data["verdict"]["text"], *[trip.visit for trip in made], section="visits", code="travel_count"
        )
        for trip in reversed(trips):
            box.statement(
                visit_line(trip.visit, language, trip.obliged),
                trip.visit,
                section="visits",
                code=trip_code(trip.visit, "visit"),
                uses=grounds[trip.visit.pk] if trip.made else (),
            )
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
        box.data["verdict"] = {
            "state_party": membership.state_party,
            "status": membership.status,
            "text": wording.membership_sentence(name, membership, on),
        }
        events = _membership_events(state, on, membership)
        if box.statement(box.data["verdict"]["text"], *events, code=membership.status, uses=[state]) is None:
            box.data["verdict"].update(
                state_party=None,
                status="unconfirmed",
                confirmed=False,
                text=_(
                    "Whether %(state)s was a party to the Rome Statute on %(date)s is not stated here: a treaty act it "
                    "rests on is not yet confirmed by sources that meet our standard."
                )
                % {"state": name, "date": long_date(on)},
            )
        for reason in membership.reasons:
            sentence = wording.caveat_sentence(reason.code, reason.params)
            if sentence:
                box.statement(sentence, *_caveat_events(state, on, reason.code, events), code=reason.code)
        box.section("record", _("Compliance record"))
        visits = [
            v for v in Visit.objects.filter(state=state).select_related("person") if v.first_day and v.first_day <= on
        ]
        for visit in sorted(visits, key=lambda v: v.first_day, reverse=True):
            if not rules.is_trip(visit.as_rule()):
                box.statement(
                    _("%(person)s's trip, planned for %(dates)s, was cancelled.")
                    % {
                        "person": visit.person.name_in(language),
                        "dates": period(visit.planned_start or visit.start, visit.planned_end or visit.end),
                    },
                    visit,
                    section="record",
                    code="cancelled_visit",
                )
                continue
            line = _("%(person)s visited, %(dates)s") % {
                "person": visit.person.name_in(language),
                "dates": wording.visit_dates(visit),
            }
            if visit.outcome:
                line += ": " + wording.OUTCOMES[visit.outcome]()
            box.statement(line + ".", visit, section="record", code=trip_code(visit, "visit"))
        for text, finding in _findings_text(state.findings.all(), on, name):
            box.statement(text, finding, section="record", code="finding")
        _since_for_state(box, state, name, language)
        return box.finish()
