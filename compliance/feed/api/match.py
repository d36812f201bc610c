"""Names to entities for partner sites: `/match` (a name in any script -> candidates with a score and
the reasons for it, in the manner of OpenSanctions' yente) and a reconciliation service that follows
the W3C Reconciliation Service API (v0.2), which OpenRefine speaks.

The names are the detector's: the persons with a warrant and every state, with every alias editors
keep (see `editorial.detection`), each word reduced by the detector's `Normaliser` (pymorphy3
dictionary forms, so Путіна and Путина are Путин). A word that is neither the same nor an inflected
form may still be the same name written in another script or another romanisation (Poutine, Πούτιν,
Shoygu, Каддафи): both sides are romanised (anyascii) and reduced to a phonetic skeleton before they
are compared. Arabic script writes no short vowels, so its words are compared by their consonants.

A score is between 0 and 1: the weighted share of the alias's words that the query matched, each
word counting by how it matched, with the query's extra words counting against. A surname alone is
discounted: many people share it."""

import json
import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from anyascii import anyascii
from django.urls import path, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from ...editorial.detection import gazetteer_version
from ...facts.models import Person, PersonAlias, State, StateAlias
from ...matcher.gazetteer import ARABIC_ARTICLES, PERSON, STATE, TOKEN, Normaliser
from .access import FeedAccess

THRESHOLD = 0.7  # a candidate at or above it is a match
CUTOFF = 0.5  # below it, a candidate is not returned at all
MAX_NAME = 300
MAX_TOKENS = 12
MAX_QUERIES = 50  # per reconciliation batch (OpenRefine sends 10 by default)

# How each way of matching a word counts.
EXACT, INFLECTED, TRANSLITERATED, CONSONANTS, INITIAL = 1.0, 0.95, 0.95, 0.85, 0.8
SURNAME_ONLY = 0.85  # the query is a surname alias: many people share it
LAST_NAME_ONLY = 0.65  # the query is the last word of a longer name that has no surname alias
NICKNAME = 0.8  # a nickname (Bibi, Rambo) may name someone else
DEMONYM = 0.75  # "Russian" for Russia
EXTRA_WORD = 0.5  # what each unmatched word of the query costs, against the alias's weight
# Words that carry little of a name: they count for less, on both sides.
LIGHT = (
    {"of", "the", "and", "de", "du", "la", "le", "i", "й", "та", "и", "bin", "ibn", "ben"}
    | ARABIC_ARTICLES
    # titles partners' lists keep in front of a name
    | {"mr", "mrs", "ms", "dr", "president", "gen", "general", "lt", "adm", "admiral", "col", "colonel"}
)
LIGHT_WEIGHT = 0.25

REASONS = {
    "exact_alias": "The name is one of the entity's names or aliases as written.",
    "inflected_form": "A word is an inflected form of the alias's word (Путіна: Путін).",
    "transliteration": "A word is the alias's word in another script or romanisation (Poutine: Putin).",
    "consonants": "A word in Arabic script has the consonants of the alias's word.",
    "initial": "An initial stands for the alias's word (V.: Vladimir).",
    "word_order": "The words are in another order (Putin, Vladimir).",
    "surname_only": "Only a surname matched: others may share it.",
    "partial": "Some words matched nothing.",
    "nickname": "A nickname, which may name someone else.",
    "demonym": "An adjective of the state (Russian), not its name.",
    "identifier": "An ISO 3166 code or a Wikidata QID.",
}

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f]")
GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
# Greek digraphs that stand for one Latin sound (ELOT 743 romanises them this way).
GREEK_DIGRAPHS = (
    (r"ου", "u"),
    (r"\bμπ", "b"),
    (r"μπ", "mb"),
    (r"\bντ", "d"),
    (r"ντ", "nd"),
    (r"γγ", "ng"),
    (r"γκ", "g"),
    (r"τζ", "j"),
    (r"χ", "h"),
    (r"\bγι(?=[αεοουω])", "y"),
)
# Romanisations of the same sound, reduced to one spelling. Order matters.
SOUNDS = (
    ("dzh", "j"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("kh", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("ou", "u"),
    ("oo", "u"),
    ("oe", "u"),
    ("ck", "k"),
    ("q", "k"),
    ("w", "v"),
    ("x", "ks"),
    ("sh", "s"),
    ("z", "s"),
    ("j", "i"),
    ("y", "i"),
)
ABJAD_VOWELS = re.compile(r"[aeiouwy]")


def romanise(token: str) -> str:
    text = token.casefold()
    if GREEK.search(text):
        text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
        for greek, latin in GREEK_DIGRAPHS:
            text = re.sub(greek, latin, text)
    return re.sub(r"[^a-z]", "", anyascii(text).lower())


def skeleton(token: str) -> str:
    """The word as it sounds, whatever the script and the romanisation: Poutine, Путин, Πούτιν -> putin."""
    text = romanise(token)
    text = re.sub(r"c(?!h)", "k", text)
    for spelling, sound in SOUNDS:
        text = text.replace(spelling, sound)
    text = re.sub(r"(.)\1+", r"\1", text)
    if len(text) > 4 and text.endswith("e"):  # the French mute e: Poutine
        text = text[:-1]
    if text.endswith("d"):  # a final d sounds t (Mohamed, Μοχάμεντ)
        text = text[:-1] + "t"
    return text


def consonants(token: str, abjad: bool = False) -> str:
    """The consonants of a word (b for p: Arabic has no p). For a word in Arabic script, without its
    article (البشير: bshr)."""
    text = romanise(token).replace("`", "")
    if abjad and token.startswith("ال") and len(text) > 3:
        text = text[1:]
    text = re.sub(r"c(?!h)", "k", text)
    for spelling, sound in (
        ("dh", "d"),
        ("kh", "h"),
        ("gh", "g"),
        ("q", "k"),
        ("ph", "f"),
        ("p", "b"),
        ("th", "t"),
        ("j", "g"),
        ("v", "f"),
    ):  # Arabic has no v (يوآف, Yoav) and Egyptian writes g as j
        text = text.replace(spelling, sound)
    # one letter for k, q and g: Libyan Arabic says g for qaf (القذافي, Gaddafi), Egyptian for jim
    text = re.sub(r"(.)\1+", r"\1", ABJAD_VOWELS.sub("", text).replace("g", "k"))
    return text


def joined(text: str) -> str:
    """Apostrophes inside a word join it (Mo'ammar, d'Ivoire, Putin'i)."""
    return re.sub(r"(?<=\w)['’ʼ`](?=\w)", "", text)


def _initial_class(text: str) -> str:
    """Sounds a romanisation may start a name with interchangeably: Gaddafi, Qaddafi, Kaddafi; Omar,
    Umar; Khadafi; and Arabic's b for p."""
    first = text[:1]
    if first in "aeiou":
        return "a"
    return {"g": "k", "h": "k", "p": "b"}.get(first, first)


@dataclass(frozen=True)
class Word:
    surface: str
    key: str  # the Normaliser's dictionary form
    skeleton: str
    consonants: str
    weight: float


@dataclass(frozen=True)
class Name:
    kind: str
    entity: int
    alias_kind: str
    language: str
    text: str
    words: tuple[Word, ...]

    @property
    def weight(self) -> float:
        return sum(w.weight for w in self.words)


@dataclass
class Candidate:
    kind: str
    entity: int
    score: float
    name: Name
    reasons: list[dict] = field(default_factory=list)


_normaliser = Normaliser()


def _word(token: str, language: str) -> Word:
    surface = token.casefold()
    return Word(
        surface,
        _normaliser.key(token, language),
        skeleton(token),
        consonants(token),
        LIGHT_WEIGHT if surface in LIGHT else 1.0,
    )


def _names():
    """The names the detector knows (editorial.detection), minus capitals: Moscow is not Russia's name."""
    persons = Person.objects.filter(warrants__isnull=False).distinct()
    for person in persons.only("pk", "name"):
        yield PERSON, person.pk, "full", "en", person.name
    for alias in PersonAlias.objects.filter(person__in=persons):
        yield PERSON, alias.person_id, alias.kind, alias.language, alias.text
    for state in State.objects.only("pk", "name"):
        yield STATE, state.pk, "name", "en", state.name
    for alias in StateAlias.objects.exclude(kind=StateAlias.Kind.CAPITAL):
        yield STATE, alias.state_id, alias.kind, alias.language, alias.text


class Index:
    """Every name of the persons with a warrant and of the states, word by word."""

    def __init__(self, names, version: str = ""):
        self.version = version
        self.names: dict[str, list[Name]] = {PERSON: [], STATE: []}
        seen = set()
        for kind, entity, alias_kind, language, text in names:
            words = tuple(_word(t, language) for t in TOKEN.findall(joined(text)))
            marker = (kind, entity, tuple(w.surface for w in words))
            if not words or marker in seen:
                continue
            seen.add(marker)
            self.names[kind].append(Name(kind, entity, alias_kind, language, text, words))

    def match(self, query: str, kinds=(PERSON, STATE), language: str = "") -> list[Candidate]:
        """The best candidate per entity, best first; only those that matched at least one word."""
        tokens = TOKEN.findall(joined(re.sub(r"['’]s\b", "", query)))[:MAX_TOKENS]
        if not tokens:
            return []
        abjad = [bool(ARABIC_SCRIPT.search(t)) for t in tokens]
        query_words = [
            (t, t.casefold(), set(_normaliser.forms(t, language)), skeleton(t), consonants(t, a), a)
            for t, a in zip(tokens, abjad)
        ]
        # two words that may be one in the alias: عبد الله, Abdullah; Abdel Rahim, Abdelrahim
        units = [((i,), word) for i, word in enumerate(query_words)] + [
            ((i, i + 1), (a + b, (a + b).casefold(), {(a + b).casefold()}, skeleton(a + b), consonants(a + b, x), x))
            for i, (a, b, x) in enumerate(zip(tokens, tokens[1:], abjad))
            if len(a) > 1 and len(b) > 1
        ]
        best: dict[tuple[str, int], Candidate] = {}
        similarity_cache: dict[tuple[int, str], tuple[float, str]] = {}
        for kind in kinds:
            for name in self.names[kind]:
                candidate = self._score(units, query_words, name, similarity_cache)
                if candidate is None:
                    continue
                current = best.get((kind, name.entity))
                if current is None or candidate.score > current.score:
                    best[(kind, name.entity)] = candidate
        return sorted(best.values(), key=lambda c: (-c.score, c.name.text))

    @staticmethod
    def _word_score(query_word, word: Word, cache) -> tuple[float, str]:
        token, surface, forms, skel, cons, abjad = query_word
        cache_key = (id(word), surface)
        if cache_key in cache:
            return cache[cache_key]
        result = (0.0, "")
        if len(token) == 1:  # an initial, or nothing
            if (
                token.isalpha()
                and not abjad
                and skel[:1]
                and len(word.surface) > 1
                and (word.skeleton[:1] == skel[:1] or word.surface[:1] == surface)
            ):
                result = (INITIAL, "initial")
        elif surface == word.surface:
            result = (EXACT, "exact")
        elif word.key in forms or word.surface in forms:
            result = (INFLECTED, "inflected_form")
        elif abjad:
            if cons and cons == word.consonants:  # one consonant alone (يوآف, Yoav) is weaker evidence
                result = (CONSONANTS if len(cons) >= 2 else CONSONANTS * 0.8, "consonants")
        elif len(skel) >= 3 and token.isalpha() and _initial_class(skel) == _initial_class(word.skeleton):
            ratio = SequenceMatcher(None, skel, word.skeleton).ratio()
            if skel[0] != word.skeleton[0]:  # Gaddafi, Khadafi: judge the rest
                ratio = max(ratio, 0.95 * SequenceMatcher(None, skel[1:], word.skeleton[1:]).ratio())
            enough = 0.8 if min(len(skel), len(word.skeleton)) >= 6 else 0.85
            if (
                ratio < enough
                and skel[0] == word.skeleton[0]
                and len(cons) >= 3
                and cons == word.consonants
                and ratio >= 0.6
            ):
                ratio = 0.85  # the same consonants, other vowels: Mohammed, Muhammad
            if ratio >= enough:
                result = (TRANSLITERATED * ratio, "transliteration")
        cache[cache_key] = result
        return result

    def _score(self, units, query_words, name: Name, cache) -> Candidate | None:
        pairs = []
        for qi, query_word in units:
            for wi, word in enumerate(name.words):
                score, how = self._word_score(query_word, word, cache)
                if score:
                    pairs.append((score * word.weight, score, how, qi, wi))
        if not pairs:
            return None
        pairs.sort(key=lambda p: (-p[0], p[3], p[4]))
        used_q, used_w, matched = set(), set(), []
        for pair in pairs:
            if used_q.intersection(pair[3]) or pair[4] in used_w:
                continue
            used_q.update(pair[3])
            used_w.add(pair[4])
            matched.append(pair)
        gained = sum(p[0] for p in matched)
        extra = sum(
            LIGHT_WEIGHT if query_words[q][1] in LIGHT else 1.0 for q in range(len(query_words)) if q not in used_q
        )
        # the alias's light words (al, of the) count only when the query has them
        weight = sum(w.weight for i, w in enumerate(name.words) if i in used_w or w.weight == 1.0)
        score = gained / (weight + EXTRA_WORD * extra)
        hows = {p[2] for p in matched}
        if any(p[2] == "initial" for p in matched) and len(matched) == sum(p[2] == "initial" for p in matched):
            return None  # initials alone name nobody
        reasons = []
        complete = len(used_w) == len(name.words) and not extra
        if complete and hows == {"exact"}:
            reasons.append("exact_alias")
        reasons += [how for how in ("inflected_form", "transliteration", "consonants", "initial") if how in hows]
        order = [p[4] for p in sorted(matched, key=lambda p: p[3])]
        if order != sorted(order):
            reasons.append("word_order")
        if name.kind == PERSON and name.alias_kind == PersonAlias.Kind.SURNAME:
            score *= SURNAME_ONLY
            reasons.append("surname_only")
        elif name.kind == PERSON and len(name.words) > 1 and not extra and used_w == {len(name.words) - 1}:
            score = matched[0][1] * LAST_NAME_ONLY
            reasons.append("surname_only")
        elif not complete:
            reasons.append("partial")
        if name.alias_kind == PersonAlias.Kind.NICKNAME and name.kind == PERSON:
            score *= NICKNAME
            reasons.append("nickname")
        if name.alias_kind == StateAlias.Kind.DEMONYM and name.kind == STATE:
            score *= DEMONYM
            reasons.append("demonym")
        return Candidate(
            name.kind,
            name.entity,
            round(min(score, 1.0), 3),
            name,
            [
                {
                    "reason": reason,
                    "alias": name.text,
                    "alias_language": name.language,
                    "alias_kind": name.alias_kind,
                    "explanation": REASONS[reason],
                }
                for reason in reasons
            ],
        )


_cached: dict[str, Index] = {}


def current_index() -> Index:
    """The index of the names in the database, rebuilt when the detector's gazetteer would be."""
    version = gazetteer_version()
    cached = _cached.get("index")
    if cached is None or cached.version != version:
        _cached["index"] = Index(_names(), version)
    return _cached["index"]


def by_identifier(text: str, kinds) -> list[Candidate]:
    """A state's ISO 3166 code or a Wikidata QID, as partners' lists often carry them."""
    text = text.strip()
    found = []
    if re.fullmatch(r"[Qq][1-9][0-9]*", text):
        qid = text.upper()
        if PERSON in kinds:
            found += [(PERSON, p) for p in Person.objects.filter(qid=qid, warrants__isnull=False).distinct()]
        if STATE in kinds:
            found += [(STATE, s) for s in State.objects.filter(qid=qid)]
    elif STATE in kinds and re.fullmatch(r"[A-Za-z]{2,3}", text) and text.isupper():
        found += [(STATE, s) for s in State.objects.filter(**{f"iso{len(text)}": text})]
    return [
        Candidate(
            kind,
            obj.pk,
            1.0,
            Name(kind, obj.pk, "identifier", "", text, ()),
            [
                {
                    "reason": "identifier",
                    "alias": text,
                    "alias_language": "",
                    "alias_kind": "identifier",
                    "explanation": REASONS["identifier"],
                }
            ],
        )
        for kind, obj in found
    ]


def find(text: str, kinds=(PERSON, STATE), language: str = "") -> list[Candidate]:
    exact = by_identifier(text, kinds)
    ids = {(c.kind, c.entity) for c in exact}
    return exact + [c for c in current_index().match(text, kinds, language) if (c.kind, c.entity) not in ids]


def entity_id(kind: str, obj) -> str:
    """The id partners keep: the feed's own path to the record (persons/12, states/RUS)."""
    return f"persons/{obj.pk}" if kind == PERSON else f"states/{obj.iso3}"


def _records(candidates: list[Candidate]) -> dict:
    persons = Person.objects.in_bulk([c.entity for c in candidates if c.kind == PERSON])
    states = State.objects.in_bulk([c.entity for c in candidates if c.kind == STATE])
    return {PERSON: persons, STATE: states}


def api_root(request) -> str:
    return request.build_absolute_uri(reverse("compliance-api:api-root"))


def _text(request, name: str, required: bool = False) -> str:
    value = request.query_params.get(name, "")
    if "\x00" in value:
        raise ValidationError({name: "Remove the NUL character."})
    if required and not value.strip():
        raise ValidationError({name: "This parameter is required."})
    if len(value) > MAX_NAME:
        raise ValidationError({name: f"At most {MAX_NAME} characters."})
    return value


def _score_param(request, name: str, default: float) -> float:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValidationError({name: f"{raw!r} is not a number; give a score between 0 and 1."}) from None
    if not 0 <= value <= 1:
        raise ValidationError({name: "Give a score between 0 and 1."})
    return value


def _kinds(value: str, name: str = "type") -> tuple[str, ...]:
    if value in ("", None):
        return (PERSON, STATE)
    if value not in (PERSON, STATE):
        raise ValidationError({name: "Use person or state."})
    return (value,)


LANGUAGES = ("en", "uk", "ru")


class MatchReasonSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=sorted(REASONS))
    alias = serializers.CharField(help_text="The name or alias that matched, as stored.")
    alias_language = serializers.CharField(allow_blank=True)
    alias_kind = serializers.CharField()
    explanation = serializers.CharField()


class MatchCandidateSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="The record's path in this feed: persons/12, states/RUS.")
    type = serializers.ChoiceField(choices=[PERSON, STATE])
    name = serializers.CharField()
    score = serializers.FloatField(min_value=0, max_value=1)
    match = serializers.BooleanField(help_text="Whether the score reaches the threshold.")
    reasons = MatchReasonSerializer(many=True)
    url = serializers.URLField()
    qid = serializers.CharField(allow_null=True)
    iso3 = serializers.CharField(allow_null=True, help_text="States only.")


class MatchQuerySerializer(serializers.Serializer):
    name = serializers.CharField()
    type = serializers.CharField(allow_null=True)
    language = serializers.CharField(allow_blank=True)
    threshold = serializers.FloatField()
    cutoff = serializers.FloatField()


class MatchSerializer(serializers.Serializer):
    query = MatchQuerySerializer()
    results = MatchCandidateSerializer(many=True)


def candidate_json(candidate: Candidate, record, threshold: float, root: str) -> dict:
    ident = entity_id(candidate.kind, record)
    return {
        "id": ident,
        "type": candidate.kind,
        "name": record.name,
        "score": candidate.score,
        "match": candidate.score >= threshold,
        "reasons": candidate.reasons,
        "url": f"{root}{ident}/",
        "qid": record.qid,
        "iso3": getattr(record, "iso3", None),
    }


class MatchView(FeedAccess, APIView):
    """Which of our persons or states does a partner's name stand for? Candidates with a score between
    0 and 1 and the reasons for it, best first: exact alias, inflected form (Путіна), transliteration
    (Poutine, Πούτιν), consonants (Arabic script), initials (V. Putin), word order (Putin, Vladimir),
    surname only. A score at or above `threshold` is a match; below `cutoff` nothing is returned."""

    @extend_schema(
        parameters=[
            OpenApiParameter("name", str, required=True, description="A name in any script (at most 300 characters)."),
            OpenApiParameter("type", str, enum=[PERSON, STATE], description="What to look for (default: both)."),
            OpenApiParameter(
                "threshold", float, description=f"The score from which a candidate is a match (default {THRESHOLD})."
            ),
            OpenApiParameter(
                "cutoff", float, description=f"The score below which candidates are left out (default {CUTOFF})."
            ),
            OpenApiParameter(
                "language",
                str,
                enum=list(LANGUAGES),
                description="The name's language, if known: it "
                "decides how Cyrillic words are reduced to their dictionary forms (default: Ukrainian and Russian).",
            ),
            OpenApiParameter("limit", int, description="At most this many candidates (1-25, default 5)."),
        ],
        responses={200: MatchSerializer},
    )
    def get(self, request):
        name = _text(request, "name", required=True)
        kinds = _kinds(request.query_params.get("type", ""))
        threshold = _score_param(request, "threshold", THRESHOLD)
        cutoff = _score_param(request, "cutoff", CUTOFF)
        language = request.query_params.get("language", "")
        if language and language not in LANGUAGES:
            raise ValidationError({"language": "Use en, uk or ru."})
        limit = request.query_params.get("limit", "5")
        if not (limit.isascii() and limit.isdigit() and 1 <= int(limit) <= 25):
            raise ValidationError({"limit": "Give a number from 1 to 25."})
        if not TOKEN.search(name):
            raise ValidationError({"name": "Give a name with letters in it."})
        candidates = [c for c in find(name, kinds, language) if c.score >= cutoff][: int(limit)]
        records, root = _records(candidates), api_root(request)
        return Response(
            {
                "query": {
                    "name": name,
                    "type": kinds[0] if len(kinds) == 1 else None,
                    "language": language,
                    "threshold": threshold,
                    "cutoff": cutoff,
                },
                "results": [
                    candidate_json(c, records[c.kind][c.entity], threshold, root)
                    for c in candidates
                    if c.entity in records[c.kind]
                ],
            }
        )


TYPES = {PERSON: "Person wanted by an international court", STATE: "State"}


def manifest(request) -> dict:
    root = api_root(request)
    return {
        "versions": ["0.2"],
        "name": "ICC warrants and Rome Statute states",
        "identifierSpace": root,
        "schemaSpace": root + "schema/",
        "defaultTypes": [{"id": kind, "name": label} for kind, label in TYPES.items()],
        "view": {"url": root + "{{id}}/"},
    }


def reconcile(request, raw: str) -> dict:
    """Answers a batch of reconciliation queries (the `queries` parameter, a JSON object)."""
    try:
        queries = json.loads(raw)
    except ValueError:
        raise ValidationError({"queries": 'Give a JSON object of queries: {"q0": {"query": "Putin"}}.'}) from None
    if not isinstance(queries, dict) or not all(isinstance(q, dict) for q in queries.values()):
        raise ValidationError({"queries": 'Give a JSON object whose values are queries: {"q0": {"query": "Putin"}}.'})
    if len(queries) > MAX_QUERIES:
        raise ValidationError({"queries": f"At most {MAX_QUERIES} queries per request."})
    answers = {}
    for key, query in queries.items():
        text = query.get("query")
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_NAME or "\x00" in text:
            raise ValidationError(
                {"queries": f'{key}: give the name as a string in "query" (at most {MAX_NAME} characters).'}
            )
        wanted = query.get("type")
        wanted = [wanted] if isinstance(wanted, str) else wanted
        if wanted in (None, []):
            kinds = (PERSON, STATE)
        elif isinstance(wanted, list) and wanted and all(w in TYPES for w in wanted):
            kinds = tuple(wanted)
        else:
            raise ValidationError({"queries": f"{key}: the type is person or state."})
        limit = query.get("limit", 5)
        if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= 25:
            raise ValidationError({"queries": f"{key}: the limit is a number from 1 to 25."})
        candidates = [c for c in find(text, kinds) if c.score >= CUTOFF][:limit]
        records = _records(candidates)
        sure = [c for c in candidates if c.score >= THRESHOLD]
        answers[key] = {
            "result": [
                {
                    "id": entity_id(c.kind, records[c.kind][c.entity]),
                    "name": records[c.kind][c.entity].name,
                    "type": [{"id": c.kind, "name": TYPES[c.kind]}],
                    "score": round(c.score * 100, 1),
                    "match": len(sure) == 1 and c is sure[0],
                    "features": [{"id": r["reason"], "value": True} for r in c.reasons],
                    "description": describe(c),
                }
                for c in candidates
                if c.entity in records[c.kind]
            ]
        }
    return answers


def describe(candidate: Candidate) -> str:
    return "; ".join(f"{r['reason'].replace('_', ' ')} ({r['alias']})" for r in candidate.reasons)


QUERIES = OpenApiParameter(
    "queries",
    str,
    description="A JSON object of queries, e.g. "
    '`{"q0": {"query": "Poutine", "type": "person", "limit": 3}}`; without it, the service manifest.',
)


class ReconcileView(FeedAccess, APIView):
    """A reconciliation service (W3C Reconciliation Service API v0.2, as OpenRefine speaks it): without
    `queries`, the service manifest; with it, candidates per query, scored 0-100, `match` when exactly one
    candidate reaches the threshold. Types: person, state. A record's id is its path in this feed."""

    parser_classes = [FormParser, MultiPartParser, JSONParser]

    @extend_schema(
        parameters=[QUERIES],
        responses={200: OpenApiTypes.OBJECT},
        examples=[
            OpenApiExample(
                "Manifest",
                response_only=True,
                value={"versions": ["0.2"], "name": "ICC warrants and Rome Statute states"},
            ),
        ],
    )
    def get(self, request):
        raw = request.query_params.get("queries")
        if raw is None:
            return Response(manifest(request))
        return Response(reconcile(request, raw))

    @extend_schema(
        request=inline_serializer("ReconcileQueries", {"queries": serializers.CharField()}),
        responses={200: OpenApiTypes.OBJECT},
    )
    def post(self, request):
        raw = request.data.get("queries") if hasattr(request.data, "get") else None
        if not isinstance(raw, str):
            if isinstance(raw, dict):
                raw = json.dumps(raw)
            else:
                raise ValidationError({"queries": "Give the queries as a JSON object in the `queries` field."})
        return Response(reconcile(request, raw))


urlpatterns = [
    path("match/", MatchView.as_view(), name="match"),
    path("reconcile/", ReconcileView.as_view(), name="reconcile"),
]
