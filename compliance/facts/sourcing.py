"""The sourcing rule: a fact reaches readers only when it rests on one primary source or on two
independent reputable secondary sources. Below that it is *unconfirmed*: editors see it, readers do not.

Pure functions over objects with `tier`, `publisher`, `url`, `published` and `key` attributes (a
`Source`), so the admin, the boxes, the reader pages, the feed and `manage.py audit_sources` all
apply one rule.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlparse

PRIMARY = "primary"
SECONDARY = "secondary"
UNUSABLE = "unusable"
UNRATED = ""
TIER_ORDER = {PRIMARY: 0, SECONDARY: 1, UNRATED: 2, UNUSABLE: 3}

# Grades of a fact.
CONFIRMED_PRIMARY = "primary"
CONFIRMED_SECONDARY = "secondary"
UNCONFIRMED = "unconfirmed"

# Wire copy counts under the wire, whoever carries it: "The Citizen (Nigeria), carrying AP" is AP.
_WIRES = (
    (r"\bAP\b|Associated Press", "ap"),
    (r"\bAFP\b|Agence France-Presse", "afp"),
    (r"\bReuters\b", "reuters"),
    (r"\bBernama\b", "bernama"),
    (r"\bEFE\b", "efe"),
    (r"\bPTI\b", "pti"),
)


def publisher_key(source) -> str:
    """Who stands behind a source, for independence: the wire for wire copy, else the publisher's
    name (or, without one, the host name)."""
    publisher = getattr(source, "publisher", "") or ""
    for pattern, wire in _WIRES:
        if re.search(pattern, publisher):
            return wire
    name = re.sub(r"\s*\(.*?\)\s*", " ", publisher).casefold().strip()
    name = re.sub(r"^the\s+", "", name)
    if name:
        return name
    return urlparse(getattr(source, "url", "") or "").netloc.casefold().removeprefix("www.")


@dataclass(frozen=True)
class Sourcing:
    grade: str
    primary: tuple = ()
    secondary: tuple = ()
    unusable: tuple = ()
    unrated: tuple = ()
    primary_only: bool = False

    @property
    def confirmed(self) -> bool:
        return self.grade != UNCONFIRMED

    @property
    def independent_secondary(self) -> int:
        return len({publisher_key(s) for s in self.secondary})

    def why(self) -> str:
        """Why a record is below the rule, in an editor's words (English: for the command and logs)."""
        if self.confirmed:
            return ""
        parts = [f"no primary source; {self.independent_secondary} independent reputable secondary publisher(s)"]
        if self.primary_only:
            parts[0] = "a Court finding is stated only on the Court's own record; no primary source"
        if self.unusable:
            parts.append("unusable: " + ", ".join(s.key for s in self.unusable))
        if self.unrated:
            parts.append("tier not set: " + ", ".join(s.key for s in self.unrated))
        return "; ".join(parts)


def assess(sources: Iterable, *, primary_only: bool = False) -> Sourcing:
    """`primary_only`: the record is itself an official act (a Court finding) and is stated only on
    the strength of the official record."""
    sources = list(sources)
    by_tier = {tier: tuple(s for s in sources if (s.tier or UNRATED) == tier) for tier in TIER_ORDER}
    if by_tier[PRIMARY]:
        grade = CONFIRMED_PRIMARY
    elif not primary_only and len({publisher_key(s) for s in by_tier[SECONDARY]}) >= 2:
        grade = CONFIRMED_SECONDARY
    else:
        grade = UNCONFIRMED
    return Sourcing(grade, by_tier[PRIMARY], by_tier[SECONDARY], by_tier[UNUSABLE], by_tier[UNRATED], primary_only)


def assess_fact(fact, sources: Iterable) -> Sourcing:
    return assess(sources, primary_only=getattr(fact, "NEEDS_PRIMARY_SOURCE", False))


def best(sources: Iterable, limit: int = 3) -> list:
    """The sources a reader should be shown for a statement: primary first, then reputable
    secondary from different publishers, most recent first within a tier; never an unusable or
    unrated one; at most `limit`."""
    usable = [s for s in sources if s.tier in (PRIMARY, SECONDARY)]
    usable.sort(key=lambda s: (TIER_ORDER[s.tier], -(s.published.toordinal() if s.published else 0), s.key))
    chosen, publishers = [], set()
    for source in usable:
        if source.tier == SECONDARY and publisher_key(source) in publishers:
            continue
        chosen.append(source)
        publishers.add(publisher_key(source))
        if len(chosen) == limit:
            break
    return chosen
