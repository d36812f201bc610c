"""Precision and recall of detection on the annotated evaluation set (tests/eval/annotations.json).

    .venv/bin/python -m tests.eval.evaluate      # against the database in DATABASE_URL (after `manage.py demo --no-serve`)

Persons are compared by Wikidata QID (or name when a person has none), states by ISO alpha-3.
"""

import json
from collections import Counter
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load(split: str | None = None) -> list[dict]:
    """The annotated articles (tests/eval/annotations/*.json), all of them or one split ("dev", "test")."""
    items = []
    for path in sorted((HERE / "annotations").glob("*.json")):
        items += json.loads(path.read_text(encoding="utf-8"))
    return [item for item in items if split is None or item["split"] == split]


def evaluate(items=None) -> dict:
    from compliance.editorial import articles

    items = items or load()
    totals = {k: Counter() for k in ("persons", "states", "salient_persons", "salient_states", "pairs")}
    per_article = []
    for item in items:
        text = (HERE / item["file"]).read_text(encoding="utf-8").strip()
        headline, _, body = text.partition("\n")
        on = date.fromisoformat(item["published"])
        found = articles.analyse(headline, body, language=item["language"], on=on, today=on)
        analysis, persons, states = found["analysis"], found["persons"], found["states"]

        def pkey(pk, persons=persons):
            return persons[pk].qid or persons[pk].name

        got = {
            "persons": {pkey(m.entity) for m in analysis.mentions if m.kind == "person"},
            "states": {states[m.entity].iso3 for m in analysis.mentions if m.kind == "state"},
            "salient_persons": {pkey(p) for p in analysis.persons},
            "salient_states": {states[s].iso3 for s in analysis.states},
            "pairs": {(pkey(p), states[s].iso3) for p, s in analysis.pairs},
        }
        expected = {
            "persons": set(item["persons"]), "states": set(item["states"]),
            "salient_persons": set(item["salient_persons"]), "salient_states": set(item["salient_states"]),
            "pairs": {tuple(p) for p in item["pairs"]},
        }
        row = {"file": item["file"]}
        for key in totals:
            tp, fp, fn = len(got[key] & expected[key]), got[key] - expected[key], expected[key] - got[key]
            totals[key].update(tp=tp, fp=len(fp), fn=len(fn))
            row[key] = {"fp": sorted(map(str, fp)), "fn": sorted(map(str, fn))}
        per_article.append(row)
    scores = {}
    for key, c in totals.items():
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        scores[key] = {"precision": round(precision, 3), "recall": round(recall, 3), **c}
    return {"scores": scores, "articles": per_article}


def main():
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    django.setup()
    report = evaluate()
    for row in report["articles"]:
        errors = {k: v for k, v in row.items() if k != "file" and (v["fp"] or v["fn"])}
        if errors:
            print(row["file"], json.dumps(errors, ensure_ascii=False))
    print()
    print(f"{'':<16} {'precision':>9} {'recall':>7}   tp  fp  fn")
    for key, s in report["scores"].items():
        print(f"{key:<16} {s['precision']:>9.3f} {s['recall']:>7.3f} {s['tp']:>4} {s['fp']:>3} {s['fn']:>3}")


if __name__ == "__main__":
    main()
