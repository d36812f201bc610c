"""The shipped reference dataset: read, load (idempotently, never over an editor's change), export.

Each record is compared in one canonical JSON form (`*_record` functions), both when it comes
from a file and when it is read back from the database. A loaded row keeps the digest of the form
it was loaded in; if its current form no longer has that digest, an editor changed it, and the
loader leaves it alone. The format is described in compliance/reference/FORMAT.md.
"""

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction

from .models import (
    Charge,
    Citation,
    Court,
    Finding,
    Office,
    Person,
    PersonAlias,
    SecurityCouncilObligation,
    Source,
    State,
    StateAlias,
    TreatyEvent,
    Visit,
    Warrant,
    WarrantStatus,
)

FORMAT = 1
REFERENCE_DIR = Path(__file__).resolve().parent.parent / "reference"
FILES = {
    "states.json": ("states",),
    "treaty_events.json": ("treaty_events", "sc_obligations"),
    "persons.json": ("courts", "persons", "warrants"),
    "visits.json": ("visits", "findings"),
}
SOURCE_FIELDS = ("url", "title", "publisher", "published", "accessed", "archive_url")
ORIGINAL_FIELDS = ("publisher", "title", "url")
TIERS = ("primary", "secondary", "unusable")


class DatasetError(ValueError):
    pass


@dataclass
class Report:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    kept: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def lines(self, verb_prefix: str = "") -> list[str]:
        lines = [f"{verb_prefix}create {key}" for key in self.created]
        lines += [f"{verb_prefix}update {key}" for key in self.updated]
        lines += [f"keep editor's change to {key}" for key in self.kept]
        lines.append(
            f"{len(self.created)} created, {len(self.updated)} updated, {self.unchanged} unchanged, "
            f"{len(self.kept)} kept as edited"
        )
        return lines


def _iso(value):
    if isinstance(value, date):
        return value.isoformat()
    return value or None


def _date(value):
    return date.fromisoformat(value) if value else None


def _digest(record: dict) -> str:
    return hashlib.sha256(json.dumps(record, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


# --- reading ------------------------------------------------------------------------------------


def read(directory: Path = REFERENCE_DIR) -> dict:
    data: dict[str, list] = defaultdict(list)
    sources: dict[str, dict] = {}
    if not any((Path(directory) / name).exists() for name in FILES):
        raise DatasetError(f"{directory}: no dataset files ({', '.join(FILES)}).")
    for name, collections in FILES.items():
        path = Path(directory) / name
        if not path.exists():
            continue
        try:
            content = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise DatasetError(f"{path}: not valid JSON ({error}).") from error
        if content.get("format") != FORMAT:
            raise DatasetError(f"{path}: format {content.get('format')!r} is not {FORMAT}.")
        for source in content.get("sources", []):
            source = _source_record(source)
            if source["key"] in sources and sources[source["key"]] != source:
                raise DatasetError(f"{path}: source {source['key']!r} differs from another file's copy.")
            sources[source["key"]] = source
        for collection in collections:
            data[collection].extend(content.get(collection, []))
    data["sources"] = list(sources.values())
    return dict(data)


def _source_record(raw: dict) -> dict:
    record = {"key": raw["key"], **{f: raw.get(f) or None for f in SOURCE_FIELDS}}
    record["note"] = raw.get("note", "")
    # Tier and original are left out when empty, so a row loaded before they existed keeps its digest
    # (and is updated, not taken for an editor's change).
    if raw.get("tier"):
        if raw["tier"] not in TIERS:
            raise DatasetError(f"source {raw['key']!r}: tier {raw['tier']!r} is not one of {', '.join(TIERS)}.")
        record["tier"] = raw["tier"]
    original = {f: (raw.get("original") or {}).get(f) or "" for f in ORIGINAL_FIELDS}
    if any(original.values()):
        record["original"] = original
    return record


# --- canonical records --------------------------------------------------------------------------


def _sources_of(obj) -> list[str]:
    return sorted(c.source.key for c in obj.citations.all())


def _aliases(items) -> list[dict]:
    return sorted(
        ({"language": a["language"], "text": a["text"], "kind": a["kind"]} for a in items),
        key=lambda a: (a["language"], a["kind"], a["text"]),
    )


def state_record(raw: dict) -> dict:
    aliases = [{"language": lang, "text": text, "kind": "name"} for lang, text in raw.get("names", {}).items() if text]
    aliases += [a for a in raw.get("aliases", []) if a.get("text")]
    unique = {(a["language"], a["text"]): a for a in aliases}
    return {
        "iso2": raw["iso2"],
        "iso3": raw["iso3"],
        "qid": raw.get("qid") or None,
        "name": raw.get("name") or raw["names"]["en"],
        "un_status": raw.get("un_status", "member"),
        "aliases": _aliases(unique.values()),
        "note": raw.get("note", ""),
        "sources": sorted(raw.get("sources", [])),
    }


def state_from_db(obj: State) -> dict:
    return state_record(
        {
            "iso2": obj.iso2,
            "iso3": obj.iso3,
            "qid": obj.qid,
            "name": obj.name,
            "un_status": obj.un_status,
            "aliases": [{"language": a.language, "text": a.text, "kind": a.kind} for a in obj.aliases.all()],
            "note": obj.note,
            "sources": _sources_of(obj),
        }
    )


def event_record(raw: dict) -> dict:
    return {
        "state": raw["state"],
        "kind": raw["kind"],
        "date": raw["date"],
        "instrument": raw.get("instrument") or "",
        "effective": raw.get("effective") or None,
        "period_start": raw.get("period_start") or None,
        "period_end": raw.get("period_end") or None,
        "note": raw.get("note", ""),
        "sources": sorted(set(raw.get("sources", []))),
    }


def event_from_db(obj: TreatyEvent) -> dict:
    return event_record(
        {
            "state": obj.state.iso3,
            "kind": obj.kind,
            "date": _iso(obj.date),
            "instrument": obj.instrument,
            "effective": _iso(obj.effective),
            "period_start": _iso(obj.period_start),
            "period_end": _iso(obj.period_end),
            "note": obj.note,
            "sources": _sources_of(obj),
        }
    )


def fold_events(raw_events: list[dict]) -> list[dict]:
    """Entry into force and withdrawal effect are stored on the deposit and notification they follow."""
    targets = {"entry_into_force": "deposit", "withdrawal_effective": "withdrawal_notified"}
    events = sorted((dict(e) for e in raw_events), key=lambda e: (e["state"], e["date"], e["kind"]))
    folded = [e for e in events if e["kind"] not in targets]
    for event in events:
        if event["kind"] not in targets:
            continue
        candidates = [
            e
            for e in folded
            if e["state"] == event["state"] and e["kind"] == targets[event["kind"]] and e["date"] <= event["date"]
        ]
        if not candidates:
            raise DatasetError(
                f"{event['state']}: {event['kind']} on {event['date']} follows no {targets[event['kind']]}."
            )
        target = candidates[-1]
        target["effective"] = event["date"]
        target["sources"] = sorted(set(target.get("sources", [])) | set(event.get("sources", [])))
        if event.get("note"):
            target["note"] = "; ".join(filter(None, [target.get("note", ""), event["note"]]))
    return [event_record(e) for e in folded]


def unfold_event(record: dict) -> list[dict]:
    record = dict(record)
    extra = []
    effective = record.pop("effective")
    if effective and record["instrument"] == "succession":
        record["effective"] = effective  # the date of succession precedes the notification: kept inline
    elif effective:
        kind = {"deposit": "entry_into_force", "withdrawal_notified": "withdrawal_effective"}[record["kind"]]
        extra.append({"state": record["state"], "kind": kind, "date": effective, "sources": record["sources"]})
    for key in ("instrument", "period_start", "period_end", "note"):
        if not record[key]:
            del record[key]
    return [record, *extra]


def sc_record(raw: dict) -> dict:
    return {
        "state": raw["state"],
        "resolution": raw["resolution"],
        "situation": raw.get("situation", ""),
        "adopted": raw["adopted"],
        "scope": raw.get("scope", ""),
        "note": raw.get("note", ""),
        "sources": sorted(raw.get("sources", [])),
    }


def sc_from_db(obj: SecurityCouncilObligation) -> dict:
    return sc_record(
        {
            "state": obj.state.iso3,
            "resolution": obj.resolution,
            "situation": obj.situation,
            "adopted": _iso(obj.adopted),
            "scope": obj.scope,
            "note": obj.note,
            "sources": _sources_of(obj),
        }
    )


def court_record(raw: dict) -> dict:
    return {
        "code": raw["code"],
        "name": raw["name"],
        "url": raw.get("url", ""),
        "note": raw.get("note", ""),
        "sources": sorted(raw.get("sources", [])),
    }


def court_from_db(obj: Court) -> dict:
    return court_record(
        {"code": obj.code, "name": obj.name, "url": obj.url, "note": obj.note, "sources": _sources_of(obj)}
    )


def person_record(raw: dict) -> dict:
    aliases = [{"language": lang, "text": text, "kind": "name"} for lang, text in raw.get("names", {}).items() if text]
    aliases += [a for a in raw.get("aliases", []) if a.get("text")]
    unique = {(a["language"], a["text"]): a for a in aliases}
    offices = sorted(
        (
            {
                "title": o["title"],
                "state": o.get("state") or None,
                "start": o.get("start") or None,
                "end": o.get("end") or None,
            }
            for o in raw.get("offices", [])
        ),
        key=lambda o: (o["start"] or "", o["title"]),
    )
    return {
        "qid": raw.get("qid") or None,
        "name": raw["name"],
        "aliases": _aliases(unique.values()),
        "offices": offices,
        "note": raw.get("note", ""),
        "sources": sorted(raw.get("sources", [])),
    }


def person_from_db(obj: Person) -> dict:
    return person_record(
        {
            "qid": obj.qid,
            "name": obj.name,
            "aliases": [{"language": a.language, "text": a.text, "kind": a.kind} for a in obj.aliases.all()],
            "offices": [
                {
                    "title": o.title,
                    "state": o.state.iso3 if o.state_id else None,
                    "start": _iso(o.start),
                    "end": _iso(o.end),
                }
                for o in obj.offices.all()
            ],
            "note": obj.note,
            "sources": _sources_of(obj),
        }
    )


def _person_key(person: Person) -> str:
    return person.qid or person.name


def warrant_record(raw: dict) -> dict:
    return {
        "key": raw["key"],
        "court": raw["court"],
        "person": raw["person"],
        "case_name": raw.get("case_name") or "",
        "case_number": raw.get("case_number") or "",
        "situation": raw.get("situation") or "",
        "situation_state": raw.get("situation_state") or None,
        "issued": raw.get("issued") or None,
        "made_public": raw.get("made_public") or None,
        "charges": [
            {"crime": c["crime"], "article": c.get("article") or "", "summary": c.get("summary") or ""}
            for c in raw.get("charges", [])
        ],
        "status_history": sorted(
            (
                {"status": s["status"], "date": s["date"], "note": s.get("note") or ""}
                for s in raw.get("status_history", [])
            ),
            key=lambda s: (s["date"], s["status"]),
        ),
        "note": raw.get("note", ""),
        "sources": sorted(raw.get("sources", [])),
    }


def warrant_from_db(obj: Warrant) -> dict:
    return warrant_record(
        {
            "key": obj.key,
            "court": obj.court.code,
            "person": _person_key(obj.person),
            "case_name": obj.case_name,
            "case_number": obj.case_number,
            "situation": obj.situation,
            "situation_state": obj.situation_state.iso3 if obj.situation_state_id else None,
            "issued": _iso(obj.issued),
            "made_public": _iso(obj.made_public),
            "charges": [{"crime": c.crime, "article": c.article, "summary": c.summary} for c in obj.charges.all()],
            "status_history": [
                {"status": s.status, "date": _iso(s.date), "note": s.note} for s in obj.status_history.all()
            ],
            "note": obj.note,
            "sources": _sources_of(obj),
        }
    )


VISIT_DATES = ("planned_start", "planned_end", "start", "end")
# Dates added to the format later: in a record only when set, so that records loaded before they existed
# keep their digest (and are not taken for an editor's change).
VISIT_LATER_DATES = ("present_on",)


def visit_record(raw: dict) -> dict:
    return {
        "key": raw["key"],
        "person": raw["person"],
        "state": raw["state"],
        **{f: raw.get(f) or None for f in VISIT_DATES},
        **{f: raw[f] for f in VISIT_LATER_DATES if raw.get(f)},
        "occasion": raw.get("occasion") or "",
        "status": raw.get("status") or "announced",
        "outcome": raw.get("outcome") or None,
        "note": raw.get("note", ""),
        "sources": sorted(raw.get("sources", [])),
    }


def visit_from_db(obj: Visit) -> dict:
    return visit_record(
        {
            "key": obj.key,
            "person": _person_key(obj.person),
            "state": obj.state.iso3,
            **{f: _iso(getattr(obj, f)) for f in VISIT_DATES + VISIT_LATER_DATES},
            "occasion": obj.occasion,
            "status": obj.status,
            "outcome": obj.outcome,
            "note": obj.note,
            "sources": _sources_of(obj),
        }
    )


def finding_record(raw: dict) -> dict:
    appeal = raw.get("appeal") or {}
    return {
        "key": raw["key"],
        "court": raw.get("court") or "ICC",
        "state": raw["state"],
        "visits": sorted(raw.get("visits", [])),
        "date": raw["date"],
        "reference": raw.get("reference") or "",
        "chamber": raw.get("chamber") or "",
        "title": raw.get("title") or "",
        "result": raw.get("result") or "non_compliance",
        "referral": raw.get("referral") or "none",
        "appeal": {
            "status": appeal.get("status") or "none",
            "date": appeal.get("date") or None,
            "reference": appeal.get("reference") or "",
            "summary": appeal.get("summary") or "",
        },
        "note": raw.get("note", ""),
        "sources": sorted(raw.get("sources", [])),
    }


def finding_from_db(obj: Finding) -> dict:
    return finding_record(
        {
            "key": obj.key,
            "court": obj.court.code,
            "state": obj.state.iso3,
            "visits": [v.key for v in obj.visits.all()],
            "date": _iso(obj.date),
            "reference": obj.reference,
            "chamber": obj.chamber,
            "title": obj.title,
            "result": obj.result,
            "referral": obj.referral,
            "appeal": {
                "status": obj.appeal_status,
                "date": _iso(obj.appeal_date),
                "reference": obj.appeal_reference,
                "summary": obj.appeal_summary,
            },
            "note": obj.note,
            "sources": _sources_of(obj),
        }
    )


# --- loading ------------------------------------------------------------------------------------


class _Loader:
    def __init__(self, report: Report):
        self.report = report
        self.sources: dict[str, Source] = {s.key: s for s in Source.objects.all()}
        self.states: dict[str, State] = {}
        self.persons: dict[str, Person] = {}

    def state(self, iso3: str | None) -> State | None:
        if not iso3:
            return None
        if iso3 not in self.states:
            try:
                self.states[iso3] = State.objects.get(iso3=iso3)
            except State.DoesNotExist:
                raise DatasetError(f"Unknown state {iso3!r}: add it to states.json.") from None
        return self.states[iso3]

    def person(self, key: str) -> Person:
        if key not in self.persons:
            person = Person.objects.filter(qid=key).first() or Person.objects.filter(qid=None, name=key).first()
            if person is None:
                raise DatasetError(f"Unknown person {key!r}: add them to persons.json.")
            self.persons[key] = person
        return self.persons[key]

    def cite(self, obj, keys: list[str]):
        if not keys:
            raise DatasetError(f"{obj.reference_key}: every record must cite at least one source.")
        missing = [k for k in keys if k not in self.sources]
        if missing:
            raise DatasetError(f"{obj.reference_key}: unknown sources {missing}.")
        ct = ContentType.objects.get_for_model(obj)
        Citation.objects.filter(content_type=ct, object_id=obj.pk).exclude(source__key__in=keys).delete()
        for key in keys:
            Citation.objects.get_or_create(source=self.sources[key], content_type=ct, object_id=obj.pk)

    def upsert(self, model, key: str, record: dict, from_db, apply):
        """Create or update one record unless an editor changed it since it was last loaded."""
        obj = model.objects.filter(reference_key=key).first()
        if obj is not None:
            current = _digest(from_db(obj))
            if current != obj.reference_digest:
                self.report.kept.append(key)
                return obj
            if current == _digest(record):
                self.report.unchanged += 1
                return obj
            self.report.updated.append(key)
        else:
            obj = model(reference_key=key)
            self.report.created.append(key)
        apply(obj, record)
        try:
            obj.full_clean(exclude=["reference_key"], validate_unique=False)
        except ValidationError as error:
            raise DatasetError(f"{key}: {'; '.join(error.messages)}") from error
        obj.save()
        self.after_save(obj, record)
        obj.reference_digest = _digest(from_db(obj))
        model.objects.filter(pk=obj.pk).update(reference_digest=obj.reference_digest)
        return obj

    def after_save(self, obj, record):
        if "sources" in record and not isinstance(obj, Source):
            self.cite(obj, record["sources"])
        children = getattr(self, f"children_{type(obj).__name__.lower()}", None)
        if children:
            children(obj, record)

    # children of each record, replaced wholesale
    def children_state(self, obj: State, record):
        obj.aliases.all().delete()
        StateAlias.objects.bulk_create(StateAlias(state=obj, **a) for a in record["aliases"])

    def children_person(self, obj: Person, record):
        obj.aliases.all().delete()
        PersonAlias.objects.bulk_create(PersonAlias(person=obj, **a) for a in record["aliases"])
        obj.offices.all().delete()
        Office.objects.bulk_create(
            Office(
                person=obj, title=o["title"], state=self.state(o["state"]), start=_date(o["start"]), end=_date(o["end"])
            )
            for o in record["offices"]
        )

    def children_warrant(self, obj: Warrant, record):
        obj.charges.all().delete()
        Charge.objects.bulk_create(Charge(warrant=obj, **c) for c in record["charges"])
        obj.status_history.all().delete()
        WarrantStatus.objects.bulk_create(
            WarrantStatus(warrant=obj, status=s["status"], date=_date(s["date"]), note=s["note"])
            for s in record["status_history"]
        )

    def children_finding(self, obj: Finding, record):
        visits = list(Visit.objects.filter(key__in=record["visits"]))
        if len(visits) != len(record["visits"]):
            raise DatasetError(f"{obj.reference_key}: unknown visits in {record['visits']}.")
        obj.visits.set(visits)


def _set(obj, record, fields):
    for name in fields:
        setattr(obj, name, record[name])


def load(data: dict, *, dry_run: bool = False) -> Report:
    report = Report()
    with transaction.atomic():
        loader = _Loader(report)
        for raw in data.get("sources", []):
            record = _source_record(raw)

            def apply_source(obj, rec):
                obj.key = rec["key"]
                for f in SOURCE_FIELDS:
                    value = rec[f]
                    setattr(obj, f, _date(value) if f in ("published", "accessed") else (value or ""))
                obj.note = rec["note"]
                obj.tier = rec.get("tier", "")
                for f in ORIGINAL_FIELDS:
                    setattr(obj, f"original_{f}", rec.get("original", {}).get(f, ""))

            source = loader.upsert(Source, f"source:{record['key']}", record, source_from_db, apply_source)
            loader.sources[source.key] = source

        for raw in data.get("states", []):
            record = state_record(raw)
            loader.upsert(
                State,
                f"state:{record['iso3']}",
                record,
                state_from_db,
                lambda o, r: _set(o, r, ("iso2", "iso3", "qid", "name", "un_status", "note")),
            )

        for record in fold_events(data.get("treaty_events", [])):

            def apply_event(obj, r):
                obj.state = loader.state(r["state"])
                obj.kind, obj.instrument, obj.note = r["kind"], r["instrument"], r["note"]
                for f in ("date", "effective", "period_start", "period_end"):
                    setattr(obj, f, _date(r[f]))

            loader.upsert(
                TreatyEvent,
                f"event:{record['state']}:{record['kind']}:{record['date']}",
                record,
                event_from_db,
                apply_event,
            )

        for raw in data.get("sc_obligations", []):
            record = sc_record(raw)

            def apply_sc(obj, r):
                obj.state = loader.state(r["state"])
                obj.resolution, obj.situation, obj.scope, obj.note = (
                    r["resolution"],
                    r["situation"],
                    r["scope"],
                    r["note"],
                )
                obj.adopted = _date(r["adopted"])

            loader.upsert(
                SecurityCouncilObligation, f"sc:{record['state']}:{record['resolution']}", record, sc_from_db, apply_sc
            )

        courts = {}
        for raw in data.get("courts", []):
            record = court_record(raw)
            courts[record["code"]] = loader.upsert(
                Court,
                f"court:{record['code']}",
                record,
                court_from_db,
                lambda o, r: _set(o, r, ("code", "name", "url", "note")),
            )

        for raw in data.get("persons", []):
            record = person_record(raw)
            key = record["qid"] or record["name"]
            loader.persons[key] = loader.upsert(
                Person, f"person:{key}", record, person_from_db, lambda o, r: _set(o, r, ("qid", "name", "note"))
            )

        def court(code):
            if code not in courts:
                courts[code] = Court.objects.filter(code=code).first()
                if courts[code] is None:
                    raise DatasetError(f"Unknown court {code!r}.")
            return courts[code]

        for raw in data.get("warrants", []):
            record = warrant_record(raw)

            def apply_warrant(obj, r):
                obj.key, obj.case_name, obj.case_number, obj.situation, obj.note = (
                    r["key"],
                    r["case_name"],
                    r["case_number"],
                    r["situation"],
                    r["note"],
                )
                obj.court, obj.person = court(r["court"]), loader.person(r["person"])
                obj.situation_state = loader.state(r["situation_state"])
                obj.issued, obj.made_public = _date(r["issued"]), _date(r["made_public"])

            loader.upsert(Warrant, f"warrant:{record['key']}", record, warrant_from_db, apply_warrant)

        for raw in data.get("visits", []):
            record = visit_record(raw)

            def apply_visit(obj, r):
                obj.key, obj.occasion, obj.status, obj.outcome, obj.note = (
                    r["key"],
                    r["occasion"],
                    r["status"],
                    r["outcome"] or "",
                    r["note"],
                )
                obj.person, obj.state = loader.person(r["person"]), loader.state(r["state"])
                for f in VISIT_DATES:
                    setattr(obj, f, _date(r[f]))
                for f in VISIT_LATER_DATES:
                    setattr(obj, f, _date(r.get(f)))

            loader.upsert(Visit, f"visit:{record['key']}", record, visit_from_db, apply_visit)

        for raw in data.get("findings", []):
            record = finding_record(raw)

            def apply_finding(obj, r):
                obj.key, obj.reference, obj.chamber, obj.title, obj.result, obj.referral, obj.note = (
                    r["key"],
                    r["reference"],
                    r["chamber"],
                    r["title"],
                    r["result"],
                    r["referral"],
                    r["note"],
                )
                obj.court, obj.state, obj.date = court(r["court"]), loader.state(r["state"]), _date(r["date"])
                a = r["appeal"]
                obj.appeal_status, obj.appeal_date = a["status"], _date(a["date"])
                obj.appeal_reference, obj.appeal_summary = a["reference"], a["summary"]

            loader.upsert(Finding, f"finding:{record['key']}", record, finding_from_db, apply_finding)

        if dry_run:
            transaction.set_rollback(True)
    return report


def source_from_db(obj: Source) -> dict:
    return _source_record(
        {
            "key": obj.key,
            **{f: _iso(getattr(obj, f)) for f in SOURCE_FIELDS},
            "note": obj.note,
            "tier": obj.tier,
            "original": {f: getattr(obj, f"original_{f}") for f in ORIGINAL_FIELDS},
        }
    )


# --- exporting ----------------------------------------------------------------------------------


def export() -> dict[str, dict]:
    """The whole database in the shipped format: {file name: file content}."""
    collections = {
        "states": [
            _strip_state(state_from_db(s)) for s in State.objects.prefetch_related("aliases", "citations__source")
        ],
        "treaty_events": [
            e
            for ev in TreatyEvent.objects.select_related("state").prefetch_related("citations__source")
            for e in unfold_event(event_from_db(ev))
        ],
        "sc_obligations": [sc_from_db(o) for o in SecurityCouncilObligation.objects.select_related("state")],
        "courts": [court_from_db(c) for c in Court.objects.all()],
        "persons": [person_from_db(p) for p in Person.objects.prefetch_related("aliases", "offices__state")],
        "warrants": [
            warrant_from_db(w)
            for w in Warrant.objects.select_related("court", "person", "situation_state").prefetch_related(
                "charges", "status_history"
            )
        ],
        "visits": [visit_from_db(v) for v in Visit.objects.select_related("person", "state")],
        "findings": [
            finding_from_db(f) for f in Finding.objects.select_related("court", "state").prefetch_related("visits")
        ],
    }
    sources = {s.key: source_from_db(s) for s in Source.objects.all()}
    files = {}
    for name, names in FILES.items():
        content = {"format": FORMAT}
        used = set()
        for collection in names:
            content[collection] = collections[collection]
            used |= {k for record in collections[collection] for k in record.get("sources", [])}
        content["sources"] = [_strip_source(sources[k]) for k in sorted(used)]
        files[name] = {
            "format": FORMAT,
            "sources": content.pop("sources"),
            **{k: v for k, v in content.items() if k != "format"},
        }
    return files


def _strip_state(record: dict) -> dict:
    names = {a["language"]: a["text"] for a in record["aliases"] if a["kind"] == "name"}
    record["names"] = names
    record["aliases"] = [a for a in record["aliases"] if a["kind"] != "name"]
    return record


def _strip_source(record: dict) -> dict:
    return {k: v for k, v in record.items() if v or k in ("key", "url", "title")}


def write(files: dict[str, dict], directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, content in files.items():
        path = directory / name
        path.write_text(json.dumps(content, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
