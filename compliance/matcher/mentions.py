"""Find the persons and states a text mentions, and decide which ones it is about.

Pure Python over a `Gazetteer`; the database is only read when the gazetteer is built
(`compliance.editorial.detection.current_gazetteer`).
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .gazetteer import BLOCK, PERSON, STATE, TOKEN, Entry, Gazetteer, Normaliser

# Names that contain a state's name but are not the state (outlets, agencies, groupings).
# Hosts add their own with COMPLIANCE_BLOCKED_NAMES.
BLOCKED_NAMES = {
    "en": ["The Moscow Times", "Moscow Times", "Sudan News Agency", "Kyiv Independent", "The Kyiv Independent",
           "Kyiv Post", "Jordan Times", "Tehran Times", "Times of India", "Russia Today", "Voice of America",
           "Radio Free Europe", "Alliance of Sahel States", "Organization of American States",
           "Sudan Tribune", "Ukrainska Pravda", "Moscow Patriarchate", "Georgia Tech", "Kyiv School of Economics",
           "Ukrainian Greek Catholic Church", "Mongolian Barbecue", "Turkish Airlines", "Qatar Airways",
           "Hungarian Academy of Sciences", "Russian Orthodox Church", "Russian Roulette"],
    "uk": ["Українська правда", "Радіо Свобода", "Київ Пост", "Московський патріархат", "Альянс держав Сахелю",
           "Російська православна церква"],
    "ru": ["Московский комсомолец", "Российская газета", "Русская служба", "Радио Свобода", "Новая газета",
           "Московский патриархат", "Альянс государств Сахеля", "Русская православная церковь"],
}

# A state's name followed by one of these is an outlet or agency: The Moscow Times, Sudan News Agency,
# Kyiv Independent, Jordan Times.
MEDIA_WORDS = frozenset(
    "times news agency post herald independent tribune today telegraph journal daily gazette press insider "
    "review observer monitor radio tv television broadcasting channel media express standard mail chronicle "
    "weekly pravda truth online info 24 wire sun star mirror dispatch bulletin report".split()
)
# A demonym followed by one of these names a place of manufacture: Iranian-made, Russian-built.
MADE_WORDS = frozenset(
    "made built produced designed manufactured supplied origin type style".split()
    + "виробництва виготовлення зразка производства изготовления образца".split()
)
WEAPON_WORDS = frozenset(
    "drone drones missile missiles rocket rockets shell shells tank tanks jet jets weapon weapons munition "
    "munitions ammunition rifle rifles howitzer howitzers".split()
    + "дрон безпілотник ракета снаряд танк зброя боєприпас дрон беспилотник ракета снаряд танк оружие "
      "боеприпас".split()
)
# Words that may stand before a surname without making it someone else's: President Putin, Mr Putin.
TITLE_WORDS = frozenset(
    "president prime minister mr mrs ms dr general gen leader chairman chancellor king sheikh emir premier "
    "former ex the late dictator strongman colonel col marshal field sultan crown prince his her "
    "ukrainian russian".split()
    + "президент президента президентом прем'єр прем’єр лідер глава пан пані генерал диктатор екс колишній "
      "господин господина лидер бывший экс".split()
)
SENTENCE_END = re.compile(r"[.!?…]\s*$|\n\s*$")
JOIN_GAP = re.compile(r"^[\s\-‐‑–'’]{0,3}$")

CONFIDENCE = {
    "name": 0.95, "full": 0.95, "official": 0.95, "transliteration": 0.9, "short": 0.9, "nickname": 0.75,
    "surname": 0.85, "demonym": 0.75, "capital": 0.7, "other": 0.7,
}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    kind: str  # person or state
    entity: int
    alias_kind: str
    confidence: float
    part: str = "body"  # headline, standfirst or body
    sentence: int = 0


@dataclass
class Token:
    text: str
    start: int
    end: int


def _locate(text: str, word: str, cursor: int) -> int:
    """Where `word` stands as a whole token at or after `cursor`. Every earlier token with the same
    text was a candidate too and has been passed, so the next whole-word occurrence is this one."""
    position = text.find(word, cursor)
    while (position > 0 and _is_word_char(text[position - 1])) or (
            position + len(word) < len(text) and _is_word_char(text[position + len(word)])):
        position = text.find(word, position + 1)
    return position


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _entry_matches(entry: Entry, words: list[str], i: int, forms) -> bool:
    if i + len(entry.keys) > len(words):
        return False
    for offset in range(1, len(entry.keys)):
        word = words[i + offset]
        if entry.capitalised[offset] and not word[:1].isupper():
            return False
        if entry.keys[offset] not in forms(word):
            return False
    return True


def scan(text: str, gazetteer: Gazetteer, language: str, normaliser: Normaliser):
    """Longest matches, left to right, as (word index, word count, entries, start, end).
    One dictionary lookup per distinct word; only candidates are examined; offsets are found for
    matches only."""
    words = TOKEN.findall(text)
    candidates = gazetteer.candidates(language)
    starters = set()
    for word in set(words):
        entries = candidates.get(word)
        if entries is None:
            entries = gazetteer.first_entries(word, language, normaliser)
        if entries:
            starters.add(word)

    def forms(word):
        return normaliser.forms(word, language)

    found = []
    cursor = 0
    next_free = 0
    for i in [i for i, word in enumerate(words) if word in starters]:
        if i < next_free:
            continue  # inside the previous match
        word = words[i]
        entries = candidates.get(word) or gazetteer.first_entries(word, language, normaliser)
        best_len, best = 0, []
        for entry in entries:  # longest first
            size = len(entry.keys)
            if size < best_len:
                break
            if size == 1 or _entry_matches(entry, words, i, forms):
                best_len = size
                best.append(entry)
        start = _locate(text, word, cursor)
        end = start + len(word)
        for j in range(i + 1, i + best_len):
            following = text.find(words[j], end)  # no word stands between: this is the next one
            if not JOIN_GAP.match(text[end:following]):  # a full stop between: not one name
                best = [e for e in best if len(e.keys) == 1]
                best_len, end = (1, start + len(word)) if best else (0, end)
                break
            end = following + len(words[j])
        if best:
            found.append((i, best_len, best, start, end))
            next_free = i + best_len
        cursor = end
    return found


def _window(text: str, start: int, end: int) -> tuple[list[Token], int, int]:
    """Tokens from two words before a match to one word after it; with the index of the match's
    first token and its token count."""
    before = [Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text, max(0, start - 80), start)][-2:]
    inside = [Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text, start, end)]
    after = TOKEN.search(text, end)
    tokens = before + inside + ([Token(after.group(), after.start(), after.end())] if after else [])
    return tokens, len(before), len(inside)


def _blocked_by_context(entry: Entry, tokens: list[Token], i: int, size: int, text: str, normaliser, language) -> bool:
    after = i + size
    nxt = tokens[after] if after < len(tokens) else None
    gap_after = text[tokens[after - 1].end:nxt.start] if nxt else ""
    if entry.kind == STATE and nxt is not None:
        word = nxt.text.casefold()
        if entry.alias_kind != "demonym" and nxt.text[:1].isupper() and word in MEDIA_WORDS and gap_after.strip() == "":
            return True
        if entry.alias_kind == "demonym":
            if word in MADE_WORDS and gap_after.strip() in ("-", "‐", "‑", "–", ""):
                return True
            if set(normaliser.forms(nxt.text, language)) & WEAPON_WORDS:
                return True
    if entry.kind == STATE and i >= 2:
        before = " ".join(t.text.casefold() for t in tokens[i - 2:i])
        if before in ("made in", "manufactured in", "produced in", "built in"):
            return True
    return False


def _other_person(entry: Entry, tokens: list[Token], i: int, text: str, given_names: set[str], normaliser, language) -> bool:
    """A surname right after someone else's capitalised first name (Lyudmila Putina, Sara Duterte)."""
    if entry.alias_kind != "surname" or i == 0:
        return False
    prev = tokens[i - 1]
    gap = text[prev.end:tokens[i].start]
    if not prev.text[:1].isupper() or not JOIN_GAP.match(gap) or "-" in gap:
        return False
    start_of_sentence = i == 1 or SENTENCE_END.search(text[tokens[i - 2].end:prev.start]) is not None
    if start_of_sentence and prev.text.casefold() in TITLE_WORDS:
        return False
    forms = set(normaliser.forms(prev.text, language))
    if forms & TITLE_WORDS or forms & given_names:
        return False
    return True


DATELINE = re.compile(r"^\s*(?:,[^\n,(—–-]{0,40})?\s*(?:\([^)\n]{1,40}\))?\s*[—–-]")


def _dateline(text: str, start: int, end: int) -> bool:
    """MOSCOW (Reuters) - ..., KYIV, Ukraine — ...: a place line, not the government speaking."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and DATELINE.match(text[end:end + 60]) is not None


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"(?<=[.!?…])[\"'”»]?\s+(?=[\"'“«]?[A-ZА-ЯІЇЄҐ0-9])|\n\s*\n", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def find_mentions(text: str, gazetteer: Gazetteer, language: str, normaliser: Normaliser,
                  given_names: dict[int, set[str]] | None = None, part: str = "body") -> list[Mention]:
    """Every mention of a person or state in `text`, with offsets into it."""
    given_names = given_names or {}
    found = scan(text, gazetteer, language, normaliser)
    sentences = sentence_spans(text)
    mentions = []
    full_names: Counter = Counter()
    pending_surnames = []
    for _word, _count, entries, start, end in found:
        tokens, i, size = _window(text, start, end)
        if any(e.kind == BLOCK for e in entries):
            continue
        kept = [e for e in entries if not _blocked_by_context(e, tokens, i, size, text, normaliser, language)]
        entities = {(e.kind, e.entity) for e in kept}
        if not kept:
            continue
        sentence = next((n for n, (a, b) in enumerate(sentences) if a <= start < b), 0)
        if len(entities) > 1:
            if all(e.alias_kind == "surname" for e in kept) and {e.kind for e in kept} == {PERSON}:
                pending_surnames.append((start, end, text[start:end], kept, sentence))
            continue  # one name for several states (Congo, Korea): not enough to say which
        entry = kept[0]
        if entry.alias_kind == "capital" and _dateline(text, start, end):
            continue
        if entry.kind == PERSON and entry.alias_kind == "surname":
            if _other_person(entry, tokens, i, text, given_names.get(entry.entity, set()), normaliser, language):
                continue
            pending_surnames.append((start, end, text[start:end], kept, sentence))
            continue
        if entry.kind == PERSON:
            full_names[entry.entity] += 1
        mentions.append(Mention(start, end, text[start:end], entry.kind, entry.entity, entry.alias_kind,
                                CONFIDENCE.get(entry.alias_kind, 0.7), part, sentence))
    return mentions, pending_surnames, full_names


def resolve_surnames(pending, full_names: Counter) -> list[Mention]:
    """A surname alone counts when it is unambiguous in the article: one person has it, or exactly one
    of the persons who have it is named in full somewhere in the article."""
    resolved = []
    for start, end, text, entries, sentence, part in pending:
        persons = {e.entity for e in entries}
        named = [p for p in persons if full_names[p]]
        if len(named) == 1:
            person, confidence = named[0], 0.9
        elif len(persons) == 1:
            person, confidence = next(iter(persons)), 0.75
        else:
            continue
        resolved.append(Mention(start, end, text, PERSON, person, "surname", confidence, part, sentence))
    return resolved


TRAVEL = {
    "en": re.compile(
        r"\b(visit\w*|arriv\w*|travel\w*|trips?|tour\w*|land(?:ed|s|ing)?|flew|fl(?:y|ies|ying) to|went to|"
        r"head(?:ed|ing|s)? to|enter\w*|host(?:ed|s|ing)?|welcom\w*|attend\w*|stay\w*|disembark\w*|"
        r"in (?:the )?capital)\b", re.I),
    "uk": re.compile(r"(візит|прибу|прилеті|прилет|відвіда|відвіду|поїздк|приїха|приїжджа|в['’]їх|в['’]їзд|"
                     r"перебува|гостин|зустрі[лч]|летів|поїхав|залишитьс|пробуде|запрош)", re.I),
    "ru": re.compile(r"(визит|прибы|прилет|посети|посещ|поездк|приеха|приезжа|въеха|въезд|пребыва|"
                     r"встрет|полетел|поехал|пробудет|приглаш)", re.I),
}


@dataclass
class Analysis:
    mentions: list[Mention]
    persons: list[int] = field(default_factory=list)  # salient, most salient first
    states: list[int] = field(default_factory=list)
    pairs: list[tuple[int, int]] = field(default_factory=list)
    person_scores: dict = field(default_factory=dict)
    state_scores: dict = field(default_factory=dict)
    pair_scores: dict = field(default_factory=dict)
    home_states: dict = field(default_factory=dict)


def analyse(parts: dict[str, str], gazetteer: Gazetteer, language: str, normaliser: Normaliser | None = None,
            given_names: dict[int, set[str]] | None = None, home_states: dict[int, set[int]] | None = None) -> Analysis:
    """`parts`: {"headline": ..., "standfirst": ..., "body": ...}. Offsets are per part.
    `home_states`: the states a person governs, which are not destinations of a visit."""
    normaliser = normaliser or Normaliser()
    home_states = home_states or {}
    mentions: list[Mention] = []
    pending_all = []
    full_names: Counter = Counter()
    for part, text in parts.items():
        if not text:
            continue
        found, pending, names = find_mentions(text, gazetteer, language, normaliser, given_names, part)
        mentions += found
        pending_all += [(*p, part) for p in pending]
        full_names += names
    mentions += resolve_surnames(pending_all, full_names)
    mentions.sort(key=lambda m: (("headline", "standfirst", "body").index(m.part), m.start))

    person_scores, state_scores = _entity_scores(mentions, parts)
    pair_scores = _pair_scores(mentions, parts, language, home_states)
    persons = [p for p, s in sorted(person_scores.items(), key=lambda kv: -kv[1]) if s >= 3]
    # in a travel story, the traveller's own country is where he comes from, not what the story is about
    homes = {state for person, _state in pairs_all(pair_scores) for state in home_states.get(person, ())}
    states = [s for s, v in sorted(state_scores.items(), key=lambda kv: -kv[1]) if v >= 3 and s not in homes]
    top = max(pair_scores.values(), default=0)
    pairs = [p for p, s in sorted(pair_scores.items(), key=lambda kv: -kv[1]) if s >= 3 and s >= 0.6 * top]
    return Analysis(mentions, persons, states, pairs, person_scores, state_scores, pair_scores, home_states)


def pairs_all(pair_scores):
    return [pair for pair, score in pair_scores.items() if score >= 3]


NEGATION = {
    "en": re.compile(r"(\bnot|n't|\bnever|\bno longer|\bcancel\w*|\bcall(?:ed|s)? off|\bskip\w*|\bdeclin\w*|"
                     r"\bpostpon\w*|\bwithout|\bapologi[sz]\w* for)\W+(?:\w+\W+){0,2}$", re.I),
    "uk": re.compile(r"(\bне|\bні|скасува\w*|відмови\w*|відклав\w*|без)\W+(?:\w+\W+){0,2}$", re.I),
    "ru": re.compile(r"(\bне|\bни|отмен\w*|отказа\w*|отлож\w*|без)\W+(?:\w+\W+){0,2}$", re.I),
}


IN_PLACE = re.compile(r"(?:\bin|\bat|\bв|\bу)\s+$", re.I)


def travel_cue(sentence: str, language: str) -> int:
    """+1 for a verb of travel or arrival, -1 when every such verb is negated (will not attend,
    не поїде, the trip was cancelled), 0 when there is none."""
    negation = NEGATION.get(language, NEGATION["en"])
    found = negated = 0
    for match in TRAVEL.get(language, TRAVEL["en"]).finditer(sentence):
        found += 1
        negated += bool(negation.search(sentence[max(0, match.start() - 40):match.start()]))
    if not found:
        return 0
    return 1 if negated < found else -1


def _entity_scores(mentions: list[Mention], parts):
    scores = {PERSON: defaultdict(float), STATE: defaultdict(float)}
    seen_in = defaultdict(set)
    counts = Counter()
    for m in mentions:
        counts[(m.kind, m.entity)] += 1
        seen_in[(m.kind, m.entity)].add(m.part if m.part != "body" or m.sentence > 2 else "lead")
    for (kind, entity), parts_seen in seen_in.items():
        score = 3.0 * ("headline" in parts_seen) + 2.0 * ("standfirst" in parts_seen) + 1.0 * ("lead" in parts_seen)
        score += min(counts[(kind, entity)], 6) * 0.5
        scores[kind][entity] = score
    return dict(scores[PERSON]), dict(scores[STATE])


def _pair_scores(mentions: list[Mention], parts, language, home_states):
    by_sentence = defaultdict(list)
    for m in mentions:
        by_sentence[(m.part, m.sentence)].append(m)
    scores: dict[tuple[int, int], float] = defaultdict(float)
    cancelled: set[int] = set()
    for (part, index), found in by_sentence.items():
        persons = {m.entity for m in found if m.kind == PERSON}
        states = {m.entity for m in found if m.kind == STATE and m.alias_kind != "demonym"}
        if not persons:
            continue
        text = parts[part]
        spans = sentence_spans(text)
        sentence = text[spans[index][0]:spans[index][1]] if index < len(spans) else text
        cue = travel_cue(sentence, language)
        if part == "headline" and cue < 0:
            cancelled |= persons  # "X will not attend", "X cancels trip": the story is a trip not made
        # "in Budapest", "у Будапешті": the person is in that state's capital, even with no verb of travel
        present = {m.entity for m in found if m.kind == STATE and m.alias_kind == "capital"
                   and IN_PLACE.search(text[max(0, m.start - 4):m.start])} if cue >= 0 else set()
        for person in persons:
            for state in states - home_states.get(person, set()):
                here = max(cue, 1) if state in present else cue
                if part == "headline":
                    scores[(person, state)] += 2 + 3 * here
                else:
                    scores[(person, state)] += 2 * here
    return {pair: score - 3 * (pair[0] in cancelled) for pair, score in scores.items()}
