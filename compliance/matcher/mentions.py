"""Find the persons and states a text mentions, and decide which ones it is about.

Pure Python over a `Gazetteer`; the database is only read when the gazetteer is built
(`compliance.editorial.detection.current_gazetteer`).
"""

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .gazetteer import BLOCK, PERSON, PLACE, STATE, TOKEN, Entry, Gazetteer, Normaliser

# Names that contain a state's name but are not the state (outlets, agencies, groupings).
# Hosts add their own with COMPLIANCE_BLOCKED_NAMES.
BLOCKED_NAMES = {
    "en": [
        "The Hague",
        "Hague",
        "The Moscow Times",
        "Moscow Times",
        "Sudan News Agency",
        "Kyiv Independent",
        "The Kyiv Independent",
        "Kyiv Post",
        "Jordan Times",
        "Tehran Times",
        "Times of India",
        "Russia Today",
        "Voice of America",
        "Radio Free Europe",
        "Alliance of Sahel States",
        "Organization of American States",
        "Sudan Tribune",
        "Ukrainska Pravda",
        "Moscow Patriarchate",
        "Georgia Tech",
        "Kyiv School of Economics",
        "Ukrainian Greek Catholic Church",
        "Mongolian Barbecue",
        "Turkish Airlines",
        "Qatar Airways",
        "Hungarian Academy of Sciences",
        "Russian Orthodox Church",
        "Russian Roulette",
    ],
    "uk": [
        "Гаага",
        "Українська правда",
        "Радіо Свобода",
        "Київ Пост",
        "Московський патріархат",
        "Альянс держав Сахелю",
        "Російська православна церква",
    ],
    "ru": [
        "Гаага",
        "Московский комсомолец",
        "Российская газета",
        "Русская служба",
        "Радио Свобода",
        "Новая газета",
        "Московский патриархат",
        "Альянс государств Сахеля",
        "Русская православная церковь",
    ],
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
    + "дрон безпілотник ракета снаряд танк зброя боєприпас дрон беспилотник ракета снаряд танк оружие боеприпас".split()
)
# Words that may stand before a surname without making it someone else's: President Putin, Mr Putin.
TITLE_WORDS = frozenset(
    "president prime minister mr mrs ms dr general gen leader chairman chancellor king sheikh emir premier "
    "former ex the late dictator strongman colonel col marshal field sultan crown prince his her "
    "ukrainian russian".split()
    + "президент президента президентом прем'єр прем’єр лідер глава пан пані генерал диктатор екс колишній "
    "господин господина лидер бывший экс".split()
)
CYRILLIC_WORD = re.compile(r"^[Ѐ-ӿ]+$")
SENTENCE_END = re.compile(r"[.!?…]\s*$|\n\s*$")
JOIN_GAP = re.compile(r"^[\s\-‐‑–'’]{0,3}$")

CONFIDENCE = {
    "name": 0.95,
    "full": 0.95,
    "official": 0.95,
    "transliteration": 0.9,
    "short": 0.9,
    "nickname": 0.75,
    "surname": 0.85,
    "demonym": 0.75,
    "capital": 0.7,
    "other": 0.7,
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
        position + len(word) < len(text) and _is_word_char(text[position + len(word)])
    ):
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
    gap_after = text[tokens[after - 1].end : nxt.start] if nxt else ""
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
        before = " ".join(t.text.casefold() for t in tokens[i - 2 : i])
        if before in ("made in", "manufactured in", "produced in", "built in"):
            return True
    if entry.kind == STATE and i >= 1:
        prev = tokens[i - 1]
        gap = text[prev.end : tokens[i].start]
        if gap in ("-", "‐", "‑") and len(prev.text) >= 2 and prev.text.isupper():
            return True  # an outlet's name: "РБК-Україна", "ТСН-Україна"
    if (
        entry.kind == STATE
        and size == 1
        and entry.alias_kind != "demonym"
        and _pronoun_at_sentence_start(tokens, i, text, language)
    ):
        return True
    return False


def _pronoun_at_sentence_start(tokens: list[Token], i: int, text: str, language: str) -> bool:
    """A capitalised word opening a sentence that is also a pronoun or a particle: "Того ж 2023 року"
    is "that same year", not Togo."""
    token = tokens[i].text
    if not CYRILLIC_WORD.match(token) or language not in ("uk", "ru"):
        return False
    start_of_sentence = i == 0 or SENTENCE_END.search(text[tokens[i - 1].end : tokens[i].start]) is not None
    if not start_of_sentence:
        return False
    from .gazetteer import _analyser

    # both dictionaries: the Ukrainian one knows "Того" only as Togo, the Russian one as "that"
    return any(
        parse.tag.POS in ("NPRO", "ADJF", "PRCL", "CONJ", "ADVB", "PREP") and parse.score >= 0.2
        for lang in ("uk", "ru")
        for parse in _analyser(lang).parse(token.casefold())[:3]
    )


def _other_person(
    entry: Entry, tokens: list[Token], i: int, text: str, given_names: set[str], normaliser, language
) -> bool:
    """A surname right after someone else's capitalised first name (Lyudmila Putina, Sara Duterte)."""
    if entry.alias_kind != "surname" or i == 0 or not tokens[i].text[:1].isupper():
        return False  # a surname written in lower case ("Крім путіна") is not part of a capitalised name
    prev = tokens[i - 1]
    gap = text[prev.end : tokens[i].start]
    if not prev.text[:1].isupper() or not JOIN_GAP.match(gap) or "-" in gap:
        return False
    start_of_sentence = i == 1 or SENTENCE_END.search(text[tokens[i - 2].end : prev.start]) is not None
    if start_of_sentence and prev.text.casefold() in TITLE_WORDS:
        return False
    forms = set(normaliser.forms(prev.text, language))
    if forms & TITLE_WORDS or forms & given_names:
        return False
    if _patronymic(prev.text) and i >= 2:  # "Марію Олексіївну Львову-Бєлову": the first name is before it
        return _other_person(entry, tokens, i - 1, text, given_names, normaliser, language)
    return True


def _patronymic(word: str) -> bool:
    if not CYRILLIC_WORD.match(word):
        return False
    from .gazetteer import _analyser

    return any(
        "Patr" in parse.tag.grammemes for lang in ("uk", "ru") for parse in _analyser(lang).parse(word.casefold())[:3]
    )


DATELINE = re.compile(r"^\s*(?:,[^\n,(—–-]{0,40})?\s*(?:\([^)\n]{1,40}\))?\s*[—–-]")


def _dateline(text: str, start: int, end: int) -> bool:
    """MOSCOW (Reuters) - ..., KYIV, Ukraine — ...: a place line, not the government speaking."""
    line_start = text.rfind("\n", max(0, start - 200), start) + 1
    if line_start == 0 and start > 200:
        return False  # not the start of a line (and no scan back through a long text)
    return not text[line_start:start].strip() and DATELINE.match(text[end : end + 60]) is not None


# Words a full stop abbreviates, after which a sentence does not end: "Oct. 8", "Mr. Putin", "U.S. officials",
# "ст. 58", "1 янв. 2024", "т. е.".
ABBREVIATIONS = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr st gen col lt sgt capt gov sen rep rev prof "
    "jr sr no vs art para pp p inc ltd co corp dept est approx e.g i.e u.s u.k u.n d.c a.m p.m".split()
    + "січ лют бер квіт трав черв лип серп вер верес жовт лист груд ст п пп ім т.зв див тис млн млрд".split()
    + "янв февр мар апр авг сент окт нояб дек ст п пп им т.е т.к т.н см тыс млн млрд".split()
)
BOUNDARY = re.compile(r"(?<=[.!?…])[\"'”»]?\s+(?=[\"'“«]?[A-ZА-ЯІЇЄҐ0-9])|\n\s*\n")
WORD_BEFORE_STOP = re.compile(r"([\w.]+)\.[\"'”»]?\s*$")


def _abbreviation_before(text: str, position: int) -> bool:
    match = WORD_BEFORE_STOP.search(text[max(0, position - 12) : position])
    if not match:
        return False
    word = match.group(1).casefold()
    if word in ABBREVIATIONS:
        return True
    # an initial ("J. Smith", "U.S."): one capital letter standing alone, not the end of "2003-м."
    letter = match.group(1)
    return (
        len(letter) == 1
        and letter.isupper()
        and (
            match.start(1) == 0
            or not match.string[match.start(1) - 1].isalnum()
            and match.string[match.start(1) - 1] not in "-‑"
        )
    )


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a full stop after an abbreviation or an initial ("Oct. 8", "U.S.",
    "J. Smith") ends none."""
    spans, start = [], 0
    for match in BOUNDARY.finditer(text):
        if match.group().count("\n") < 2 and _abbreviation_before(text, match.start()):
            continue
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def find_mentions(
    text: str,
    gazetteer: Gazetteer,
    language: str,
    normaliser: Normaliser,
    given_names: dict[int, set[str]] | None = None,
    part: str = "body",
) -> list[Mention]:
    """Every mention of a person or state in `text`, with offsets into it."""
    given_names = given_names or {}
    found = scan(text, gazetteer, language, normaliser)
    starts = [a for a, _b in sentence_spans(text)]
    mentions = []
    full_names: Counter = Counter()
    pending_surnames = []
    places = []
    for _word, _count, entries, start, end in found:
        tokens, i, size = _window(text, start, end)
        if any(e.kind == BLOCK for e in entries):
            continue
        kept = [e for e in entries if not _blocked_by_context(e, tokens, i, size, text, normaliser, language)]
        if any(e.kind != PLACE for e in kept):
            kept = [e for e in kept if e.kind != PLACE]  # a state's or a person's name beats a place's
        entities = {(e.kind, e.entity) for e in kept}
        if not kept:
            continue
        sentence = max(bisect_right(starts, start) - 1, 0)
        if kept[0].kind == PLACE:
            if len(entities) == 1 and not _dateline(text, start, end):
                places.append(Mention(start, end, text[start:end], PLACE, kept[0].entity, "place", 0.6, part, sentence))
            continue
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
        mentions.append(
            Mention(
                start,
                end,
                text[start:end],
                entry.kind,
                entry.entity,
                entry.alias_kind,
                CONFIDENCE.get(entry.alias_kind, 0.7),
                part,
                sentence,
            )
        )
    return mentions, pending_surnames, full_names, places


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
        r"in (?:the )?capital|touch(?:ed|es)? down|set foot|summit\w*|stop(?:s|ped|over)? (?:in|at)|"
        r"onward stop)\b",
        re.I,
    ),
    "uk": re.compile(
        r"(візит|прибу|прилеті|прилет|відвіда|відвіду|поїздк|приїха|приїжджа|в['’]їх|в['’]їзд|"
        r"перебува|побува|гостин|зустрі[лч]|летів|летит|поїхав|поїде|навідав|залишитьс|пробуде|запрош|саміт)",
        re.I,
    ),
    "ru": re.compile(
        r"(визит|побыва|прибы|прилет|посети|посещ|поездк|приеха|приезжа|въеха|въезд|пребыва|"
        r"встрет|полетел|полетит|поехал|поедет|наведа|пробудет|приглаш|саммит)",
        re.I,
    ),
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
    # cities, regions and US states named, as the state they are in (never counted as mentions)
    places: list[Mention] = field(default_factory=list)
    # every person-state pair the article reports travel for, made or not (cancelled, skipped, earlier trips)
    trips: list[tuple[int, int]] = field(default_factory=list)
    # of those, the ones the article is about: its pairs and trips in its headline or lead (made or not)
    lead_trips: list[tuple[int, int]] = field(default_factory=list)


def analyse(
    parts: dict[str, str],
    gazetteer: Gazetteer,
    language: str,
    normaliser: Normaliser | None = None,
    given_names: dict[int, set[str]] | None = None,
    home_states: dict[int, set[int]] | None = None,
) -> Analysis:
    """`parts`: {"headline": ..., "standfirst": ..., "body": ...}. Offsets are per part.
    `home_states`: the states a person governs, which are not destinations of a visit."""
    normaliser = normaliser or Normaliser()
    home_states = home_states or {}
    mentions: list[Mention] = []
    places: list[Mention] = []
    pending_all = []
    full_names: Counter = Counter()
    for part, text in parts.items():
        if not text:
            continue
        found, pending, names, named_places = find_mentions(text, gazetteer, language, normaliser, given_names, part)
        mentions += found
        places += named_places
        pending_all += [(*p, part) for p in pending]
        full_names += names
    mentions += resolve_surnames(pending_all, full_names)
    mentions.sort(key=lambda m: (("headline", "standfirst", "body").index(m.part), m.start))

    person_scores, state_scores = _entity_scores(mentions, parts)
    pair_scores, travelled = _pair_scores(mentions, places, parts, language, home_states)
    persons = [p for p, s in sorted(person_scores.items(), key=lambda kv: -kv[1]) if s >= 3]
    # in a travel story, the traveller's own country is where he comes from, not what the story is about
    homes = {state for person, _state in pairs_all(pair_scores) for state in home_states.get(person, ())}
    states = [s for s, v in sorted(state_scores.items(), key=lambda kv: -kv[1]) if v >= 3 and s not in homes]
    top = max(pair_scores.values(), default=0)
    pairs = [p for p, s in sorted(pair_scores.items(), key=lambda kv: -kv[1]) if s >= 3 and s >= 0.6 * top]
    trips = pairs + [p for p in travelled if p not in pairs]
    lead_trips = pairs + [p for p, lead in travelled.items() if lead and p not in pairs]
    return Analysis(
        mentions,
        persons,
        states,
        pairs,
        person_scores,
        state_scores,
        pair_scores,
        home_states,
        places,
        trips,
        lead_trips,
    )


def pairs_all(pair_scores):
    return [pair for pair, score in pair_scores.items() if score >= 3]


NEGATION = {
    "en": re.compile(
        r"(\bnot|n't|\bnever|\bno longer|\bcancel\w*|\bcall(?:ed|s)? off|\bskip\w*|\bdeclin\w*|"
        r"\bpostpon\w*|\bwithout|\bapologi[sz]\w* for)\W+(?:\w+\W+){0,2}$",
        re.I,
    ),
    "uk": re.compile(r"(\bне|\bні|скасува\w*|відмови\w*|відклав\w*|без)\W+(?:\w+\W+){0,2}$", re.I),
    "ru": re.compile(r"(\bне|\bни|отмен\w*|отказа\w*|отлож\w*|без)\W+(?:\w+\W+){0,2}$", re.I),
}


# Before a place named as the scene of a war or a crime, not where a person is: "war crimes in Gaza",
# "the attacks on Kyiv", "злочини в Бучі", "преступления в Мариуполе".
CRIME_SCENE = re.compile(
    r"(?:crime|atrocit|massacre|attack|bomb|strike|offensive|war\b|genocid|злочин|звірств|обстріл|удар|війн|"
    r"геноцид|преступлен|зверств|обстрел|войн)\w*\s+(?:\w+\s+){0,2}(?:in|on|at|against|в|у|на|по|проти)\s+$",
    re.I,
)
IN_PLACE = re.compile(r"(?:\bin|\bat|\bв|\bу|\bна)\s+$", re.I)  # "на Аляске", "на Філіппінах"


def travel_cue(sentence: str, language: str) -> int:
    """+1 for a verb of travel or arrival, -1 when every such verb is negated (will not attend,
    не поїде, the trip was cancelled), 0 when there is none."""
    negation = NEGATION.get(language, NEGATION["en"])
    found = negated = 0
    for match in TRAVEL.get(language, TRAVEL["en"]).finditer(sentence):
        found += 1
        negated += bool(negation.search(sentence[max(0, match.start() - 40) : match.start()]))
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


# Before a place a person is in or goes to: "in Budapest", "to Alaska", "у Будапешті", "до Бразилії".
DESTINATION = re.compile(
    r"(?:\bin|\bat|\bto|\bfor|\binto|\bout of|\bleft|\bdeparted(?: from)?|\bleaving|"
    r"\bв|\bу|\bдо|\bна|\bво|\bз|\bиз)\s+(?:the\s+)?$",
    re.I,
)
# A verb of visiting that takes the state as its object: "visited South Africa", "відвідав Монголію".
VISIT_OBJECT = re.compile(
    r"(?:\bvisit(?:ed|ing|s)?|\btour(?:ed|ing|s)?|\benter(?:ed|ing|s)?|\breached|"
    r"відвіда\w*|відвідув\w*|навіда\w*|посети\w*|посеща\w*|наведа\w*)\s+(?:the\s+)?$",
    re.I,
)
# Between two states of one list: "South Africa, Saudi Arabia and Kenya", "Монголію та Таджикистан".
LIST_JOIN = re.compile(r"^\s*(?:,|;)?\s*(?:(?:and|or|as well as|і|й|та|або|чи|и|или|а также)\s+)?(?:the\s+)?$", re.I)
# States given as examples of where a trip went: "..., Saudi Arabia and Egypt among them", "including".
INCLUDING = re.compile(
    r"\bamong them\b|\bincluding\b|\bsuch as\b|серед них|зокрема|у тому числі|в том числе|включая|среди них",
    re.I,
)
# A state that let a wanted person in without arresting him, or received him: it reports a trip there
# ("letting al-Bashir come and go ... South Africa, Saudi Arabia and Kenya", "received him without
# arresting him, Nigeria among them").
RECEIVED = {
    "en": re.compile(
        r"\b(?:let(?:ting)?|allow(?:ed|ing|s)?) (?:[\w-]+ ){1,3}(?:to )?(?:come and go|come|enter|visit|leave)\b|"
        r"\b(?:receiv|host|welcom)\w* (?:him|her|them)\b|\bwithout (?:arresting|detaining) (?:him|her)\b|"
        r"\b(?:failed|refused|declined) to (?:arrest|detain)\b|\bdid not (?:arrest|detain)\b|\bdidn't (?:arrest|detain)\b|"
        r"\bneither (?:\w+ ){0,2}(?:arrested|detained)\b|\bwithout being (?:arrested|detained)\b",
        re.I,
    ),
    "uk": re.compile(
        r"(?:не заарештува\w*|не затрима\w*|відмови\w* (?:його )?заарешт\w*|без арешту|"
        r"дозволи\w* (?:\S+ ){1,3}(?:в['’]їхати|приїхати|виїхати)|прийня\w* (?:його|її))",
        re.I,
    ),
    "ru": re.compile(
        r"(?:не арестова\w*|не задержа\w*|отказа\w* (?:его )?арестов\w*|без ареста|"
        r"позволи\w* (?:\S+ ){1,3}(?:въехать|приехать|уехать)|приня\w* (?:его|её))",
        re.I,
    ),
}
# After it: "the Dushanbe summits", "саміт у Йоганнесбурзі" is caught by DESTINATION.
EVENT_AFTER = re.compile(r"^[\s\-–]*(?:summit|саміт|саммит|talks|переговор|visit|візит|визит)", re.I)
# Hosting: the state is the subject and the person its guest ("Mongolia welcomed Putin").
HOSTING = re.compile(r"(host|welcom|receiv|red carpet|прийма|прийня|приймал|гостин|принима|принял|встреча)", re.I)
CAPITAL_AFTER = re.compile(r"^\s*(?:capital|столиц)", re.I)
# A person taken into custody and flown to the court is not visiting ("arrested in Manila and flown to").
CUSTODY = re.compile(
    r"\b(?:was|were|been|being|is|are) (?!not\b)(?:\w+ )?(?:arrested|extradited|surrendered|"
    r"transferred|detained|flown to the Hague)\b|\b(?:into|in) (?:ICC |the court's )?custody\b|"
    r"(?<!не )(?:був |було |був би )?(?:заарештован|екстрадован|етапован)\w*|"
    r"(?<!не )(?:арестован|экстрадирован|этапирован)\w*|под стражу|під варту",
    re.I,
)
PRONOUN = re.compile(r"\b(?:he|him|his|він|його|він|он|его)\b", re.I)
THE_COUNTRY = {
    "en": re.compile(r"\b(?:the|that|this) country\b", re.I),
    "uk": re.compile(r"\b(?:цієї|цю|ця|тій|цій|тієї) країн\w*|\bкраїн[уі]\b", re.I),
    "ru": re.compile(r"\b(?:этой|эту|эта|той) стран\w*|\bстран[уе]\b", re.I),
}


def _destinations(found, text, language, sentence, sentence_start, last_state, homes=frozenset()) -> set[int]:
    """States a sentence names as where someone is or goes, near its verb of travel: a state, capital or
    place after "in", "to", "у", "до"; a place or capital before "summit"; "the Hungarian capital"; a
    host state; "the country" (the state last named)."""
    out = set()
    hosting = HOSTING.search(sentence)
    cues = [sentence_start + m.start() for m in TRAVEL.get(language, TRAVEL["en"]).finditer(sentence)]
    for m in found:
        if m.kind not in (STATE, PLACE):
            continue
        near = any(-40 <= m.start - cue <= 60 for cue in cues)
        if m.alias_kind == "demonym":
            if near and CAPITAL_AFTER.match(text[m.end : m.end + 12]):
                out.add(m.entity)  # "the Hungarian capital", "угорської столиці"
            continue
        if CRIME_SCENE.search(text[max(0, m.start - 60) : m.start]):
            continue  # "war crimes in Gaza": where the crimes were, not where anyone goes
        if near and (
            DESTINATION.search(text[max(0, m.start - 8) : m.start])
            or VISIT_OBJECT.search(text[max(0, m.start - 16) : m.start])
            or EVENT_AFTER.match(text[m.end : m.end + 12])
            or (m.kind == STATE and hosting)
        ):
            out.add(m.entity)
    out |= _listed_with(found, text, out)
    including = INCLUDING.search(sentence) if cues else None
    if including:  # "trips that took him to states outside the Court, Saudi Arabia and Egypt among them"
        out |= {
            m.entity
            for m in found
            if m.kind in (STATE, PLACE)
            and m.alias_kind != "demonym"
            and abs(m.start - (sentence_start + including.start())) <= 60
        }
    the_country = THE_COUNTRY.get(language, THE_COUNTRY["en"]).search(sentence)
    if the_country:
        # the state named before it in the same sentence ("Brazil would have to detain him should he enter
        # the country"), else the state the article last named
        before = [
            m.entity
            for m in found
            if m.kind == STATE
            and m.alias_kind != "demonym"
            and m.entity not in homes  # "slipped back to Sudan ... stay in the country": not his own
            and m.start < sentence_start + the_country.start()
        ]
        if before:
            out.add(before[-1])
        elif last_state is not None:
            out.add(last_state)
    return out


def _listed_with(found, text, destinations: set[int]) -> set[int]:
    """States listed together with a destination ("to South Africa, Saudi Arabia and Kenya")."""
    places = sorted((m for m in found if m.kind in (STATE, PLACE) and m.alias_kind != "demonym"), key=lambda m: m.start)
    out = set(destinations)
    for left, right in zip(places, places[1:]):
        if LIST_JOIN.match(text[left.end : right.start]):
            if left.entity in out:
                out.add(right.entity)
    for left, right in reversed(list(zip(places, places[1:]))):
        if LIST_JOIN.match(text[left.end : right.start]) and right.entity in out:
            out.add(left.entity)
    return out - destinations


def _pair_scores(mentions: list[Mention], places: list[Mention], parts, language, home_states):
    """Scores of person-state pairs from sentences with a verb of travel (headline first), and every pair
    the article reports travel for, made or not. A sentence with no person continues the last one named
    ("He landed in Anchorage"); a city or region stands for its state ("touched down in Alaska")."""
    by_sentence = defaultdict(list)
    for m in mentions + places:
        by_sentence[(m.part, m.sentence)].append(m)
    scores: dict[tuple[int, int], float] = defaultdict(float)
    cancelled: set[int] = set()
    travelled: dict[tuple[int, int], bool] = {}  # pair -> reported in the headline or lead
    last_person, since_person, last_state = None, 99, None
    for part, text in parts.items():
        if not text:
            continue
        for index, (a, b) in enumerate(sentence_spans(text)):  # once per part: linear in the text
            found = sorted(by_sentence.get((part, index), ()), key=lambda m: m.start)
            sentence = text[a:b]
            named_persons = [m.entity for m in found if m.kind == PERSON]
            explicit = set(named_persons[:1])  # with several named, the traveller is the first (the subject)
            cue = travel_cue(sentence, language) if found or last_state is not None else 0
            if cue and CUSTODY.search(sentence):
                cue = 0
            carry = since_person <= 2 or (since_person <= 6 and PRONOUN.search(sentence))
            persons = explicit or ({last_person} if cue and last_person is not None and carry else set())
            states = {m.entity for m in found if m.kind == STATE and m.alias_kind != "demonym"}
            # "in Budapest", "у Будапешті": a person named with a capital or city is there, verb or not
            present = (
                {
                    m.entity
                    for m in found
                    if m.kind in (STATE, PLACE)
                    and (m.alias_kind == "capital" or m.kind == PLACE)
                    and IN_PLACE.search(text[max(0, m.start - 4) : m.start])
                    and not CRIME_SCENE.search(text[max(0, m.start - 60) : m.start])
                }
                if cue >= 0 and explicit
                else set()
            )
            received = RECEIVED.get(language, RECEIVED["en"]).search(sentence)
            if received and not persons and last_person is not None and carry:
                persons = {last_person}
            if persons and received:
                for person in persons:
                    for state in states - home_states.get(person, set()):
                        travelled.setdefault((person, state), False)
            if persons and (cue or present):
                homes = set().union(*(home_states.get(p, set()) for p in persons))
                destinations = _destinations(found, text, language, sentence, a, last_state, homes)
                if part == "headline" and cue < 0:
                    cancelled |= persons  # "X will not attend", "X cancels trip": the story is a trip not made
                weight = 1.0 if explicit else 0.5
                for person in persons:
                    home = home_states.get(person, set())
                    for state in (states | present | destinations) - home:
                        here = max(cue, 1) if state in present else cue
                        if part == "headline":
                            scores[(person, state)] += (2 + 3 * here) * weight
                        elif state in states or state in present:
                            scores[(person, state)] += 2 * here * weight
                        if state in destinations or state in present:
                            lead = part != "body" or index <= 1
                            travelled[(person, state)] = travelled.get((person, state), False) or lead
            if explicit:
                last_person = named_persons[0]
                since_person = 0
            else:
                since_person += 1
            named = [
                m.entity
                for m in found
                if m.kind == STATE and m.alias_kind != "demonym" and m.entity not in home_states.get(last_person, ())
            ]
            if named:
                last_state = named[-1]
    scores = {pair: score - 3 * (pair[0] in cancelled) for pair, score in scores.items()}
    return scores, travelled
