"""Claim check: sentences that state a checkable fact about the article's persons and states
(a ratification year, membership, the date of a visit, a warrant's date or charges) compared with
the data. A mismatch comes back with the correct fact and its sources, for editors."""

import re
from datetime import date

from django.utils import translation
from django.utils.translation import gettext as _

from ..facts.models import Person, State, Visit
from ..matcher.mentions import PERSON, STATE, Analysis, sentence_spans
from .wording import INSTRUMENTS, long_date, period

MONTHS = {
    "en": [r"jan(?:uary|\.)?", r"feb(?:ruary|\.)?", r"mar(?:ch|\.)?", r"apr(?:il|\.)?", r"may", r"june?\.?",
           r"july?\.?", r"aug(?:ust|\.)?", r"sep(?:t(?:ember)?)?\.?", r"oct(?:ober|\.)?", r"nov(?:ember|\.)?",
           r"dec(?:ember|\.)?"],
    "uk": [r"січн\w*", r"лют\w*", r"берез\w*", r"квіт\w*", r"травн?\w*", r"черв\w*", r"лип\w*", r"серп\w*",
           r"верес\w*", r"жовт\w*", r"листопад\w*", r"груд\w*"],
    "ru": [r"январ\w*", r"феврал\w*", r"март\w*", r"апрел\w*", r"ма[йяе]\b", r"июн\w*", r"июл\w*", r"август\w*",
           r"сентябр\w*", r"октябр\w*", r"ноябр\w*", r"декабр\w*"],
}
_MONTH_RE = {
    lang: [re.compile(rf"(?<!\w){pattern}(?!\w)", re.I) for pattern in patterns] for lang, patterns in MONTHS.items()
}
YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")

RATIFY = {"en": r"\b(ratif\w*|acced\w*|accession|joined)\b", "uk": r"(ратифік\w*|приєдна\w*)",
          "ru": r"(ратифи\w*|присоедин\w*)"}
SIGN = {"en": r"\bsign(?:ed|ing)\b", "uk": r"підписа(?:в|ла|ло|ли|ння)\b", "ru": r"подписа(?:л|ла|ло|ли|ние)\b"}
STATUTE = {"en": r"Rome Statute|International Criminal Court|\bICC\b",
           "uk": r"Римськ\w* статут\w*|\bМКС\b|Міжнародн\w* кримінальн\w* суд\w*",
           "ru": r"Римск\w* статут\w*|\bМУС\b|Международн\w* уголовн\w* суд\w*"}
SIGNATORY = {"en": r"\bsignator(?:y|ies)\b", "uk": r"підписант\w*", "ru": r"подписант\w*"}
NOT_PARTY = {"en": r"\bnot (?:a )?(?:state )?(?:party|member)\b|\bnon-(?:party|member)\b",
             "uk": r"\bне (?:є )?(?:учасни|член)\w*", "ru": r"\bне (?:является )?(?:участни|член)\w*"}
VISITED = {"en": r"\b(visit\w*|travel\w*|went to|trip to|arriv\w*)\b", "uk": r"(відвіда\w*|візит\w*|побува\w*|приїха\w*|прибу\w*)",
           "ru": r"(посети\w*|визит\w*|побыва\w*|приеха\w*|прибы\w*)"}
WARRANT = {"en": r"\bwarrants?\b", "uk": r"ордер\w*", "ru": r"ордер\w*"}
ISSUED = {"en": r"\bissu\w*", "uk": r"вида\w*|видав\w*", "ru": r"выда\w*|выписа\w*"}
PRONOUN = {"en": r"\b(he|she|him|his)\b", "uk": r"\b(він|вона|його|її)\b", "ru": r"\b(он|она|его|её|ее)\b"}
THE_COUNTRY = {"en": r"\bthe country\b", "uk": r"\bкраїн\w*", "ru": r"\bстран\w*"}
# Words naming a crime, and the words a warrant's charges use for it.
CRIME_WORDS = {
    "genocide": (r"genocid\w*|геноцид\w*", ("genocide",)),
    "deportation": (r"deport\w*|depart\w*|депорт\w*|transfer\w*|переміщ\w*|перемещ\w*|викрад\w*|похищ\w*",
                    ("deport", "transfer")),
    "starvation": (r"starv\w*|голод\w*", ("starv",)),
    "rape": (r"\brape\w*|зґвалт\w*|изнасил\w*", ("rape", "sexual")),
    "torture": (r"tortur\w*|катуван\w*|пыт\w*", ("tortur",)),
}


def _find(pattern: dict, language: str, text: str):
    return re.search(pattern.get(language, pattern["en"]), text, re.I)


def month_years(text: str, language: str, default_year: int) -> list[tuple[int | None, int]]:
    """(month, year) pairs a sentence names: 'September 2023', 'у вересні 2023 року', 'Oct. 8'."""
    found = []
    years = [(m.start(), int(m.group())) for m in YEAR.finditer(text)]
    months = []
    for number, pattern in enumerate(_MONTH_RE.get(language, _MONTH_RE["en"]), start=1):
        months += [(m.start(), number) for m in pattern.finditer(text)]
        if language != "en":
            months += [(m.start(), number) for m in _MONTH_RE["en"][number - 1].finditer(text) if number != 5]
    used_years = set()
    for position, month in sorted(months):
        after = [y for y in years if 0 <= y[0] - position <= 30]
        year = after[0][1] if after else default_year
        if after:
            used_years.add(after[0])
        found.append((month, year))
    found += [(None, y) for y in years if y not in used_years]
    return found


def _sources(*facts) -> list[dict]:
    seen = {}
    for fact in facts:
        for citation in fact.citations.all():
            seen.setdefault(citation.source.key, {"key": citation.source.key, "title": citation.source.title,
                                                  "url": citation.source.url})
    return list(seen.values())


def check_claims(parts: dict[str, str], analysis: Analysis, language: str, on: date) -> list[dict]:
    persons = {p.pk: p for p in Person.objects.filter(pk__in={m.entity for m in analysis.mentions if m.kind == PERSON})}
    states = {s.pk: s for s in State.objects.filter(pk__in={m.entity for m in analysis.mentions if m.kind == STATE})
              .prefetch_related("treaty_events__citations__source", "aliases")}
    claims = []
    with translation.override(language):
        for part, text in parts.items():
            if not text:
                continue
            for index, (start, end) in enumerate(sentence_spans(text)):
                sentence = text[start:end]
                found = [m for m in analysis.mentions if m.part == part and m.sentence == index]
                context = _Context(sentence, language, on, analysis, persons, states, found)
                for check in (_treaty_claim, _membership_claim, _visit_claim, _warrant_claim):
                    claim = check(context)
                    if claim:
                        claim.update(sentence=sentence.strip(), part=part, start=start, end=end)
                        claims.append(claim)
    return claims


class _Context:
    def __init__(self, sentence, language, on, analysis, persons, states, found):
        self.sentence, self.language, self.on = sentence, language, on
        self.states = [states[m.entity] for m in found if m.kind == STATE and m.entity in states]
        self.persons = [persons[m.entity] for m in found if m.kind == PERSON and m.entity in persons]
        if not self.states and _find(THE_COUNTRY, language, sentence):
            salient = [states[s] for s in analysis.states if s in states]
            paired = [states[s] for _p, s in analysis.pairs if s in states]
            self.states = paired[:1] or salient[:1]
        if not self.persons and _find(PRONOUN, language, sentence):
            self.persons = [persons[p] for p in analysis.persons[:1] if p in persons]

    def state(self):
        unique = list(dict.fromkeys(self.states))
        return unique[0] if len(unique) == 1 else None


def _treaty_claim(c: _Context) -> dict | None:
    state = c.state()
    if state is None or not _find(STATUTE, c.language, c.sentence):
        return None
    signing = _find(SIGN, c.language, c.sentence) and not _find(RATIFY, c.language, c.sentence)
    if not (signing or _find(RATIFY, c.language, c.sentence)):
        return None
    years = [y for _m, y in month_years(c.sentence, c.language, 0) if y]
    if not years:
        return None
    kind = "signature" if signing else "deposit"
    events = [e for e in state.treaty_events.all() if e.kind == kind]
    name = state.name_in(c.language)
    if not events:
        correction = (_("%(state)s has not signed the Rome Statute.") if signing else
                      _("%(state)s has not ratified or acceded to the Rome Statute.")) % {"state": name}
        return {"kind": f"treaty_{kind}", "claimed": str(years[0]), "correct": None, "correction": correction,
                "sources": _sources(state), "severity": "error", "facts": [f"state:{state.pk}"]}
    event = events[0]
    if event.date.year in years:
        return None
    if signing:
        correction = _("%(state)s signed the Rome Statute on %(date)s.") % {"state": name, "date": long_date(event.date)}
    else:
        correction = _("%(state)s deposited its instrument of %(instrument)s of the Rome Statute on %(date)s.") % {
            "state": name, "instrument": INSTRUMENTS[event.instrument](), "date": long_date(event.date)}
    return {"kind": f"treaty_{kind}", "claimed": str(years[0]), "correct": event.date.isoformat(),
            "correction": correction, "sources": _sources(event), "severity": "error",
            "facts": [f"treatyevent:{event.pk}"]}


def _membership_claim(c: _Context) -> dict | None:
    state = c.state()
    if state is None or not _find(STATUTE, c.language, c.sentence):
        return None
    membership = state.membership_on(c.on)
    name = state.name_in(c.language)
    deposit = next((e for e in state.treaty_events.all() if e.kind == "deposit"), None)
    facts = [deposit] if deposit else [state]
    if _find(NOT_PARTY, c.language, c.sentence) and membership.state_party:
        return {"kind": "membership", "claimed": "not a party", "correct": "party", "severity": "error",
                "correction": _("%(state)s was a state party on %(date)s (instrument deposited on %(deposit)s).") % {
                    "state": name, "date": long_date(c.on), "deposit": long_date(membership.deposit)},
                "sources": _sources(*facts), "facts": [f"state:{state.pk}"]}
    if _find(SIGNATORY, c.language, c.sentence) and membership.state_party:
        return {"kind": "membership", "claimed": "signatory", "correct": "party", "severity": "note",
                "correction": _("%(state)s is not merely a signatory: it has been a state party since %(since)s "
                                "(instrument deposited on %(deposit)s), which is what binds it to arrest.") % {
                    "state": name, "since": long_date(membership.entry_into_force),
                    "deposit": long_date(membership.deposit)},
                "sources": _sources(*facts), "facts": [f"state:{state.pk}"]}
    return None


def _visit_claim(c: _Context) -> dict | None:
    state = c.state()
    if state is None or len(set(c.persons)) != 1 or not _find(VISITED, c.language, c.sentence):
        return None
    dates = month_years(c.sentence, c.language, c.on.year)
    if not dates:
        return None
    person = c.persons[0]
    visits = [v for v in Visit.objects.filter(person=person, state=state).prefetch_related("citations__source")
              if v.start or v.planned_start]
    if not visits:
        return None

    def matches(visit, month, year):
        first, last = visit.start or visit.planned_start, visit.end or visit.planned_end or visit.start or visit.planned_start
        return any(year == d.year and (month is None or month == d.month) for d in (first, last))

    if any(matches(v, m, y) for v in visits for m, y in dates):
        return None
    nearest = min(visits, key=lambda v: abs((v.start or v.planned_start).year - dates[0][1]))
    month, year = dates[0]
    claimed = f"{year}-{month:02d}" if month else str(year)
    return {"kind": "visit_date", "claimed": claimed, "correct": (nearest.start or nearest.planned_start).isoformat(),
            "severity": "error",
            "correction": _("%(person)s's recorded visit to %(state)s was on %(dates)s.") % {
                "person": person.name_in(c.language), "state": state.name_in(c.language),
                "dates": period(nearest.start or nearest.planned_start, nearest.end or nearest.planned_end)},
            "sources": _sources(nearest), "facts": [f"visit:{nearest.pk}"]}


def _warrant_claim(c: _Context) -> dict | None:
    if len(set(c.persons)) != 1 or not _find(WARRANT, c.language, c.sentence):
        return None
    person = c.persons[0]
    warrants = [w for w in person.warrants.for_rules().prefetch_related("citations__source") if w.issued]
    if not warrants:
        return None
    name = person.name_in(c.language)
    if _find(ISSUED, c.language, c.sentence):
        dates = month_years(c.sentence, c.language, 0)
        dates = [(m, y) for m, y in dates if y]
        if dates and not any(w.issued.year == y and (m is None or m == w.issued.month) for w in warrants for m, y in dates):
            first = warrants[0]
            month, year = dates[0]
            return {"kind": "warrant_date", "claimed": f"{year}-{month:02d}" if month else str(year),
                    "correct": first.issued.isoformat(), "severity": "error",
                    "correction": _("The warrant for %(person)s was issued on %(date)s.") % {
                        "person": name, "date": long_date(first.issued)},
                    "sources": _sources(first), "facts": [f"warrant:{first.pk}"]}
    charges = " ".join(f"{ch.crime} {ch.summary}".casefold() for w in warrants for ch in w.charges.all())
    for crime, (pattern, stems) in CRIME_WORDS.items():
        if re.search(pattern, c.sentence, re.I) and charges and not any(s in charges for s in stems):
            listed = "; ".join(dict.fromkeys(ch.crime for w in warrants for ch in w.charges.all()))
            return {"kind": "warrant_charges", "claimed": crime, "correct": listed, "severity": "error",
                    "correction": _("The warrants for %(person)s do not charge %(crime)s; they charge: %(charges)s.") % {
                        "person": name, "crime": _(crime), "charges": listed},
                    "sources": _sources(*warrants), "facts": [f"warrant:{w.pk}" for w in warrants]}
    return None
