"""Detection and boxes for the host's articles: analyse an article, build its boxes, store them
with their editorial status, and flag claims. Idempotent: running it twice changes nothing."""

import hashlib
import logging
from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from .. import conf
from ..facts.models import Person, State
from ..matcher.mentions import PERSON, STATE
from . import boxes
from .claims import check_claims
from .detection import analyse_text
from .models import BoxFact, ClaimFlag, ContextBox, Detection

logger = logging.getLogger(__name__)

LIVE = (ContextBox.Status.APPROVED, ContextBox.Status.PINNED)


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
    return {"headline": field(article, "headline"), "standfirst": field(article, "standfirst"),
            "body": field(article, "body")}


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
        "analysis": analysis, "persons": persons, "states": states, "boxes": built,
        "claims": check_claims(text_parts, analysis, language, on),
    }


def plan_boxes(analysis, persons, states, on):
    """Which boxes an article gets: a visit box per salient person-state pair; a person box for a
    salient wanted person with no visit box; a state box for a salient state that is neither a
    visit's host nor a wanted person's own state."""
    planned = []
    paired_persons, paired_states = set(), set()
    homes = {s for person_id in persons for s in analysis.home_states.get(person_id, ())}
    for person_id, state_id in analysis.pairs:
        person, state = persons.get(person_id), states.get(state_id)
        if person is None or state is None or not person.warrants.exists():
            continue
        planned.append((ContextBox.Kind.VISIT, person, state, analysis.pair_scores[(person_id, state_id)]))
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
    language = language if language in ("en", "uk") else "en"
    if kind == ContextBox.Kind.VISIT:
        return boxes.visit_box(person, state, on, language=language, today=today)
    if kind == ContextBox.Kind.PERSON:
        return boxes.person_box(person, on, language=language, today=today)
    return boxes.state_box(state, on, language=language, today=today)


def content_digest(*values) -> str:
    return hashlib.sha256("\x1f".join(map(str, values)).encode()).hexdigest()


def refresh(article, today: date) -> Result:
    """Analyse one article and store its boxes and flagged claims, in one transaction."""
    on = article_date(article, today)
    language = field(article, "language") or "en"
    text = parts(article)
    found = analyse(text["headline"], text["body"], standfirst=text["standfirst"], language=language, on=on,
                    today=today)
    ct = ContentType.objects.get_for_model(article)
    result = Result()
    with transaction.atomic():
        existing = {b.slot: b for b in ContextBox.objects.select_for_update().filter(content_type=ct, object_id=article.pk)}
        wanted = set()
        for position, (kind, person, state, salience, data) in enumerate(found["boxes"]):
            slot = f"{kind}:{person.pk if person else '-'}:{state.pk if state else '-'}"
            wanted.add(slot)
            box = existing.get(slot)
            if box is None:
                box = ContextBox(content_type=ct, object_id=article.pk, kind=kind, person=person, state=state,
                                 status=(ContextBox.Status.APPROVED if conf.get("PUBLISH_SUGGESTIONS")
                                         else ContextBox.Status.SUGGESTED))
                result.created += 1
            elif box.data != data or box.salience != salience or box.as_of != on:
                result.changed += 1
            else:
                continue
            store(box, data, on, language, salience=salience, position=position)
        for slot, box in existing.items():
            if slot not in wanted and box.origin == ContextBox.Origin.DETECTED and box.status == ContextBox.Status.SUGGESTED:
                box.delete()
                result.removed += 1
        result.claims = _store_claims(ct, article.pk, found["claims"])
        analysis = found["analysis"]
        Detection.objects.update_or_create(content_type=ct, object_id=article.pk, defaults={
            "as_of": on, "language": language, "content_digest": content_digest(*text.values(), language, on),
            "result": {
                "persons": [found["persons"][p].name for p in analysis.persons if p in found["persons"]],
                "states": [found["states"][s].iso3 for s in analysis.states if s in found["states"]],
                "pairs": [[found["persons"][p].name, found["states"][s].iso3] for p, s in analysis.pairs],
                "mentions": len(analysis.mentions),
            },
        })
    return result


def store(box: ContextBox, data: dict, on: date, language: str, *, salience: float | None = None,
          position: int | None = None):
    box.data, box.as_of, box.language, box.built_at = data, on, data.get("language", language), timezone.now()
    if salience is not None:
        box.salience = salience
    if position is not None:
        box.position = position
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
    current = ClaimFlag.objects.filter(content_type=ct, object_id=object_id)
    decided = {(f.sentence, f.kind) for f in current.exclude(status=ClaimFlag.Status.OPEN)}
    current.filter(status=ClaimFlag.Status.OPEN).delete()
    flags = [
        ClaimFlag(content_type=ct, object_id=object_id, sentence=c["sentence"], kind=c["kind"],
                  severity=c["severity"], claimed=c["claimed"] or "", correct=c["correct"] or "",
                  correction=c["correction"], sources=c["sources"])
        for c in claims if (c["sentence"], c["kind"]) not in decided
    ]
    ClaimFlag.objects.bulk_create(flags)
    return len(flags)


def live_boxes(article):
    ct = ContentType.objects.get_for_model(article)
    statuses = LIVE + ((ContextBox.Status.SUGGESTED,) if conf.get("PUBLISH_SUGGESTIONS") else ())
    return ContextBox.objects.filter(content_type=ct, object_id=article.pk, status__in=statuses)
