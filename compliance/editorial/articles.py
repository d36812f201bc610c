"""Detection and boxes for the host's articles: analyse an article, build its boxes, store them
with their editorial status, and flag claims. Idempotent: running it twice changes nothing."""

import hashlib
import logging
import re
from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import strip_tags

from .. import conf
from ..facts.models import Person, State, Visit, Warrant
from ..matcher.mentions import PERSON, STATE
from ..ops import outbox
from . import boxes
from .claims import check_claims
from .detection import analyse_text
from .models import Analysis, BoxFact, ClaimFlag, ContextBox, Detection
from .wording import box_language

logger = logging.getLogger(__name__)

LIVE = (ContextBox.Status.APPROVED, ContextBox.Status.PINNED)
ANALYSE_TASK = "compliance.tasks.analyse_article"


def article_model():
    return conf.article_model()


def field(article, name: str):
    return conf.adapter().field(article, name)


def is_public(article, now=None) -> bool:
    return conf.adapter().is_public(article, now or timezone.now())


def article_date(article, today: date) -> date:
    """The date an article's facts are true as of: its publication day, or today for a draft."""
    published = field(article, "published_at")
    if not published:
        return today
    return timezone.localdate(published) if timezone.is_aware(published) else published.date()


def parts(article) -> dict[str, str]:
    return {
        "headline": field(article, "headline"),
        "standfirst": field(article, "standfirst"),
        "body": field(article, "body"),
    }


@dataclass
class Result:
    created: int = 0
    changed: int = 0
    removed: int = 0
    claims: int = 0


def analyse(headline: str, body: str, *, language: str, on: date, today: date, standfirst: str = "") -> dict:
    """Detection, boxes and claims for any text, without writing anything."""
    analysis = analyse_text(headline, body, language=language, on=on, standfirst=standfirst)
    text_parts = {"headline": headline, "standfirst": standfirst, "body": body}
    persons = Person.objects.in_bulk({m.entity for m in analysis.mentions if m.kind == PERSON})
    states = State.objects.in_bulk({m.entity for m in analysis.mentions if m.kind == STATE})
    planned = plan_boxes(analysis, persons, states, on)
    built = []
    for kind, person, state, salience in planned:
        data = build(kind, person, state, on, language, today)
        built.append((kind, person, state, salience, data))
    return {
        "analysis": analysis,
        "persons": persons,
        "states": states,
        "boxes": built,
        "claims": check_claims(text_parts, analysis, language, on),
    }


def plan_boxes(analysis, persons, states, on):
    """Which boxes an article gets: a visit box per person-state pair the article reports travel for
    (the trip it is about first, then trips cancelled, skipped or made earlier); a person box for a
    salient wanted person with no visit box; a state box for a salient state that is neither a
    visit's host nor a wanted person's own state."""
    planned = []
    paired_persons, paired_states = set(), set()
    homes = {s for person_id in persons for s in analysis.home_states.get(person_id, ())}
    recorded = set(Visit.objects.filter(person__in=persons, state__isnull=False).values_list("person_id", "state_id"))
    warrants: dict[int, list] = {}
    for warrant in (
        Warrant.objects.filter(person__in=persons).select_related("court").prefetch_related("status_history")
    ):
        warrants.setdefault(warrant.person_id, []).append(warrant)
    in_custody = {pk for pk, person in persons.items() if pk in warrants and not person.sought_on(on, warrants[pk])}
    for person_id, state_id in analysis.trips or analysis.pairs:
        if (person_id, state_id) not in analysis.lead_trips and (person_id, state_id) not in recorded:
            continue  # a trip in passing gets a box only when the data has it (and can judge it on its dates)
        if (person_id, state_id) not in recorded and person_id in in_custody:
            continue  # taken to the Court in custody ("flown to The Hague"): a transfer, not a visit
        person = persons.get(person_id)
        # a trip found through a place (Anchorage) may be to a state the article never names
        state = states.get(state_id) or State.objects.filter(pk=state_id).first()
        if person is None or state is None or not person.warrants.exists():
            continue
        planned.append((ContextBox.Kind.VISIT, person, state, analysis.pair_scores.get((person_id, state_id), 0.0)))
        paired_persons.add(person_id)
        paired_states.add(state_id)
    for person_id in analysis.persons:
        person = persons.get(person_id)
        if person and person_id not in paired_persons and person.warrants.exists():
            planned.append((ContextBox.Kind.PERSON, person, None, analysis.person_scores[person_id]))
    for state_id in analysis.states:
        if state_id in paired_states or state_id in homes or state_id not in states:
            continue
        if analysis.persons or analysis.pairs:
            planned.append((ContextBox.Kind.STATE, None, states[state_id], analysis.state_scores[state_id]))
    return planned


def build(kind, person, state, on, language, today) -> dict:
    language = box_language(language)
    if kind == ContextBox.Kind.VISIT:
        return boxes.visit_box(person, state, on, language=language, today=today)
    if kind == ContextBox.Kind.PERSON:
        return boxes.person_box(person, on, language=language, today=today)
    return boxes.state_box(state, on, language=language, today=today)


def content_digest(*values) -> str:
    return hashlib.sha256("\x1f".join(map(str, values)).encode()).hexdigest()


class AnalysisFailed(Exception):
    """The analysis cannot be done; the message says why, in words an editor can act on."""


def refresh(article, today: date) -> Result:
    """Analyse one article and store its boxes and flagged claims, in one transaction."""
    on = article_date(article, today)
    language = field(article, "language") or "en"
    text = parts(article)
    limit = conf.get("MAX_ARTICLE_CHARS")
    if len(text["body"]) > limit:
        raise AnalysisFailed(
            f"the body has {len(text['body']):,} characters, more than the {limit:,} analysed "
            "(COMPLIANCE_MAX_ARTICLE_CHARS)"
        )
    found = analyse(
        text["headline"], text["body"], standfirst=text["standfirst"], language=language, on=on, today=today
    )
    ct = ContentType.objects.get_for_model(article)
    result = Result()
    with transaction.atomic():
        existing = {
            b.slot: b for b in ContextBox.objects.select_for_update().filter(content_type=ct, object_id=article.pk)
        }
        wanted = set()
        for position, (kind, person, state, salience, data) in enumerate(found["boxes"]):
            slot = f"{kind}:{person.pk if person else '-'}:{state.pk if state else '-'}"
            wanted.add(slot)
            box = existing.get(slot)
            if box is None:
                box = ContextBox(
                    content_type=ct,
                    object_id=article.pk,
                    kind=kind,
                    person=person,
                    state=state,
                    status=(
                        ContextBox.Status.APPROVED if conf.get("PUBLISH_SUGGESTIONS") else ContextBox.Status.SUGGESTED
                    ),
                )
                result.created += 1
            elif box.data != data or box.salience != salience or box.as_of != on:
                result.changed += 1
            else:
                continue
            store(box, data, on, language, salience=salience, position=position)
        for slot, box in existing.items():
            if (
                slot not in wanted
                and box.origin == ContextBox.Origin.DETECTED
                and box.status == ContextBox.Status.SUGGESTED
            ):
                box.delete()
                result.removed += 1
        result.claims = _store_claims(ct, article.pk, found["claims"])
        analysis = found["analysis"]
        Detection.objects.update_or_create(
            content_type=ct,
            object_id=article.pk,
            defaults={
                "as_of": on,
                "language": language,
                "content_digest": content_digest(*text.values(), language, on),
                "result": {
                    "persons": [found["persons"][p].name for p in analysis.persons if p in found["persons"]],
                    "states": [found["states"][s].iso3 for s in analysis.states if s in found["states"]],
                    "pairs": [[found["persons"][p].name, found["states"][s].iso3] for p, s in analysis.pairs],
                    "mentions": len(analysis.mentions),
                    "places": places(analysis, text["body"]),
                },
            },
        )
    return result


def store(
    box: ContextBox, data: dict, on: date, language: str, *, salience: float | None = None, position: int | None = None
):
    box.data, box.as_of, box.language, box.built_at = data, on, data.get("language", language), timezone.now()
    if salience is not None:
        box.salience = salience
    if position is not None:
        box.position = position
    if box.status in LIVE and box.approved_at:
        # An approved box whose text readers see is no longer the text the editor approved.
        if reader_text(box) == box.approved_text:
            box.changed_since_approval = None
        elif box.changed_since_approval is None:
            box.changed_since_approval = timezone.now()
    box.save()
    stored = set(BoxFact.objects.filter(box=box).values_list("fact", flat=True))
    if stored != set(data["facts"]):
        BoxFact.objects.filter(box=box).exclude(fact__in=data["facts"]).delete()
        BoxFact.objects.bulk_create([BoxFact(box=box, fact=f) for f in set(data["facts"]) - stored])


def rebuild(box: ContextBox, today: date, built: dict | None = None) -> bool:
    """Rebuild one stored box from the current data (after a fact changed, or for a manual box).
    `built` shares the work between boxes with the same subject, date and language."""
    article = box.article
    on = article_date(article, today) if article is not None else today
    key = (box.kind, box.person_id, box.state_id, on, box.language or "en", today)
    if built is not None and key in built:
        data = built[key]
    else:
        data = build(box.kind, box.person, box.state, on, box.language or "en", today)
        if built is not None:
            built[key] = data
    if data != box.data:
        store(box, data, on, box.language)
        return True
    return False


def _store_claims(ct, object_id, claims) -> int:
    """Keep the article's flags in step with its text; return how many are open.

    A flag whose sentence is no longer in the text is marked fixed, by the analysis (no person), with
    the time. A sentence still in the text keeps (or gets back) an open flag, unless an editor dismissed
    or overrode it with a reason."""
    Status = ClaimFlag.Status
    now = timezone.now()
    found = {(c["sentence"], c["kind"]): c for c in claims}
    kept = set()
    for flag in ClaimFlag.objects.filter(content_type=ct, object_id=object_id):
        key = (flag.sentence, flag.kind)
        claim = found.get(key)
        if key in kept:
            flag.delete()  # a duplicate: one flag per sentence and kind
            continue
        kept.add(key)
        if claim is None:
            if flag.status == Status.OPEN:
                flag.status, flag.resolved_by, flag.resolved_at = Status.FIXED, None, now
                flag.resolution_note = "No longer in the text (found by the analysis)."
                flag.save(update_fields=["status", "resolved_by", "resolved_at", "resolution_note"])
            continue
        if flag.status in (Status.DISMISSED, Status.OVERRIDDEN):
            continue
        flag.status, flag.resolved_by, flag.resolved_at, flag.resolution_note = Status.OPEN, None, None, ""
        flag.severity, flag.claimed, flag.correct = claim["severity"], claim["claimed"] or "", claim["correct"] or ""
        flag.correction, flag.sources = claim["correction"], claim["sources"]
        flag.save()
    ClaimFlag.objects.bulk_create(
        [
            ClaimFlag(
                content_type=ct,
                object_id=object_id,
                sentence=c["sentence"],
                kind=c["kind"],
                severity=c["severity"],
                claimed=c["claimed"] or "",
                correct=c["correct"] or "",
                correction=c["correction"],
                sources=c["sources"],
            )
            for key, c in found.items()
            if key not in kept
        ]
    )
    return ClaimFlag.objects.filter(content_type=ct, object_id=object_id, status=Status.OPEN).count()


def live_boxes(article):
    ct = ContentType.objects.get_for_model(article)
    statuses = LIVE + ((ContextBox.Status.SUGGESTED,) if conf.get("PUBLISH_SUGGESTIONS") else ())
    boxes = ContextBox.objects.filter(content_type=ct, object_id=article.pk, status__in=statuses)
    if not conf.get("KEEP_CHANGED_BOXES_LIVE"):
        boxes = boxes.filter(changed_since_approval__isnull=True)
    return boxes


def reader_text(box: ContextBox) -> str:
    """The text readers see in the box (its rendering without the markup, spaces collapsed): what an
    approval approves, and what the change log compares."""
    if not box.data:
        return ""
    return " ".join(strip_tags(render_to_string("compliance/box.html", {"box": box})).split())


# Flags and approval


def blocking_flags(article):
    """The article's open error flags: until each is fixed, dismissed or overridden, its boxes cannot be
    approved and it cannot be published."""
    return ClaimFlag.objects.filter(
        content_type=ContentType.objects.get_for_model(article),
        object_id=article.pk,
        status=ClaimFlag.Status.OPEN,
        severity="error",
    )


def approve(box: ContextBox, user, status: str = ContextBox.Status.APPROVED, reason: str = "") -> None:
    """Approve (or pin) a box for `user`: who and when are kept, and the text approved, so a later
    change to that text marks the box changed since approval. The caller checks the flags."""
    box.status = status
    box.approved_by = user if getattr(user, "pk", None) else None
    box.approved_at = timezone.now()
    box.approved_text = reader_text(box)
    box.changed_since_approval = None
    if reason:
        box._change_reason = reason
    box.save()


def resolve_flag(flag: ClaimFlag, status: str, user, note: str = "") -> None:
    """Close a flag (fixed, dismissed or overridden) for `user`, now, with the reason."""
    flag.status, flag.resolved_by, flag.resolved_at = status, user, timezone.now()
    flag.resolution_note = note
    flag.save(update_fields=["status", "resolved_by", "resolved_at", "resolution_note"])


# The analysis's state, for editors


def queue_analysis(article) -> None:
    """Queue the article's analysis (after the transaction commits) and mark it pending."""
    ct = ContentType.objects.get_for_model(article)
    Analysis.objects.update_or_create(
        content_type=ct,
        object_id=article.pk,
        defaults={"state": Analysis.State.PENDING, "reason": "", "queued_at": timezone.now()},
    )
    outbox.enqueue(ANALYSE_TASK, ct.pk, article.pk)


def analysis_of(article) -> Analysis | None:
    return Analysis.objects.filter(
        content_type=ContentType.objects.get_for_model(article), object_id=article.pk
    ).first()


def analysis_done(content_type_id: int, object_id: int, result: "Result") -> None:
    boxes_now = ContextBox.objects.filter(content_type_id=content_type_id, object_id=object_id)
    flags = ClaimFlag.objects.filter(content_type_id=content_type_id, object_id=object_id, status=ClaimFlag.Status.OPEN)
    summary = {
        **result.__dict__,
        "suggested": boxes_now.filter(status=ContextBox.Status.SUGGESTED).count(),
        "boxes": boxes_now.exclude(status=ContextBox.Status.REJECTED).count(),
        "open_flags": flags.count(),
        "errors": flags.filter(severity="error").count(),
    }
    Analysis.objects.update_or_create(
        content_type_id=content_type_id,
        object_id=object_id,
        defaults={"state": Analysis.State.DONE, "reason": "", "finished_at": timezone.now(), "summary": summary},
    )


def analysis_failed(content_type_id: int, object_id: int, error: BaseException) -> None:
    """Record why the analysis failed, for the article's page, its list and the admin index."""
    if isinstance(error, AnalysisFailed):
        reason = str(error)
    else:
        reason = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    Analysis.objects.update_or_create(
        content_type_id=content_type_id,
        object_id=object_id,
        defaults={"state": Analysis.State.FAILED, "reason": reason[:2000], "finished_at": timezone.now()},
    )


# Where the boxes go in the text


def paragraph_of(body: str, offset: int) -> int:
    """The index of the paragraph (a block between blank lines, empty ones not counted) holding `offset`."""
    return max(sum(1 for block in PARAGRAPH_BREAK.split(body[:offset]) if block.strip()) - 1, 0)


PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n")  # an empty line, spaces allowed (as the host splits)


def places(analysis, body: str) -> dict[str, int]:
    """The paragraph of the body that first names each person ("person:3"), each state ("state:7") and
    each person with a state in one sentence ("pair:3:7"): where a reader meets the box's subject."""
    found: dict[str, int] = {}
    sentences: dict[int, list] = {}
    for mention in sorted((m for m in analysis.mentions if m.part == "body"), key=lambda m: m.start):
        paragraph = paragraph_of(body, mention.end)
        found.setdefault(f"{mention.kind}:{mention.entity}", paragraph)
        sentences.setdefault(mention.sentence, []).append((mention, paragraph))
    for mentions in sentences.values():
        for person, paragraph in mentions:
            if person.kind != PERSON:
                continue
            for state, other in mentions:
                if state.kind == STATE:
                    found.setdefault(f"pair:{person.entity}:{state.entity}", max(paragraph, other))
    return found


def first_mentions(article) -> dict[str, int]:
    """`places` as the article's last analysis stored them; empty before its first analysis."""
    detection = (
        Detection.objects.filter(content_type=ContentType.objects.get_for_model(article), object_id=article.pk)
        .only("result")
        .first()
    )
    return (detection.result.get("places") or {}) if detection else {}
