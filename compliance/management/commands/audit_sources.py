"""Every fact below the sourcing rule, every unusable source, with counts; and a check that no
reader-facing box states a fact below the rule. Exits 1 when a reader could see such a fact."""

import json
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ...editorial import boxes
from ...facts import sourcing
from ...facts.models import (
    Court,
    Finding,
    Person,
    SecurityCouncilObligation,
    Source,
    State,
    TreatyEvent,
    Visit,
    Warrant,
)
from ...facts.review import below_rule, published_article_counts

FACT_MODELS = (Court, Person, Warrant, State, TreatyEvent, SecurityCouncilObligation, Visit, Finding)


def _stated_facts(box: dict) -> set[str]:
    """The facts a built box states to readers (withheld ones excluded)."""
    return set(box.get("stated", []))


def visible_below_rule(on, below: set[str]) -> list[dict]:
    """Build every reader-facing box kind on `on` (each person, each state, each visit on its first
    day) and return the below-rule facts any of them states."""
    leaks = []
    shown_sources = set()

    def check(kind, subject, box):
        for item in (
            box["statements"] + [s for sec in box["sections"] for s in sec["statements"]] + box["since_publication"]
        ):
            shown_sources.update(item["sources"])
        for ref in sorted(_stated_facts(box) & below):
            leaks.append({"box": kind, "subject": subject, "fact": ref})

    for person in Person.objects.filter(warrants__isnull=False).distinct():
        check("person", person.name, boxes.person_box(person, on))
    for state in State.objects.filter(visits__isnull=False).distinct():
        check("state", state.iso3, boxes.state_box(state, on))
    for visit in Visit.objects.select_related("person", "state"):
        first = visit.first_day
        if first:
            check("visit", visit.key, boxes.visit_box(visit.person, visit.state, first, today=on))
    unusable = set(Source.objects.filter(tier=sourcing.UNUSABLE).values_list("key", flat=True))
    leaks += [
        {"box": "any", "subject": key, "fact": "unusable source shown"} for key in sorted(shown_sources & unusable)
    ]
    return leaks


class Command(BaseCommand):
    help = (
        "List every fact below the sourcing rule (one primary source, or two independent reputable "
        "secondary ones) and every unusable source; exit 1 if a reader-facing box states such a fact."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")
        parser.add_argument("--no-boxes", action="store_true", help="Skip building the boxes (faster; no exit check).")

    def handle(self, *args, **options):
        today = timezone.localdate()
        rows = below_rule(FACT_MODELS)
        counts = published_article_counts()
        for row in rows:
            row["articles"] = counts.get(row["fact"], 0)
        rows.sort(key=lambda r: (-r["articles"], r["model"], r["label"]))
        tiers = Counter(Source.objects.values_list("tier", flat=True))
        unusable = list(
            Source.objects.filter(tier=sourcing.UNUSABLE)
            .order_by("key")
            .values("key", "publisher", "url", "original_publisher", "original_url")
        )
        unrated = list(Source.objects.filter(tier="").order_by("key").values_list("key", flat=True))
        leaks = [] if options["no_boxes"] else visible_below_rule(today, {r["fact"] for r in rows})
        report = {
            "date": today.isoformat(),
            "sources_by_tier": {
                tier or "not set": tiers.get(tier, 0) for tier in ("primary", "secondary", "unusable", "")
            },
            "below_rule": {"count": len(rows), "by_model": dict(Counter(r["model"] for r in rows)), "facts": rows},
            "unusable_sources": unusable,
            "unrated_sources": unrated,
            "visible_to_readers": leaks,
        }
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=1))
        else:
            self.stdout.write(
                "Sources by tier: " + ", ".join(f"{k}: {v}" for k, v in report["sources_by_tier"].items())
            )
            self.stdout.write(
                f"Facts below the sourcing rule: {len(rows)} "
                f"({', '.join(f'{k}: {v}' for k, v in sorted(report['below_rule']['by_model'].items()))})"
            )
            for row in rows:
                self.stdout.write(
                    f"  {row['fact']:<24} {row['label'][:70]:<70} articles: {row['articles']}  {row['why']}"
                )
            self.stdout.write(f"Unusable sources: {len(unusable)}")
            for source in unusable:
                original = (
                    f" (original: {source['original_publisher']} {source['original_url']})".rstrip()
                    if source["original_publisher"] or source["original_url"]
                    else ""
                )
                self.stdout.write(f"  {source['key']}: {source['url']}{original}")
            if unrated:
                self.stdout.write(f"Sources without a tier: {len(unrated)}: {', '.join(unrated)}")
            self.stdout.write(f"Stated to readers although below the rule: {len(leaks)}")
            for leak in leaks:
                self.stdout.write(f"  {leak['box']} box for {leak['subject']}: {leak['fact']}")
        if leaks:
            raise CommandError(f"{len(leaks)} fact(s) below the sourcing rule are visible to readers.", returncode=1)
