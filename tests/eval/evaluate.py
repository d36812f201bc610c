"""Detection, visit boxes and the claim check, measured on the annotated evaluation set
(tests/eval/annotations/{en,uk,ru}.json; see tests/eval/README.md).

    .venv/bin/python -m tests.eval.evaluate            # the test half, then the dev half, per language
    .venv/bin/python -m tests.eval.evaluate --split dev --articles   # and what went wrong, article by article

It runs against the database in DATABASE_URL (after `manage.py demo --no-serve`; SQLite by default).
Persons are compared by Wikidata QID (or name when a person has none), states by ISO alpha-3.

- persons, states: every mention (precision and recall over the set of entities per article).
- visit boxes: an annotated box is right when the system builds a visit box for that person and state
  and, when the annotation names a visit key, the box is about that visit; a built visit box that is
  not annotated is wrong. An article is right when all its boxes are right and none is wrong.
- errors flagged: an annotated factual error is caught when a claim flag of severity error or note
  covers the sentence holding its quote.
- correct flagged: a sentence annotated as correct that gets a flag of severity error. A correct quote in
  the same sentence as an annotated error is not counted (flags are per sentence, and that sentence
  rightly gets one); the report says how many were set aside.

Tune on the dev half only; the test half is for reporting.
"""

import argparse
import json
from collections import Counter
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
LANGUAGES = ("en", "uk", "ru")
SPLITS = ("test", "dev")
ENTITY_KEYS = ("persons", "states", "salient_persons", "salient_states", "pairs")


def load(split: str | None = None) -> list[dict]:
    """The annotated articles (tests/eval/annotations/*.json), all of them or one split ("dev", "test")."""
    items = []
    for path in sorted((HERE / "annotations").glob("*.json")):
        items += json.loads(path.read_text(encoding="utf-8"))
    return [item for item in items if split is None or item["split"] == split]


def read(item: dict) -> tuple[str, str]:
    """(headline, body) of an annotated article: the first line is its headline."""
    text = (HERE / item["file"]).read_text(encoding="utf-8").strip()
    headline, _, body = text.partition("\n")
    return headline, body.strip("\n")


def _locate(quote: str, parts: dict[str, str]) -> tuple[str, int, int] | None:
    for part, text in parts.items():
        at = text.find(quote)
        if at >= 0:
            return part, at, at + len(quote)
    return None


def _sentence_of(where, parts) -> tuple[str, int]:
    from compliance.matcher.mentions import sentence_spans

    part, start, _end = where
    return part, next((a for a, b in sentence_spans(parts[part]) if a <= start < b), start)


def _covered(where, claims, severities) -> bool:
    part, start, end = where
    return any(
        c["part"] == part and c["start"] < end and start < c["end"] and c["severity"] in severities for c in claims
    )


def score_article(item: dict) -> dict:
    """What the system found in one annotated article, against its annotation."""
    from compliance.editorial import articles

    headline, body = read(item)
    on = date.fromisoformat(item["published"])
    found = articles.analyse(headline, body, language=item["language"], on=on, today=on)
    analysis, persons, states = found["analysis"], found["persons"], found["states"]

    def pkey(pk):
        return persons[pk].qid or persons[pk].name

    def iso3(pk):
        # a pair found through a place ("in Gaza") may be with a state the article never names
        from compliance.facts.models import State

        return (states.get(pk) or State.objects.get(pk=pk)).iso3

    got = {
        "persons": {pkey(m.entity) for m in analysis.mentions if m.kind == "person"},
        "states": {states[m.entity].iso3 for m in analysis.mentions if m.kind == "state"},
        "salient_persons": {pkey(p) for p in analysis.persons},
        "salient_states": {states[s].iso3 for s in analysis.states},
        "pairs": {(pkey(p), iso3(s)) for p, s in analysis.pairs},
    }
    expected = {
        "persons": set(item["persons"]),
        "states": set(item["states"]),
        "salient_persons": set(item["salient_persons"]),
        "salient_states": set(item["salient_states"]),
        "pairs": {tuple(p) for p in item["pairs"]},
    }
    row = {"file": item["file"], "language": item["language"], "split": item["split"], "counts": Counter()}
    for key in ENTITY_KEYS:
        fp, fn = got[key] - expected[key], expected[key] - got[key]
        row["counts"].update({f"{key}_tp": len(got[key] & expected[key]), f"{key}_fp": len(fp), f"{key}_fn": len(fn)})
        row[key] = {"fp": sorted(map(str, fp)), "fn": sorted(map(str, fn))}

    built = {
        (pkey(person.pk), state.iso3): data.get("visit")
        for kind, person, state, _salience, data in found["boxes"]
        if kind == "visit"
    }
    wanted = {(b["person"], b["state"]): b.get("visit") for b in item.get("visit_boxes", [])}
    right = [pair for pair, key in wanted.items() if pair in built and (key is None or built[pair] == key)]
    missed = [
        f"{pair}{'' if pair in built else ' (no box)'}{f' built {built[pair]} not {key}' if pair in built else ''}"
        for pair, key in wanted.items()
        if pair not in right
    ]
    wrong = [str(pair) for pair in built if pair not in wanted]
    row["counts"].update(
        visit_boxes=len(wanted),
        visit_right=len(right),
        visit_wrong=len(wrong),
        visit_articles=1,
        visit_articles_right=int(not missed and not wrong),
    )
    row["visits"] = {"missed": missed, "wrong": wrong}

    parts = {"headline": headline, "body": body}
    claims = found["claims"]
    row["errors_missed"], row["correct_flagged"], row["unlocated"] = [], [], []
    error_sentences = set()
    for error in item.get("errors", []):
        where = _locate(error["quote"], parts)
        if where is None:
            row["unlocated"].append(error["quote"])
            continue
        error_sentences.add(_sentence_of(where, parts))
        caught = _covered(where, claims, ("error", "note"))
        row["counts"].update(errors=1, errors_flagged=int(caught))
        if not caught:
            row["errors_missed"].append(error["quote"])
    for correct in item.get("correct_claims", []):
        where = _locate(correct["quote"], parts)
        if where is None:
            row["unlocated"].append(correct["quote"])
            continue
        if _sentence_of(where, parts) in error_sentences:
            row["counts"].update(correct_shared=1)  # judged with the error in its sentence
            continue
        flagged = [
            c
            for c in claims
            if c["part"] == where[0] and c["start"] < where[2] and where[1] < c["end"] and c["severity"] == "error"
        ]
        row["counts"].update(correct=1, correct_flagged=int(bool(flagged)))
        if flagged:
            row["correct_flagged"].append({"quote": correct["quote"], "flag": flagged[0]["correction"]})
    row["flags"] = [
        {"severity": c["severity"], "kind": c["kind"], "sentence": c["sentence"][:120], "correction": c["correction"]}
        for c in claims
    ]
    return row


def summarise(counts: Counter) -> dict:
    """The numbers the README and the floors in tests/test_eval.py speak of."""

    def ratio(part, whole):
        return round(part / whole, 3) if whole else 1.0

    out = {}
    for key in ENTITY_KEYS:
        tp, fp, fn = counts[f"{key}_tp"], counts[f"{key}_fp"], counts[f"{key}_fn"]
        out[key] = {"precision": ratio(tp, tp + fp), "recall": ratio(tp, tp + fn), "tp": tp, "fp": fp, "fn": fn}
    out["visit_boxes"] = {
        "annotated": counts["visit_boxes"],
        "right": counts["visit_right"],
        "wrong": counts["visit_wrong"],
        "articles": counts["visit_articles"],
        "articles_right": counts["visit_articles_right"],
        "articles_right_share": ratio(counts["visit_articles_right"], counts["visit_articles"]),
    }
    out["errors"] = {
        "annotated": counts["errors"],
        "flagged": counts["errors_flagged"],
        "share": ratio(counts["errors_flagged"], counts["errors"]),
    }
    out["correct"] = {
        "annotated": counts["correct"],
        "flagged_as_errors": counts["correct_flagged"],
        "sharing_a_sentence_with_an_error": counts["correct_shared"],
    }
    return out


def evaluate(items=None) -> dict:
    """Scores for `items` (all annotated articles by default), overall and per (split, language)."""
    items = load() if items is None else items
    rows = [score_article(item) for item in items]
    groups: dict = {}
    total = Counter()
    for row in rows:
        total.update(row["counts"])
        for key in ((row["split"], row["language"]), (row["split"], "all")):
            groups.setdefault(key, Counter()).update(row["counts"])
    return {"scores": summarise(total), "groups": {key: summarise(c) for key, c in groups.items()}, "articles": rows}


def table(groups: dict, split: str) -> str:
    lines = [
        f"== {split} half ==",
        f"{'':<4} {'persons P/R':>13} {'states P/R':>13} {'visit boxes right/annot (wrong)':>32} "
        f"{'articles right':>15} {'errors flagged':>15} {'correct flagged':>16}",
    ]
    for language in (*LANGUAGES, "all"):
        s = groups.get((split, language))
        if s is None:
            continue
        v, e, c = s["visit_boxes"], s["errors"], s["correct"]
        lines.append(
            f"{language:<4} {s['persons']['precision']:>6.3f}/{s['persons']['recall']:.3f} "
            f"{s['states']['precision']:>6.3f}/{s['states']['recall']:.3f} "
            f"{v['right']:>20}/{v['annotated']:<3} ({v['wrong']}) "
            f"{v['articles_right']:>9}/{v['articles']:<3} {e['flagged']:>9}/{e['annotated']:<3} "
            f"{c['flagged_as_errors']:>11}/{c['annotated']:<3}"
        )
    return "\n".join(lines)


def main(argv=None):
    import os

    import django

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=SPLITS, help="only this half (default: both, the test half first)")
    parser.add_argument("--language", choices=LANGUAGES)
    parser.add_argument("--articles", action="store_true", help="also list what went wrong, article by article")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    django.setup()
    items = [i for i in load(args.split) if args.language in (None, i["language"])]
    report = evaluate(items)
    if args.articles:
        for row in report["articles"]:
            wrong = {k: row[k] for k in ("persons", "states", "pairs") if row[k]["fp"] or row[k]["fn"]}
            wrong.update({k: row[k] for k in ("errors_missed", "correct_flagged", "unlocated") if row[k]})
            if row["visits"]["missed"] or row["visits"]["wrong"]:
                wrong["visits"] = row["visits"]
            if wrong:
                print(row["file"], json.dumps(wrong, ensure_ascii=False))
        print()
    for split in SPLITS:
        if args.split in (None, split):
            print(table(report["groups"], split))
            print()


if __name__ == "__main__":
    main()
