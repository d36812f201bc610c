"""Scan news-like text against the full gazetteer and print MB/s for our scanner and for the usual
alternatives, measured in the same run.

    .venv/bin/pip install -e '.[bench]' && .venv/bin/python benchmarks/detection.py [--mb 100] [--scaling]

With --scaling it also times the whole analysis of one article at 100 KB to 3.2 MB and prints the
time per KB against the 100 KB run: it must stay near 1 (analysis time linear in the length).

The text is made of the real article sentences in tests/eval (English, Ukrainian and Russian),
shuffled and repeated to the size asked. The gazetteer is every name in the shipped reference
dataset (states and wanted persons, all languages). Our scanner runs with inflection handling on
(pymorphy3 for Ukrainian and Russian); the others match the aliases as written.
"""

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compliance.matcher.gazetteer import BLOCK, PERSON, STATE, Gazetteer, Normaliser  # noqa: E402
from compliance.matcher.mentions import BLOCKED_NAMES, analyse, scan  # noqa: E402


def names():
    ref = ROOT / "compliance" / "reference"
    states = json.loads((ref / "states.json").read_text())["states"]
    persons = json.loads((ref / "persons.json").read_text())["persons"]
    for n, state in enumerate(states):
        for language, text in state["names"].items():
            yield STATE, n, "name", language, text
        for alias in state.get("aliases", []):
            yield STATE, n, alias["kind"], alias["language"], alias["text"]
    for n, person in enumerate(persons):
        yield PERSON, n, "full", "en", person["name"]
        for language, text in person.get("names", {}).items():
            yield PERSON, n, "name", language, text
        for alias in person.get("aliases", []):
            yield PERSON, n, alias["kind"], alias["language"], alias["text"]
    for language, blocked in BLOCKED_NAMES.items():
        for text in blocked:
            yield BLOCK, text, "block", language, text


def corpus(megabytes: float) -> list[tuple[str, str]]:
    from tests.eval.evaluate import load

    annotations = load()
    sentences = []
    for item in annotations:
        text = (ROOT / "tests" / "eval" / item["file"]).read_text(encoding="utf-8")
        for paragraph in text.split("\n"):
            if paragraph.strip():
                sentences.append((item["language"], paragraph.strip()))
    rng = random.Random(1)
    docs, size, target = [], 0, int(megabytes * 1_000_000)
    while size < target:
        language = rng.choice(["en", "uk", "ru"])
        pool = [s for lang, s in sentences if lang == language]
        doc = "\n".join(rng.sample(pool, min(12, len(pool))))
        docs.append((language, doc))
        size += len(doc.encode())
    return docs


def measure(label, func, docs, megabytes):
    start = time.perf_counter()
    found = sum(func(language, doc) for language, doc in docs)
    seconds = time.perf_counter() - start
    speed = megabytes / seconds
    print(f"{label:<40} {speed:8.2f} MB/s  ({found} matches, {seconds:.1f} s)", flush=True)
    return speed


def scaling(gazetteer, normaliser, sizes_kb=(100, 200, 400, 800, 1600, 3200)):
    """The whole analysis (mentions, sentences, salience, pairs) of one long article per language, at
    doubling lengths: time per byte must stay flat (linear time), so the last ratio is near 1."""
    print("Scaling: whole analysis of one article, time per KB against the 100 KB run", flush=True)
    worst = 0.0
    for language in ("en", "uk", "ru"):
        pool = [doc for lang, doc in corpus(max(sizes_kb) / 1000 + 0.1) if lang == language]
        text = "\n\n".join(pool)
        base = None
        for size in sizes_kb:
            body = text[: size * 1000]
            while len(body.encode()) < size * 1000:
                body += "\n\n" + text[: size * 1000]
            body = body.encode()[: size * 1000].decode(errors="ignore")
            start = time.perf_counter()
            found = analyse({"headline": "", "standfirst": "", "body": body}, gazetteer, language, normaliser)
            seconds = time.perf_counter() - start
            per_kb = seconds / size
            base = base or per_kb
            worst = max(worst, per_kb / base)
            print(
                f"  {language} {size:>5} KB {seconds:7.2f} s  {len(found.mentions):>6} mentions  "
                f"time/KB ratio {per_kb / base:5.2f}",
                flush=True,
            )
    print(f"worst time/KB ratio against 100 KB: {worst:.2f} (1.0 = linear)")
    return worst


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=100.0)
    parser.add_argument("--scaling", action="store_true", help="also run the scaling run (100 KB to 3.2 MB)")
    parser.add_argument("--skip", nargs="*", default=[], help="contenders to skip: regex flashtext spacy")
    args = parser.parse_args()

    entries = list(names())
    aliases = sorted({text for *_rest, text in entries}, key=len, reverse=True)
    print(f"Gazetteer: {len(aliases)} distinct aliases; corpus: building {args.mb:g} MB ...", flush=True)
    docs = corpus(args.mb)
    megabytes = sum(len(d.encode()) for _lang, d in docs) / 1_000_000

    normaliser = Normaliser()
    gazetteer = Gazetteer.from_names(entries, normaliser)

    def ours(language, doc):
        return len(scan(doc, gazetteer, language, normaliser))

    results = {
        "ours (multilingual, inflections on)": measure("ours (multilingual, inflections on)", ours, docs, megabytes)
    }

    if "regex" not in args.skip:
        alternation = re.compile(r"\b(?:" + "|".join(map(re.escape, aliases)) + r")\b")
        results["regex alternation"] = measure(
            "one regex alternation, word bounded", lambda _l, d: len(alternation.findall(d)), docs, megabytes
        )
    if "flashtext" not in args.skip:
        from flashtext import KeywordProcessor

        processor = KeywordProcessor(case_sensitive=True)
        processor.non_word_boundaries = set(processor.non_word_boundaries) | set(
            "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяэыъёАБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯЭЫЪЁ"
        )
        for alias in aliases:
            processor.add_keyword(alias)
        results["flashtext"] = measure("flashtext", lambda _l, d: len(processor.extract_keywords(d)), docs, megabytes)
    if "spacy" not in args.skip:
        import spacy
        from spacy.matcher import PhraseMatcher

        nlp = spacy.blank("xx")
        matcher = PhraseMatcher(nlp.vocab)
        matcher.add("ALIAS", list(nlp.tokenizer.pipe(aliases)))
        results["spaCy PhraseMatcher"] = measure(
            "spaCy PhraseMatcher (tokenizer only)", lambda _l, d: len(matcher(nlp.make_doc(d))), docs, megabytes
        )

    ours_speed = results.pop("ours (multilingual, inflections on)")
    for label, speed in results.items():
        print(f"ours / {label}: {ours_speed / speed:.1f}x")
    if args.scaling:
        scaling(gazetteer, normaliser)


if __name__ == "__main__":
    main()
