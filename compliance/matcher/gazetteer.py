"""Names of persons and states, normalised for matching in English, Ukrainian and Russian text.

Ukrainian and Russian inflect names (Путіна, Таджикистані, Монголии): every Cyrillic token is
reduced to its dictionary forms with pymorphy3, for the aliases once when the gazetteer is built
and for the text once per distinct word, so matching is a dictionary lookup per token.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

TOKEN = re.compile(r"\w+")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
MORPH_LANGUAGES = ("uk", "ru")

PERSON = "person"
STATE = "state"
BLOCK = "block"  # a name that contains a state's name but is not the state: The Moscow Times
PLACE = "place"  # a city, region or US state: where a person is, never a mention of the state itself


@dataclass(frozen=True)
class Entry:
    kind: str  # person, state or block
    entity: int | str  # primary key (or the blocked name)
    alias_kind: str
    language: str
    keys: tuple[str, ...]
    capitalised: tuple[bool, ...]


@lru_cache(maxsize=2)
def _analyser(language: str):
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=language)


class Normaliser:
    """Dictionary forms of a token, cached per (token, language)."""

    def __init__(self):
        self._cache: dict[tuple[str, str], tuple[str, ...]] = {}

    def forms(self, token: str, language: str) -> tuple[str, ...]:
        key = (token, language)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        lower = token.casefold()
        if CYRILLIC.search(token):
            forms = {lower}
            for lang in (language,) if language in MORPH_LANGUAGES else MORPH_LANGUAGES:
                forms.update(p.normal_form for p in _analyser(lang).parse(lower)[:4])
            result = tuple(sorted(forms))
        else:
            result = (lower,)
        if len(self._cache) < 500_000:
            self._cache[key] = result
        return result

    def key(self, token: str, language: str) -> str:
        """The one form an alias token is stored under."""
        lower = token.casefold()
        if CYRILLIC.search(token):
            lang = language if language in MORPH_LANGUAGES else "ru"
            parses = _analyser(lang).parse(lower)
            # a name in the dictionary (Surn, Name, Geox) beats a common noun reading; an alias is written in
            # the nominative, so a nominative reading wins ("Львова" is her surname, not his genitive)
            names = [p for p in parses if {"Surn", "Name", "Geox", "Orgn"} & set(p.tag.grammemes)]
            for parse in [p for p in names if "nomn" in p.tag.grammemes] + names:
                return parse.normal_form
            return parses[0].normal_form if parses else lower
        return lower


class Gazetteer:
    def __init__(self, entries: list[Entry], version: str = ""):
        self.version = version
        self.entries = entries
        self.by_first: dict[str, list[Entry]] = defaultdict(list)
        for entry in entries:
            self.by_first[entry.keys[0]].append(entry)
        self.longest = max((len(e.keys) for e in entries), default=1)
        self._candidates: dict[str, dict[str, tuple[Entry, ...]]] = {}

    def candidates(self, language: str) -> dict[str, tuple[Entry, ...]]:
        """Per language, each word seen so far -> the entries that may start at it (often none)."""
        return self._candidates.setdefault(language, {})

    def first_entries(self, word: str, language: str, normaliser: "Normaliser") -> tuple[Entry, ...]:
        upper = word[:1].isupper()
        entries = tuple(
            sorted(
                (
                    e
                    for form in normaliser.forms(word, language)
                    for e in self.by_first.get(form, ())
                    if upper or not e.capitalised[0]
                ),
                key=lambda e: -len(e.keys),
            )
        )
        cache = self.candidates(language)
        if len(cache) < 1_000_000:
            cache[word] = entries
        return entries

    @classmethod
    def from_names(cls, names, normaliser: Normaliser, version: str = "") -> "Gazetteer":
        """`names`: iterable of (kind, entity, alias_kind, language, text)."""
        entries = []
        seen = set()
        for kind, entity, alias_kind, language, text in names:
            for tokens in _variants(TOKEN.findall(text), alias_kind):
                keys = tuple(normaliser.key(t, language) for t in tokens)
                # a person's name of two words or more is a name in lower case too ("russian dictator vladimir
                # putin"); one word alone must keep its capital ("gallant" is a word)
                whole_name = kind == PERSON and len(tokens) >= 2
                capitalised = tuple(
                    t[:1].isupper() and not whole_name and not _lowercase_tolerant(t, kind, alias_kind) for t in tokens
                )
                marker = (kind, entity, keys)
                if marker in seen:
                    continue
                seen.add(marker)
                entries.append(Entry(kind, entity, alias_kind, language, keys, capitalised))
        return cls(entries, version)

    def __len__(self):
        return len(self.entries)


ARABIC_ARTICLES = {"al", "el", "аль", "ель", "эль"}


def _variants(tokens: list[str], alias_kind: str) -> list[list[str]]:
    """An alias as written, and a surname without its Arabic article (al-Bashir: also Bashir)."""
    if not tokens:
        return []
    variants = [tokens]
    if alias_kind == "surname" and len(tokens) == 2 and tokens[0].casefold() in ARABIC_ARTICLES:
        variants.append(tokens[1:])
    return variants


def _lowercase_tolerant(token: str, kind: str, alias_kind: str) -> bool:
    """Ukrainian and Russian outlets often write the aggressor's names in lower case on purpose
    (путін, росія). Accept that for a person's name, and for a state's name that is long enough and
    has no reading other than a noun, so lower-case common words (того, малі, чад) stay out."""
    if not CYRILLIC.search(token):
        return False
    if kind == PERSON:
        return True
    if kind != STATE or alias_kind not in ("name", "short") or len(token) < 5:
        return False
    for language in MORPH_LANGUAGES:
        if any(parse.tag.POS not in ("NOUN", None) for parse in _analyser(language).parse(token.casefold())):
            return False
    return True
