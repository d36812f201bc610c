"""What editors need to source and verify: facts below the sourcing rule, and how many published
articles would show each (from the boxes' reverse index, read by name so the facts layer does not
import the editorial one)."""

from collections import Counter
from datetime import datetime

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from . import sourcing
from .models import Citation


def fact_ref(obj) -> str:
    return f"{type(obj).__name__.lower()}:{obj.pk}"


def _sources_by_fact(model) -> dict[int, list]:
    ct = ContentType.objects.get_for_model(model)
    out: dict[int, list] = {}
    for citation in Citation.objects.filter(content_type=ct).select_related("source"):
        out.setdefault(citation.object_id, []).append(citation.source)
    return out


def below_rule(models) -> list[dict]:
    """Every record of `models` below the sourcing rule, as rows for the command and the admin."""
    rows = []
    for model in models:
        by_fact = _sources_by_fact(model)
        for obj in model.objects.all():
            assessed = sourcing.assess_fact(obj, by_fact.get(obj.pk, []))
            if not assessed.confirmed:
                rows.append(
                    {
                        "fact": fact_ref(obj),
                        "model": model._meta.model_name,
                        "pk": obj.pk,
                        "label": str(obj),
                        "sources": [s.key for s in by_fact.get(obj.pk, [])],
                        "why": assessed.why(),
                        "verified": obj.verified_at is not None,
                    }
                )
    return rows


def unverified(models) -> list[dict]:
    """Every record of `models` that meets the sourcing rule but no fact-checker has verified: the
    verification queue."""
    rows = []
    for model in models:
        by_fact = _sources_by_fact(model)
        for obj in model.objects.filter(verified_at__isnull=True):
            sources = by_fact.get(obj.pk, [])
            assessed = sourcing.assess_fact(obj, sources)
            if assessed.confirmed:
                rows.append(
                    {
                        "fact": fact_ref(obj),
                        "model": model._meta.model_name,
                        "pk": obj.pk,
                        "label": str(obj),
                        "grade": assessed.grade,
                        "sources": [s.key for s in sourcing.best(sources)],
                    }
                )
    return rows


def published_article_counts(now: datetime | None = None) -> Counter:
    """fact ref -> number of distinct articles readers can see at `now` (the host's own rule:
    `ArticleAdapter.public`) whose boxes (suggested or accepted, not rejected) use it."""
    from .. import conf

    model = conf.article_model(required=False)
    if model is None:
        return Counter()
    public = conf.adapter().public(model._default_manager.all(), now or timezone.now())
    BoxFact = apps.get_model("compliance", "BoxFact")
    counts: Counter = Counter()
    seen = set()
    for fact, oid in (
        BoxFact.objects.exclude(box__status="rejected")
        .filter(box__content_type=ContentType.objects.get_for_model(model), box__object_id__in=public.values("pk"))
        .values_list("fact", "box__object_id")
    ):
        if (fact, oid) not in seen:
            seen.add((fact, oid))
            counts[fact] += 1
    return counts
