import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ...editorial import articles
from .explain import iso_date


class Command(BaseCommand):
    help = (
        "Run detection on a text file without writing to the database: the first line is the headline. "
        "Prints the mentions, the salient persons, states and pairs, the boxes it would make and the flagged claims."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--language", default="en", help="en, uk or ru (default: en)")
        parser.add_argument("--date", type=iso_date, help="The article's date (default: today).")
        parser.add_argument("--json", action="store_true")

    def handle(self, file, language, date, **options):
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        if not text.strip():
            raise CommandError(f"{file} is empty: the first line should be the headline, then the text.")
        headline, _, body = text.strip().partition("\n")
        today = timezone.localdate()
        on = date or today
        found = articles.analyse(headline.strip(), body.strip(), language=language, on=on, today=today)
        result = report(found, headline, body, on)
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"As of {on}: persons {result['persons']}, states {result['states']}, pairs {result['pairs']}"
        )
        for mention in result["mentions"]:
            self.stdout.write(
                f"  {mention['part']}[{mention['start']}:{mention['end']}] {mention['text']!r} -> "
                f"{mention['entity']} ({mention['confidence']:.2f})"
            )
        for box in result["boxes"]:
            self.stdout.write(f"Box: {box['kind']} {box.get('person') or ''} {box.get('state') or ''}: {box['title']}")
            self.stdout.write(f"  {box['verdict']}")
        for claim in result["claims"]:
            self.stdout.write(f"Claim: {claim['sentence']}\n  -> {claim['correction']}")


def report(found, headline, body, on: date) -> dict:
    analysis, persons, states = found["analysis"], found["persons"], found["states"]

    def entity(m):
        return persons[m.entity].name if m.kind == "person" else states[m.entity].iso3

    return {
        "date": on.isoformat(),
        "mentions": [
            {
                "part": m.part,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "kind": m.kind,
                "entity": entity(m),
                "alias_kind": m.alias_kind,
                "confidence": m.confidence,
            }
            for m in analysis.mentions
        ],
        "all_persons": sorted({persons[m.entity].name for m in analysis.mentions if m.kind == "person"}),
        "all_states": sorted({states[m.entity].iso3 for m in analysis.mentions if m.kind == "state"}),
        "persons": [persons[p].name for p in analysis.persons],
        "states": [states[s].iso3 for s in analysis.states],
        "pairs": [[persons[p].name, states[s].iso3] for p, s in analysis.pairs],
        "boxes": [
            {
                "kind": kind,
                "person": person.name if person else None,
                "state": state.iso3 if state else None,
                "title": data["title"],
                "verdict": (data.get("verdict") or {}).get("text", ""),
                "data": data,
            }
            for kind, person, state, _salience, data in found["boxes"]
        ],
        "claims": [
            {
                "sentence": c["sentence"],
                "kind": c["kind"],
                "severity": c["severity"],
                "claimed": c["claimed"],
                "correct": c["correct"],
                "correction": c["correction"],
                "sources": c["sources"],
            }
            for c in found["claims"]
        ],
    }
