"""Claim check: sentences that state a checkable fact about the article's persons and states,
compared with the data. A claim is a subject (a state, a person), an event (signature, ratification
or accession, membership, withdrawal, a visit, a warrant, its charges, a failure to arrest), a date
or a number, and a polarity. A flag says what was claimed, what the record says and its sources:

- severity "error" only where the record contradicts the claim;
- "note" for loose wording ("signatory" for a party, "withdrew" while a withdrawal is pending, an
  attributed claim in quotation marks);
- nothing where the record is silent (no recorded visit, no recorded signature).

Dates are read in English, Ukrainian and Russian with the month names of dateparser's locale data
(inflected forms through the same morphology the detection uses): "5 May 2000", "Oct. 8",
"у вересні 2023 року", "в 2003-м", "last March" (from the article's date).
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from django.utils import translation
from django.utils.translation import gettext as _

from ..facts import sourcing, verdicts
from ..facts.models import Finding, Person, State, Visit
from ..matcher.gazetteer import Normaliser
from ..matcher.mentions import LIST_JOIN, PERSON, STATE, Analysis, sentence_spans
from ..rules.membership import entry_into_force
from . import wording
from .wording import INSTRUMENTS, long_date, period, visit_dates, weekday_name

_normaliser = Normaliser()
WORD = re.compile(r"\w+")
YEAR = re.compile(r"^(?:19[5-9]\d|20\d\d)$")
MONTH_KEYS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


def _rx(patterns: dict) -> dict:
    return {language: re.compile(pattern, re.I) for language, pattern in patterns.items()}


# Events, by language. Each is matched where it stands, so a sentence may state several.
SIGN = _rx(
    {
        "en": r"\bsign(?:ed|s|ing)?\b(?!\w)|\b(?:put|puts|putting|affixed|placed) (?:its|their) signature\b",
        "uk": r"підпис(?:ав|ала|ало|али|ує|ання|ува)\w*|постави\w* (?:свій )?підпис\b",
        "ru": r"подпис(?:ал|ала|ало|али|ание|ании|ать|ыва)\w*|постави\w* (?:свою )?подпись\b",
    }
)
RATIFY = _rx(
    {
        "en": r"\b(?:ratif\w*|acced\w*|accession\w*|deposit\w*)",
        "uk": r"(?:ратифік\w*|ратифіку\w*|приєдна\w*|приєднан\w*)",
        "ru": r"(?:ратифи\w*|присоедин\w*)",
    }
)
JOIN = _rx(
    {
        "en": r"\b(?:joined|join(?:s|ing)?|became (?:a |the )?(?:\w+ )?(?:state party|member|party)|"
        r"member since|party since)\b",
        "uk": r"(?:стал[аио]? (?:\S+ )?(?:держав\w*[- ]учасниц\w*|член\w*|учасниц\w*|учасник\w*)|член\w* з|вступил\w*|"
        r"набу\w* членств\w*)",
        "ru": r"(?:стал[аио]? (?:\S+ )?(?:государств\w*[- ]участник\w*|член\w*|участниц\w*|участник\w*)|вступил\w*|"
        r"член\w* с )",
    }
)
WITHDRAW = _rx(
    {
        "en": r"\b(?:withdr[ae]w\w*|pull(?:ed|s|ing)? out|quit(?:s|ting)?|left|leav(?:e|es|ing)|"
        r"exit(?:ed|s|ing)?)\b",
        "uk": r"(?:вийш\w*|вихід\w*|виход\w*|вийти|вийде)",
        "ru": r"(?:вышл\w*|выш(?:ла|ли|ел)\b|выход\w*|выйти|выйдет)",
    }
)
# The same, stated as done: "withdrew", "has left", "вийшла", "вышли" (not the noun "withdrawal").
WITHDREW = _rx(
    {
        "en": r"\b(?:withdrew|withdrawn|pulled out|quit|left|exited)\b",
        "uk": r"\bвийш(?:ла|ли|ов)\b",
        "ru": r"\bвыш(?:ла|ли|ел)\b",
    }
)
RELATIVE = _rx(
    {
        "en": r"\b(?:that|which|who|others?)\s+(?:\w+\s+){0,2}$",
        "uk": r"\b(?:які|що|котрі)\s+(?:\w+\s+){0,2}$",
        "ru": r"\b(?:которые|что|кто)\s+(?:\w+\s+){0,2}$",
    }
)
PARLIAMENT = _rx(
    {
        "en": r"\b(?:parliament\w*|lawmakers|legislat\w*|MPs|deputies|Rada|Majlis|Congress|Senate|"
        r"National Assembly|Duma)\b",
        "uk": r"(?:парламент\w*|Верховн\w* Рад\w*|депутат\w*|законодав\w*|Меджліс\w*)",
        "ru": r"(?:парламент\w*|депутат\w*|Дум\w*|законодат\w*|Меджлис\w*)",
    }
)
NOT_ISSUE_DATE = _rx(
    {
        "en": r"\b(?:between|from|until|till|through|to|committed|and)\s+$",
        "uk": r"(?:\bміж|\bз|\bвід|\bдо|скоєн\w*|вчинен\w*|\bі|\bта)\s+$",
        "ru": r"(?:\bмежду|\bс|\bот|\bдо|\bпо|совершен\w*|\bи)\s+$",
    }
)
# Before a date that bounds a period rather than dating a trip: "the first country he visited since May 2024".
NOT_VISIT_DATE = _rx(
    {
        "en": r"\b(?:since|after|before|until|till)\s+(?:early\s+|late\s+|mid-?)?$",
        "uk": r"(?:\bвідтоді як|\bпісля|\bперед|\bаж до)\s+(?:початку\s+|кінця\s+)?$",
        "ru": r"(?:\bс тех пор как|\bначиная с|\bпосле|\bперед|\bвплоть до)\s+(?:начала\s+|конца\s+)?$",
    }
)

ARREST = _rx({"en": r"\barrest\w*", "uk": r"заарешт\w*|арешт\w*|затрима\w*", "ru": r"арест\w*|задерж\w*"})
MEMBER = _rx(
    {
        "en": r"\b(?:member|state party|states parties|party)\b",
        "uk": r"(?:член\w*|учасни\w*)",
        "ru": r"(?:член\w*|участни\w*)",
    }
)
INTENT = _rx(
    {
        "en": r"\b(?:announc\w*|intend\w*|intention|plan\w*|will|would|decid\w*|decision|threat\w*|vow\w*|"
        r"mov(?:e|ed|es|ing) to|process|could|may|might|consider\w*|begin|began|start\w*|notif\w*|"
        r"takes? effect|take effect)\b",
        "uk": r"(?:оголос\w*|оголош\w*|заяв\w*|намір\w*|план\w*|має намір|виріш\w*|рішення|погроз\w*|"
        r"процедур\w*|може|могла|розпоч\w*|почал\w*|повідоми\w*|набуде|набере|буде|стане)",
        "ru": r"(?:объяв\w*|заяв\w*|намер\w*|план\w*|реш\w*|угрож\w*|процедур\w*|может|могла|"
        r"начал\w*|уведоми\w*|вступит|будет|собира\w*|объявит|станет)",
    }
)
STATUTE = _rx(
    {
        "en": r"Rome Statute|International Criminal Court|\bICC\b|\bthe Court\b|\btreaty\b|\bthe [Ss]tatute\b|(?-i:\bStatute\b)",
        "uk": r"Римськ\w* статут\w*|\bстатут\w*|\bМКС\b|Міжнародн\w* кримінальн\w* суд\w*",
        "ru": r"Римск\w* (?:статут|устав)\w*|\bстатут\w*|\bМУС\b|Международн\w* уголовн\w* суд\w*",
    }
)
IT = _rx({"en": r"\bit\b", "uk": r"\bйого\b|\bнього\b", "ru": r"\bего\b|\bнего\b"})
SIGNATURE_WORD = _rx({"en": r"\bsignature\b|\bunsign\w*", "uk": r"підпис\w*", "ru": r"подпис\w*"})
SIGNATORY = _rx({"en": r"\bsignator(?:y|ies)\b", "uk": r"підписант\w*", "ru": r"подписант\w*"})
NOT_PARTY = _rx(
    {
        "en": r"\bnot (?:a |an )?(?:state )?(?:party|member|signatory)\b|\bnon-?(?:party|member)\b|"
        r"\bnever (?:ratified|joined|been a (?:party|member))",
        "uk": r"\bне (?:є )?(?:держав\w*[- ])?(?:учасни|член)\w*|\bне ратифік\w*|не приєдна\w*",
        "ru": r"\bне (?:является )?(?:государств\w*[- ])?(?:участни|член)\w*|\bне ратифи\w*|"
        r"не присоедин\w*",
    }
)
NEGATION = _rx(
    {
        "en": r"(?:\bnot|n't|\bnever|\byet to|\bno longer|\bfailed to|\bdid not|\bskipp\w*|"
        r"\bcancel\w*|\bcall\w* off|\bdeclin\w*|\bpostpon\w*)\W+(?:\w+\W+){0,3}$",
        "uk": r"(?:\bне|\bні|\bжодн\w*|скасува\w*|відмови\w*|відклав\w*)\W+(?:\w+\W+){0,3}$",
        "ru": r"(?:\bне|\bни|отмен\w*|отказа\w*|отлож\w*)\W+(?:\w+\W+){0,3}$",
    }
)
VISITED = _rx(
    {
        "en": r"\b(?:visit\w*|travel\w*|went to|trip\w*|arriv\w*|flew|landed|touched down|attend\w*|"
        r"journey\w*|stopped in|stayed in|was in)\b",
        "uk": r"(?:відвіда\w*|візит\w*|побува\w*|приїха\w*|прибу\w*|прилеті\w*|поїздк\w*|відвідин\w*|"
        r"\bїзди\w*|\bїздив\w*|поїха\w*|полеті\w*|вируши\w*)",
        "ru": r"(?:посети\w*|визит\w*|побыва\w*|приеха\w*|прибы\w*|прилете\w*|поездк\w*|посещ\w*|"
        r"\bездил\w*|поеха\w*|\bлетал\w*|полете\w*|отправи\w*)",
    }
)
WARRANT = _rx({"en": r"\bwarrants?\b", "uk": r"ордер\w*", "ru": r"ордер\w*"})
ISSUED = _rx(
    {
        "en": r"\b(?:issu\w*|sign\w* off|approv\w*|granted)\b",
        "uk": r"\bвида\w*|\bвидав\w*|\bвиписа\w*",
        "ru": r"\bвыда\w*|\bвыписа\w*",
    }
)
APPLIED = _rx(
    {
        "en": r"\b(?:appl(?:y|ied|ies|ication)|request\w*|sought|seek\w*|ask\w* for)\b",
        "uk": r"(?:запит\w*|клопота\w*|просив|запроси\w*)",
        "ru": r"(?:запрос\w*|ходатай\w*|просил)",
    }
)
ACCUSED = _rx(
    {
        "en": r"\b(?:charg\w*|accus\w*|suspect\w*|alleged\w*|for crimes|responsib\w*)\b",
        "uk": r"(?:обвинува\w*|звинувач\w*|підозр\w*|відповідальн\w*|злочин\w*)",
        "ru": r"(?:обвин\w*|подозр\w*|ответственн\w*|преступлен\w*)",
    }
)
PRONOUN = _rx(
    {
        "en": r"\b(?:he|she|him|his|her)\b",
        "uk": r"\b(?:він|вона|його|її|йому|ним|нього)\b",
        "ru": r"\b(?:он|она|его|её|ее|ему|ним|него)\b",
    }
)
THE_COUNTRY = _rx(
    {
        "en": r"\b(?:the|that|this) (?:country|nation|state)\b",
        "uk": r"\b(?:країн[аіиу]|держав[аіиу])\b",
        "ru": r"\b(?:стран[аеуы]|государств[оеау])\b",
    }
)
QUOTED = re.compile(r"[\"“«„][^\"”»“]{3,}[\"”»“]")
FIRST_TRIP = _rx(
    {
        "en": r"\bfirst (?:\w+ ){0,3}(?:trip|visit|journey|travel)\w*",
        "uk": r"\bперш\w* (?:\w+ ){0,3}(?:візит|поїздк|подорож|закордонн)\w*",
        "ru": r"\bперв\w* (?:\w+ ){0,3}(?:визит|поездк|путешеств|зарубежн|заграничн)\w*",
    }
)
FAILED_TO_ARREST = _rx(
    {
        "en": r"\b(?:fail\w* (?:to|in) (?:\w+ ){0,3}(?:arrest|comply|execute|surrender|hand)\w*|did not arrest|"
        r"didn't arrest|refus\w* to arrest|declin\w* to arrest|non-?compliance|defied|flout\w*|ignored the warrant|"
        r"(?:let|letting|allow\w*) (?:[\w-]+ ){1,3}(?:to )?(?:come and go|come|go|leave|enter|visit))",
        "uk": r"(?:не заарешту\w*|не заарештува\w*|не затрима\w*|не викона\w*|невиконан\w*|відмови\w* заарешт\w*|"
        r"дозволи\w* (?:\w+ ){1,3}(?:в['’]їхати|приїхати|виїхати|поїхати))",
        "ru": r"(?:не арестова\w*|не задерж\w*|не выполни\w*|невыполнен\w*|неисполнен\w*|отказа\w* арестов\w*|"
        r"позволи\w* (?:\w+ ){1,3}(?:въехать|приехать|уехать|выехать))",
    }
)
# A count of states parties: "124 member states", "123 держави-учасниці", "в 122 странах".
COUNT = _rx(
    {
        "en": r"(?<![\w.,])(\d{2,3})(?![\w.,]\d)\s+(?:(?:ICC|Rome Statute|other|member|signatory|participating|contracting)\s+)?"
        r"(?:member states?|states? parties|members|member countries|countries|nations|states|signatories)\b",
        "uk": r"(?<![\w.,])(\d{2,3})(?![\w.,]\d)\s+(?:\w+\s+)?(?:держав\w*|країн\w*|член\w*|учасни\w*)",
        "ru": r"(?<![\w.,])(\d{2,3})(?![\w.,]\d)\s+(?:\w+\s+)?(?:государств\w*|стран\w*|член\w*|участни\w*)",
    }
)
ROUGHLY = _rx(
    {
        "en": r"\b(?:more than|over|about|around|nearly|almost|some|roughly|approximately|at least|fewer than|"
        r"less than|up to|of the|of its)\s*$",
        "uk": r"(?:понад|більше|більш ніж|близько|майже|приблизно|щонайменше|менше|з|із|до)\s*$",
        "ru": r"(?:более|больше|свыше|около|почти|примерно|по меньшей мере|не менее|менее|меньше|из|до)\s*$",
    }
)
OTHER_COURT = re.compile(
    r"\bICJ\b|International Court of Justice|Міжнародн\w* суд\w* ООН|\bМС ООН|"
    r"Международн\w* суд\w* ООН|\bМеждународн\w* суд\w*(?! уголовн)",
    re.I,
)
COURT_FOR = re.compile(r"(?:tribunal|court|суд\w*|трибунал\w*)\s+(?:for|of|з|по|для)\s+(?:[\w-]+\s+){0,4}$", re.I)
UN_WORDS = re.compile(r"\b(?:UN|U\.N\.|United Nations|ООН)\b")
# An ordinal: "the 124th state party", "124-ю державою-учасницею", "125-м государством-участником".
ORDINAL = _rx(
    {
        "en": r"\b(\d{1,3})(?:st|nd|rd|th)\s+(?:\w+\s+)?(?:state party|states? parties|member|party|country|nation|state)\b",
        "uk": r"(?<!\w)(\d{1,3})-?(?:ю|й|ою|ій|им|ма|а|ого|ої)\s+(?:\w+\s+)?(?:держав\w*|країн\w*|член\w*|учасни\w*)",
        "ru": r"(?<!\w)(\d{1,3})-?(?:м|й|ю|ой|ым|го|ей)\s+(?:\w+\s+)?(?:государств\w*|стран\w*|член\w*|участни\w*)",
    }
)
# A Court's finding that a state failed to comply, and its referral to the body that may act on it.
FOUND = _rx(
    {
        "en": r"\b(?:found|finds|ruled|rules|held|concluded|determined|declared)\b(?:\s+\w+){0,8}?\s+"
        r"(?:fail\w*|breach\w*|violat\w*|non-?complian\w*|not compl\w*)|\bnon-?compliance\b|"
        r"\bfinding\w* of non\w*|\b(?:breached|violated) (?:its|their) (?:obligations|duty)",
        "uk": r"(?:визна\w*|встанови\w*|постанови\w*|ухвали\w*|дійш\w* висновку)(?:\s+\S+){0,8}?\s+"
        r"(?:порушил\w*|порушен\w*|не викона\w*|невиконан\w*)|\bневиконан\w* (?:\S+ )?зобов|"
        r"\bпорушил\w* (?:\S+ )?зобов",
        "ru": r"(?:призна\w*|установи\w*|постанови\w*|пришл\w* к выводу)(?:\s+\S+){0,8}?\s+"
        r"(?:нарушил\w*|нарушен\w*|не выполни\w*|невыполнен\w*|неисполнен\w*)|\bневыполнен\w* (?:\S+ )?обязат|"
        r"\bнарушил\w* (?:\S+ )?обязат",
    }
)
REFERRED = _rx(
    {
        "en": r"\brefer(?:red|s|ring|ral)?\b",
        "uk": r"передал\w*|переда(?:ти|ння|ла|в)\b|направи\w*|переда\w* (?:справу|питання)",
        "ru": r"переда(?:л|ла|ли|ть|ча|чу)\w*|направи\w*",
    }
)
BODIES = {
    "unsc": re.compile(r"Security Council|\bUNSC\b|Рад\w* Безпеки|Радбез\w*|Совет\w* Безопасности|Совбез\w*", re.I),
    "asp": re.compile(r"Assembly of (?:the )?States Parties|\bASP\b|Асамбле\w* держав|Ассамбле\w* государств", re.I),
}
# Words naming a crime, and the words a warrant's charges use for it.
CRIME_WORDS = {
    "genocide": (r"genocid\w*|геноцид\w*", ("genocide",)),
    "deportation": (
        r"deport\w*|депорт\w*|unlawful transfer\w*|незаконн\w* переміщ\w*|незаконн\w* перемещ\w*|"
        r"викрад\w*|похищ\w*",
        ("deport", "transfer"),
    ),
    "starvation": (r"starv\w*|голод\w*", ("starv",)),
    "rape": (r"\brape\w*|зґвалт\w*|згвалт\w*|изнасил\w*|sexual violence|сексуальн\w* насил\w*", ("rape", "sexual")),
    "torture": (r"tortur\w*|катуван\w*|тортур\w*|пыт(?:ки|ок|ками|ках)\b", ("tortur",)),
}


def _find(patterns: dict, language: str, text: str):
    return patterns.get(language, patterns["en"]).search(text)


def _finditer(patterns: dict, language: str, text: str):
    return patterns.get(language, patterns["en"]).finditer(text)


# --- dates ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class When:
    """A date as precise as the text gives it; `inferred` when the year came from the article's date."""

    start: int
    end: int
    year: int
    month: int | None = None
    day: int | None = None
    inferred: bool = False
    # for a date whose year came from the article's ("in March", "on 7 March"), every year that puts it
    # within twelve months of the article's date: the text does not say which, so any of them is read
    years: tuple[int, ...] = ()

    def matches(self, day: date | None) -> bool:
        return (
            day is not None
            and day.year in (self.years or (self.year,))
            and self.month in (None, day.month)
            and (self.day in (None, day.day))
        )

    def within(self, first: date | None, last: date | None) -> bool:
        """Whether the text's date, at its own precision, falls in [first, last]."""
        if first is None:
            return False
        last = last or first
        for year in self.years or (self.year,):
            lower = (year, self.month or 1, self.day or 1)
            upper = (year, self.month or 12, self.day or 31)
            if lower <= (last.year, last.month, last.day) and (first.year, first.month, first.day) <= upper:
                return True
        return False

    def label(self) -> str:
        if self.day and self.month:
            return f"{self.year}-{self.month:02d}-{self.day:02d}"
        return f"{self.year}-{self.month:02d}" if self.month else str(self.year)


@lru_cache(maxsize=16)
def _locale_words(language: str, keys: tuple[str, ...]) -> dict[str, int]:
    """Words for `keys` (month or weekday names) from dateparser's locale data, for the language and
    English, each numbered from 1 in the order of `keys`."""
    from dateparser.languages.loader import default_loader

    names: dict[str, int] = {}
    for code in dict.fromkeys((language, "en")):
        try:
            info = default_loader.get_locale(code).info
        except (KeyError, ValueError):
            continue
        for number, key in enumerate(keys, start=1):
            for name in info.get(key, []):
                names[name.casefold().rstrip(".")] = number
    return names


def _month_names(language: str) -> dict[str, int]:
    """Month names and abbreviations, for the language and English."""
    return _locale_words(language, MONTH_KEYS)


# A year named from the article's: "last year", "торік", "в прошлом году", "this year".
RELATIVE_YEAR = re.compile(
    r"\b(?:last year|(?:минулого|попереднього) року|торік|(?:в|у) (?:минулому|прошлом) году|прошлого года|"
    r"(?P<this>this year|цього року|цьогоріч|в этом году|этого года))\b",
    re.I,
)
LAST = re.compile(r"(?:\blast|\bминулого|\bминулому|\bпрошлого|\bпрошлом)\s*$", re.I)
LAST_YEAR_AFTER = re.compile(r"^\s*(?:минулого|прошлого)\s+(?:року|года)", re.I)
INTRO = re.compile(
    r"(?:\b(?:in|on|since|until|by|from|of|в|у|з|с|до|від|от|по|last|this|минулого|прошлого|early|late|mid|"
    r"початку|кінці|середині|начале|конце|середине)\s*|^\s*)$",
    re.I,
)


def _month(token: str, language: str) -> int | None:
    names = _month_names(language)
    lower = token.casefold()
    if lower in names and (token[:1].isupper() or not lower.isascii()):
        return names[lower]
    if not lower.isascii():
        for form in _normaliser.forms(token, language):
            if form in names and len(form) > 4:
                return names[form]
    return None


def dates_in(text: str, language: str, on: date | None) -> list[When]:
    """The dates a sentence states, in order: full dates, months (with the year from the article's
    date when it gives none) and bare years ("in 2016", "у 2000 році", "в 2003-м")."""
    tokens = list(WORD.finditer(text))
    found, used = [], set()
    for i, token in enumerate(tokens):
        month = _month(token.group(), language)
        if month is None:
            continue
        before, after = tokens[i - 1] if i else None, tokens[i + 1] if i + 1 < len(tokens) else None
        day = None
        start, end = token.start(), token.end()
        if (
            before is not None
            and before.group().isdigit()
            and 1 <= int(before.group()) <= 31
            and token.start() - before.end() <= 2
        ):
            day, start = int(before.group()), before.start()
            used.add(i - 1)
        elif (
            after is not None
            and after.group().isdigit()
            and len(after.group()) <= 2
            and 1 <= int(after.group()) <= 31
            and after.start() - token.end() <= 3
        ):
            day, end = int(after.group()), after.end()
            used.add(i + 1)
        year = None
        for j in range(i + 1, min(i + 5, len(tokens))):
            if j in used:
                continue
            if YEAR.match(tokens[j].group()):
                year, end = int(tokens[j].group()), tokens[j].end()
                used.add(j)
                break
            if _month(tokens[j].group(), language):
                break
        if year is None and day is None and not INTRO.search(text[max(0, start - 12) : start]):
            continue  # a lone month name with nothing around it ("may", "лист"): not a date
        inferred = False
        if year is None:
            if on is None:
                continue
            inferred = True
            if LAST_YEAR_AFTER.match(text[end : end + 20]):
                year = on.year - 1  # "в марте прошлого года"
            elif LAST.search(text[max(0, start - 12) : start]):
                year = on.year - 1 if month >= on.month else on.year  # "last March": the latest March before
            else:  # the nearest such date to the article's, before or after it ("on 3 September")
                year = min(
                    (on.year - 1, on.year, on.year + 1),
                    key=lambda y: abs((date(y, month, min(day or 15, 28)) - on).days),
                )
        used.add(i)
        years = ()
        if (
            inferred
            and not LAST_YEAR_AFTER.match(text[end : end + 20])
            and not LAST.search(text[max(0, start - 12) : start])
        ):
            years = tuple(
                y
                for y in (on.year - 1, on.year, on.year + 1)
                if abs((date(y, month, min(day or 15, 28)) - on).days) <= 366
            )
        found.append(When(start, end, year, month, day, inferred, years))
    if on is not None:
        for match in RELATIVE_YEAR.finditer(text):
            if any(0 <= match.start() - w.end <= 2 for w in found):
                continue  # "в марте прошлого года": the month's year, read with the month
            offset = 0 if match.group("this") else -1
            found.append(When(match.start(), match.end(), on.year + offset))
    for j, token in enumerate(tokens):
        if j not in used and YEAR.match(token.group()):
            prefix = text[max(0, token.start() - 1) : token.start()]
            if prefix in ("/", "-", "‑") or (token.end() < len(text) and text[token.end()] in "/"):
                continue  # part of a reference number (ICC-01/22), not a year
            found.append(When(token.start(), token.end(), int(token.group())))
    return sorted(found, key=lambda w: w.start)


# kept for callers that want (month, year) pairs
def month_years(text: str, language: str, default_year: int) -> list[tuple[int | None, int]]:
    """(month, year) pairs a sentence names: 'September 2023', 'у вересні 2023 року', 'Oct. 8'."""
    on = date(default_year, 12, 31) if default_year else None
    return [(w.month, w.year) for w in dates_in(text, language, on)]


# --- clauses: which date belongs to which verb ------------------------------------------------------------

CLAUSE_BREAK = re.compile(
    r"[;:—–]|,\s+(?:(?:and|but|while|whereas|which|who|а|але|і|й|та|проте|однак|но|и|"
    r"однако|который|которая|которое|которые|який|яка|яке|які)\b)?|\(|\)"
)


def _clauses(sentence: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in CLAUSE_BREAK.finditer(sentence):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(sentence)))
    return spans


def _clause_of(position: int, clauses) -> int:
    return next((n for n, (a, b) in enumerate(clauses) if a <= position < b + 1), len(clauses) - 1)


# A clause that places its verb relative to another time ("a year after the Court issued", "після того
# як", "спустя год после"): a date opening the sentence is not that verb's.
RELATIVE_TIME = re.compile(
    r"\b(?:after|before|since|until|ago|later|earlier|once|після|перед|відтоді|тому|після того|"
    r"после|перед|спустя|назад|с тех пор)\b",
    re.I,
)
WHEN = re.compile(r"^\s*(?:when|коли|когда)\b", re.I)


def _dates_for(verb, dates: list[When], verbs: list, sentence: str) -> list[When]:
    """The dates that belong to `verb`: those in its clause; or, for a sentence that opens with a
    date ("On 5 May 2000, ...", "In September 2023, ..."), that date for the first verb after it,
    unless its clause sets it apart ("In 2024, a year after the Court issued its warrant, ...")."""
    clauses = _clauses(sentence)
    mine = _clause_of(verb.start(), clauses)
    own = [d for d in dates if _clause_of(d.start, clauses) == mine]
    if own:
        return own
    first_verb = min((v.start() for v in verbs), default=None)
    if mine > 0 and WHEN.match(sentence[clauses[mine][0] : verb.start()]):
        before = [d for d in dates if _clause_of(d.start, clauses) == mine - 1]
        if before:
            return before[-1:]  # "since May 2024, when the Court issued warrants": May 2024 is the issue date
    # the clauses before the verb's, when they hold a date and little else: "On 5 May 2000,", "У вівторок, 25 червня,"
    head_end = clauses[mine - 1][1] if mine > 0 else 0
    opening = [d for d in dates if d.start < head_end]
    lead = sentence[:head_end]
    for d in sorted(opening, key=lambda d: d.start, reverse=True):
        lead = lead[: d.start] + lead[d.end :]
    if (
        opening
        and mine != 0
        and len(WORD.findall(lead)) <= 3
        and first_verb == verb.start()
        and not any(v.start() < head_end for v in verbs)
        and not RELATIVE_TIME.search(sentence[clauses[mine][0] : verb.start()])
    ):
        return opening
    return []


def _negated(language: str, sentence: str, position: int) -> bool:
    return bool(_find(NEGATION, language, sentence[max(0, position - 40) : position]))


def _quoted(sentence: str, position: int) -> bool:
    return any(m.start() <= position < m.end() for m in QUOTED.finditer(sentence))


# --- the check ------------------------------------------------------------------------------------------


def _sources(*facts) -> list[dict]:
    """The record's best sources for a flag (primary first, never an unusable copy), per fact."""
    seen = {}
    for fact in facts:
        if fact is None:
            continue
        for source in sourcing.best(fact.sources):
            seen.setdefault(source.key, {"key": source.key, "title": source.title, "url": source.url})
    return list(seen.values())


def _confirmed(fact) -> bool:
    """Whether a record meets the sourcing rule (a flag naming a state or a person as such rests on no
    sourced claim about it)."""
    return isinstance(fact, (State, Person)) or fact.confirmed


def _flag(kind, claimed, correct, correction, facts, severity="error", **extra) -> dict:
    """A flag. It is an error only on records that meet the sourcing rule: a record below it may itself be
    wrong, so contradicting it makes a note, marked `unconfirmed`, for the editor to check."""
    facts = [f for f in facts if f is not None]
    unconfirmed = [f for f in facts if not _confirmed(f)]
    if unconfirmed and severity == "error":
        severity = "note"
    if unconfirmed:
        correction += " " + _(
            "The record this rests on does not yet meet the sourcing rule: check it before correcting."
        )
    return {
        "kind": kind,
        "claimed": str(claimed)[:200],
        "correct": (str(correct)[:200] if correct else None),
        "correction": correction,
        "sources": _sources(*facts),
        "severity": severity,
        "facts": [f"{type(f).__name__.lower()}:{f.pk}" for f in facts],
        "unconfirmed": [f"{type(f).__name__.lower()}:{f.pk}" for f in unconfirmed],
        **extra,
    }


class _Record:
    """The facts an article's claims are checked against, read once per analysis."""

    def __init__(self, analysis: Analysis):
        self.analysis = analysis
        person_ids = {m.entity for m in analysis.mentions if m.kind == PERSON}
        state_ids = {m.entity for m in analysis.mentions if m.kind == STATE}
        self.persons = Person.objects.in_bulk(person_ids)
        self.states = State.objects.prefetch_related(
            "treaty_events__citations__source",
            "aliases",
            "sc_obligations",
            "findings__citations__source",
            "findings__visits",
        ).in_bulk(state_ids)
        self._warrants: dict[int, list] = {}
        self._visits: dict[int, list] = {}
        self._all_states = None
        self._counts: dict[date, int] = {}

    def main_person(self) -> list:
        """The person a sentence with no name is about: the article's most salient, else the only wanted
        person it names."""
        salient = [self.persons[p] for p in self.analysis.persons[:1] if p in self.persons]
        return salient or (list(self.persons.values()) if len(self.persons) == 1 else [])

    def warrants(self, person):
        if person.pk not in self._warrants:
            self._warrants[person.pk] = [
                w for w in person.warrants.for_rules().prefetch_related("citations__source") if w.issued
            ]
        return self._warrants[person.pk]

    def visits(self, person):
        if person.pk not in self._visits:
            self._visits[person.pk] = list(
                Visit.objects.filter(person=person).select_related("state").prefetch_related("citations__source")
            )
        return self._visits[person.pk]

    def parties_on(self, on: date) -> int:
        """How many states were parties to the Rome Statute on a day, counted from the data."""
        if self._all_states is None:
            self._all_states = list(State.objects.prefetch_related("treaty_events"))
        if on not in self._counts:
            self._counts[on] = sum(s.membership_on(on).state_party for s in self._all_states)
        return self._counts[on]

    def loose_counts(self, on: date) -> set[int]:
        """Counts a careful reporter may still give on a day: with the states that have deposited but
        are not parties yet (the depositary lists them from the deposit), and without those whose
        notified withdrawal has not taken effect yet."""
        self.parties_on(on)
        deposited = sum(
            not s.membership_on(on).state_party
            and any(e.kind == "deposit" and e.date <= on for e in s.treaty_events.all())
            and s.membership_on(on + timedelta(days=92)).state_party
            for s in self._all_states
        )
        leaving = sum(
            bool(m.state_party and m.withdrawal_notified and m.withdrawal_notified <= on)
            for m in (s.membership_on(on) for s in self._all_states)
        )
        count = self.parties_on(on)
        return {count + deposited, count - leaving} - {count}


ASIDE = re.compile(
    r"(?:\bunlike|\blike|\bas did|\bas does|\balong with|\btogether with|\bin contrast to|на відміну від|"
    r"\bяк і|подібно до|разом з|в отличие от|\bкак и|подобно|вместе с)\s+(?:the\s+)?$",
    re.I,
)


class _Sentence:
    def __init__(self, text, language, on, part, start, end, found, record, analysis, last_state, previous):
        self.text, self.language, self.on, self.part = text, language, on, part
        self.start, self.end, self.record, self.analysis = start, end, record, analysis
        self.previous = previous
        self.state_mentions = [
            (m.start - start, record.states[m.entity])
            for m in found
            if m.kind == STATE and m.entity in record.states and m.alias_kind != "demonym"
        ]
        self.state_spans = [
            (m.start - start, m.end - start, record.states[m.entity].pk)
            for m in found
            if m.kind == STATE and m.entity in record.states and m.alias_kind != "demonym"
        ]
        self.person_mentions = [
            (m.start - start, record.persons[m.entity])
            for m in found
            if m.kind == PERSON and m.entity in record.persons
        ]
        self.last_state = last_state
        self.dates = dates_in(text, language, on)
        if (
            not self.state_mentions
            and last_state is not None
            and (_find(THE_COUNTRY, language, text) or _find(STATUTE, language, text))
        ):
            self.state_mentions = [(-1, last_state)]  # "the country", or a clause with its subject left out

    @property
    def states(self):
        return list(dict.fromkeys(s for _p, s in self.state_mentions))

    def persons(self, fallback=True):
        explicit = list(dict.fromkeys(p for _p, p in self.person_mentions))
        if explicit or not fallback:
            return explicit
        if _find(PRONOUN, self.language, self.text) or _find(WARRANT, self.language, self.text):
            return self.record.main_person()
        return []

    def _aside(self, p: int) -> bool:
        """A state named in an aside set against the subject: "Ukraine, unlike Russia, ratified ..."."""
        return p >= 0 and bool(ASIDE.search(self.text[max(0, p - 30) : p]))

    def subject_state(self, position: int):
        """The state a verb at `position` is about: the nearest named before it (not in an aside such as
        "unlike Russia"), else after it."""
        before = [(p, s) for p, s in self.state_mentions if p <= position and not self._aside(p)]
        if before:
            return before[-1][1]
        after = [(p, s) for p, s in self.state_mentions if p > position]
        return after[0][1] if after else None

    def statute(self) -> bool:
        return bool(
            _find(STATUTE, self.language, self.text)
            or (_find(IT, self.language, self.text) and self.previous and _find(STATUTE, self.language, self.previous))
        )

    def severity(self, position: int) -> str:
        """An error, unless the claim is quoted speech, or the clause names several states before the
        verb that are not one list ("Since Mongolia and then Tajikistan ratified it in ..."): which one it
        is about is then a guess."""
        if _quoted(self.text, position):
            return "note"
        clauses = _clauses(self.text)
        start = clauses[_clause_of(position, clauses)][0] if position >= 0 else 0
        before = [(a, b, pk) for a, b, pk in self.state_spans if start <= a < position]
        if len({pk for _a, _b, pk in before}) < 2:
            return "error"
        # several states: one subject when they are one list ("Мали, Нигер и Буркина-Фасо вышли")
        listed = all(LIST_JOIN.match(self.text[left[1] : right[0]]) for left, right in zip(before, before[1:]))
        return "error" if listed else "note"


def check_claims(parts: dict[str, str], analysis: Analysis, language: str, on: date) -> list[dict]:
    record = _Record(analysis)
    by_sentence: dict = {}
    for m in analysis.mentions:
        by_sentence.setdefault((m.part, m.sentence), []).append(m)
    homes = {s for p in record.persons for s in analysis.home_states.get(p, ())}
    claims = []
    with translation.override(language):
        last_state = None
        for part, text in parts.items():
            if not text:
                continue
            previous = ""
            for index, (start, end) in enumerate(sentence_spans(text)):
                sentence = text[start:end]
                found = by_sentence.get((part, index), [])
                context = _Sentence(
                    sentence, language, on, part, start, end, found, record, analysis, last_state, previous
                )
                seen = set()
                for check in CHECKS:
                    for claim in check(context) or ():
                        marker = (claim["kind"], claim["claimed"])
                        if marker in seen:
                            continue
                        seen.add(marker)
                        claim.update(sentence=sentence.strip(), part=part, start=start, end=end)
                        claims.append(claim)
                named = [
                    record.states[m.entity]
                    for m in found
                    if m.kind == STATE
                    and m.entity in record.states
                    and m.alias_kind != "demonym"
                    and m.entity not in homes
                ]
                if named:
                    last_state = named[-1]
                previous = sentence
    return claims


DOCUMENT = _rx(
    {
        "en": r"\b(?:order|decree|law|bill|agreement|accord|deal|declaration|memorandum|treaty on|letter|statement)\b",
        "uk": r"\b(?:указ\w*|закон\w*|угод\w*|декрет\w*|меморандум\w*|лист\w*|заяв\w*|розпорядженн\w*)",
        "ru": r"\b(?:указ\w*|закон\w*|соглашени\w*|декрет\w*|меморандум\w*|письм\w*|заявлени\w*|распоряжени\w*)",
    }
)
DID_SO = _rx(
    {
        "en": r"\b(?:did|done|doing) (?:so|it|that)\b",
        "uk": r"\bзроби\w* (?:\w+ )?(?:це|так)\b",
        "ru": r"\bсдела\w* (?:\w+ )?(?:это|так)\b",
    }
)


def _treaty_claims(c: _Sentence):
    if not c.statute() or not c.state_mentions:
        return
    verbs = [("signature", m) for m in _finditer(SIGN, c.language, c.text)]
    verbs += [("deposit", m) for m in _finditer(RATIFY, c.language, c.text)]
    verbs += [("join", m) for m in _finditer(JOIN, c.language, c.text)]
    # "did so in 2002", "зробила вона це у 2002 році": the verb before it, again
    for proverb in _finditer(DID_SO, c.language, c.text):
        earlier = [(k, m) for k, m in verbs if m.end() <= proverb.start()]
        if earlier:
            verbs.append((max(earlier, key=lambda km: km[1].start())[0], proverb))
    matches = [m for _k, m in verbs]
    for kind, verb in verbs:
        state = c.subject_state(verb.start())
        if state is None:
            continue
        if kind == "signature" and _find(DOCUMENT, c.language, c.text[max(0, verb.start() - 40) : verb.end() + 25]):
            continue  # "an executive order that Putin signed": another document, not the Statute
        name = state.name_in(c.language)
        events = state.treaty_events.all()
        signature = next((e for e in events if e.kind == "signature"), None)
        deposits = [e for e in events if e.kind == "deposit"]
        negated = _negated(c.language, c.text, verb.start())
        if negated:
            if kind == "signature":
                yield from _never_signed(c, verb, state)
                continue
            if _find(SIGNATURE_WORD, c.language, c.text[verb.end() : verb.end() + 20]):
                continue
            done = [e for e in deposits if e.date <= c.on]
            if done and state.membership_on(c.on).state_party:
                yield _flag(
                    f"treaty_{kind}",
                    _("not ratified"),
                    done[0].date.isoformat(),
                    _("%(state)s deposited its instrument of %(instrument)s of the Rome Statute on %(date)s.")
                    % {"state": name, "instrument": INSTRUMENTS[done[0].instrument](), "date": long_date(done[0].date)},
                    [done[0]],
                    c.severity(verb.start()),
                )
            continue
        dates = [d for d in _dates_for(verb, c.dates, matches, c.text) if not d.inferred]
        if (
            kind == "join"
            and not dates
            and not _find(INTENT, c.language, c.text[max(0, verb.start() - 40) : verb.end()])
        ):
            early = _joined_early(c, state, verb.start())
            if early:
                yield early
        if not dates:
            continue
        if (
            kind == "deposit"
            and _find(PARLIAMENT, c.language, c.text)
            and not verb.group().casefold().startswith(("deposit", "acced", "access"))
        ):
            continue  # a parliament's vote to ratify comes before the deposit that counts
        if kind == "signature":
            if signature is None or any(d.matches(signature.date) for d in dates):
                continue  # no signature recorded: the record is silent
            yield _flag(
                "treaty_signature",
                dates[0].label(),
                signature.date.isoformat(),
                _("%(state)s signed the Rome Statute on %(date)s.")
                % {"state": name, "date": long_date(signature.date)},
                [signature],
                c.severity(verb.start()),
            )
            continue
        if not deposits:
            yield _flag(
                "treaty_deposit",
                dates[0].label(),
                None,
                _("%(state)s has not ratified or acceded to the Rome Statute.") % {"state": name},
                [signature or state],
                c.severity(verb.start()),
            )
            continue
        membership = state.membership_on(max(c.on, deposits[-1].date))
        accepted = [e.date for e in deposits]
        if kind == "join":
            accepted += [membership.entry_into_force] if membership.entry_into_force else []
        if any(d.matches(day) for d in dates for day in accepted):
            continue
        event = min(deposits, key=lambda e: abs(e.date.year - dates[0].year))
        # "ratified in August 2024" for a deposit of 25 October 2024: the domestic act (a parliament's vote,
        # the president's signature) months before the deposit. Loose wording, not a wrong date.
        domestic = (
            kind == "deposit"
            and dates[0].month is not None
            and not verb.group().casefold().startswith(("deposit", "acced", "access"))
            and 0 <= (event.date - date(dates[0].year, dates[0].month, dates[0].day or 1)).days <= 184
        )
        correction = _("%(state)s deposited its instrument of %(instrument)s of the Rome Statute on %(date)s.") % {
            "state": name,
            "instrument": INSTRUMENTS[event.instrument](),
            "date": long_date(event.date),
        }
        if kind == "join" and membership.entry_into_force:
            correction += " " + _("The Statute entered into force for it on %(date)s.") % {
                "date": long_date(membership.entry_into_force)
            }
        if domestic:
            correction += " " + _(
                "A ratification counts from the deposit of its instrument, not from the vote before it."
            )
        yield _flag(
            f"treaty_{kind}",
            dates[0].label(),
            event.date.isoformat(),
            correction,
            [event],
            "note" if domestic else c.severity(verb.start()),
        )


NEVER = _rx({"en": r"\bnever\b", "uk": r"\bніколи\b", "ru": r"\bникогда\b"})
# "... never signed it, like China or the United States", "так само, як Китай чи Сполучені Штати"
ALIKE = _rx(
    {
        "en": r"\b(?:like|as did|nor did|as have|as has|just as|and neither)\b",
        "uk": r"(?:так само,? як|як і|подібно до)",
        "ru": r"(?:так же,? как|как и|подобно)",
    }
)


def _never_signed(c: _Sentence, verb, subject):
    """ "Never signed the Rome Statute" of a state that did sign it (the United States on 31 December
    2000, Russia on 13 September 2000, whatever it did with the signature later), and of the states
    likened to it in the same sentence. "Never" makes it an error; a plain "did not sign" a note."""
    states = [subject]
    alike = _find(ALIKE, c.language, c.text[verb.end() :])
    if alike:
        states += [s for p, s in c.state_mentions if p >= verb.end() + alike.start()]
    severity = c.severity(verb.start())
    if not _find(NEVER, c.language, c.text[max(0, verb.start() - 30) : verb.start()]):
        severity = "note"
    for state in dict.fromkeys(states):
        signature = next((e for e in state.treaty_events.all() if e.kind == "signature"), None)
        if signature is None or signature.date > c.on:
            continue
        yield _flag(
            "treaty_signature",
            _("never signed"),
            signature.date.isoformat(),
            _("%(state)s signed the Rome Statute on %(date)s.")
            % {"state": state.name_in(c.language), "date": long_date(signature.date)},
            [signature],
            severity,
        )


NOT_SIGNATORY = _rx(
    {
        "en": r"\b(?:not|never been) (?:a )?signator(?:y|ies)\b|\bnon-?signator(?:y|ies)\b|\bneither signed\b",
        "uk": r"\bне (?:є )?(?:підписант\w*|підписал\w* (?:Римськ\w* )?статут\w*)",
        "ru": r"\bне (?:является )?(?:подписант\w*|подписал\w* (?:Римск\w* )?(?:статут|устав)\w*)",
    }
)


def _not_signatory_claims(c: _Sentence):
    """ "Not a signatory" of a state that signed the Statute and never ratified it: a note. (Several
    signatories later told the depositary they do not intend to become parties, which the record does not
    hold as an event, so this is never an error.)"""
    match = _find(NOT_SIGNATORY, c.language, c.text)
    if not match or not (c.statute() or (c.previous and _find(STATUTE, c.language, c.previous))):
        return
    for position, state in c.state_mentions:
        if position < 0 or position > match.start() or state.membership_on(c.on).state_party:
            continue
        signature = next((e for e in state.treaty_events.all() if e.kind == "signature"), None)
        if signature is None or signature.date > c.on:
            continue
        yield _flag(
            "treaty_signature",
            _("not a signatory"),
            signature.date.isoformat(),
            _("%(state)s signed the Rome Statute on %(date)s but has not ratified it.")
            % {"state": state.name_in(c.language), "date": long_date(signature.date)},
            [signature],
            "note",
        )


def _withdrawal_claims(c: _Sentence):
    if not _find(STATUTE, c.language, c.text) or _find(SIGNATURE_WORD, c.language, c.text):
        return
    verbs = list(_finditer(WITHDRAW, c.language, c.text))
    for verb in verbs:
        state = c.subject_state(verb.start())
        if state is None or _negated(c.language, c.text, verb.start()):
            continue
        name = state.name_in(c.language)
        events = list(state.treaty_events.all())
        deposits = [e for e in events if e.kind == "deposit"]
        intention = bool(_find(INTENT, c.language, c.text[max(0, verb.start() - 60) : verb.end() + 15]))
        if not deposits:
            signature = next((e for e in events if e.kind == "signature"), None)
            correction = _(
                "%(state)s has never been a party to the Rome Statute, so it has nothing to withdraw from."
            ) % {"state": name}
            if signature is not None:
                correction += " " + _("It signed the Statute on %(date)s but never ratified it.") % {
                    "date": long_date(signature.date)
                }
            yield _flag(
                "withdrawal",
                _("withdrawal"),
                _("never a party"),
                correction,
                [signature or state],
                c.severity(verb.start()),
            )
            continue
        done = _find(WITHDREW, c.language, verb.group())
        if intention or not done or _find(RELATIVE, c.language, c.text[max(0, verb.start() - 30) : verb.start()]):
            continue
        dates = _dates_for(verb, c.dates, verbs, c.text)
        when = dates[0] if dates else None
        as_of = c.on
        membership = state.membership_on(as_of)
        announced = [e for e in events if e.kind == "withdrawal_announced" and e.date <= as_of]
        if membership.withdrawal_effective and membership.withdrawal_effective <= as_of:
            effective, notified = membership.withdrawal_effective, membership.withdrawal_notified
            if when is None or when.matches(effective):
                continue
            severity = "note" if notified and when.matches(notified) else c.severity(verb.start())
            yield _flag(
                "withdrawal",
                when.label(),
                effective.isoformat(),
                _(
                    "%(state)s notified its withdrawal from the Rome Statute on %(notified)s; it took effect on "
                    "%(effective)s."
                )
                % {"state": name, "notified": long_date(notified), "effective": long_date(effective)},
                deposits,
                severity,
            )
        elif membership.withdrawal_notified:
            yield _flag(
                "withdrawal",
                _("withdrawn"),
                _("withdrawal pending"),
                _(
                    "%(state)s notified its withdrawal from the Rome Statute on %(notified)s; it takes effect on "
                    "%(effective)s, and until then %(state)s remains a state party."
                )
                % {
                    "state": name,
                    "notified": long_date(membership.withdrawal_notified),
                    "effective": long_date(membership.withdrawal_effective),
                },
                deposits,
                "note",
            )
        elif membership.state_party:
            correction = _(
                "%(state)s was a state party to the Rome Statute on %(date)s: a withdrawal takes effect "
                "one year after the UN Secretary-General receives its written notification, and none "
                "is recorded."
            ) % {"state": name, "date": long_date(as_of)}
            if announced:
                correction += " " + _("%(state)s announced its intention to withdraw on %(announced)s.") % {
                    "state": name,
                    "announced": long_date(announced[-1].date),
                }
            yield _flag(
                "withdrawal",
                _("withdrawn"),
                _("state party"),
                correction,
                announced + deposits,
                c.severity(verb.start()),
            )


# A notice period other than the Statute's one year (Art. 127(1)): "a two-year notice period",
# "через два роки після повідомлення", "шестимесячный срок".
NOTICE = _rx(
    {
        "en": r"\b(?:two|three|2|3)[- ]years?[- ](?:notice|waiting) period\b|\bnotice period of (?:two|three|2|3) years\b|"
        r"\b(?:six|6|eighteen|18)[- ]months?[- ](?:notice|waiting) period\b",
        "uk": r"\b(?:дворічн|трирічн|шестимісячн)\w* (?:\S+ )?(?:термін|період|строк)\w*|"
        r"\bчерез (?:два|три) роки після (?:повідомлен|отриман)\w*|\bчерез (?:шість|6) місяців після (?:повідомлен|отриман)\w*",
        "ru": r"\b(?:двухлетн|трехлетн|трёхлетн|шестимесячн)\w* (?:\S+ )?(?:срок|период)\w*|"
        r"\bчерез (?:два|три) года после (?:уведомлен|получен)\w*|\bчерез (?:шесть|6) месяцев после (?:уведомлен|получен)\w*",
    }
)


def _notice_claims(c: _Sentence):
    """A withdrawal's notice period given as anything but one year."""
    match = _find(NOTICE, c.language, c.text)
    if not match:
        return
    candidates = c.states or ([c.last_state] if c.last_state is not None else [])
    for state in candidates:
        membership = state.membership_on(c.on)
        if not (membership.withdrawal_notified and membership.withdrawal_effective):
            continue
        notified = next((e for e in state.treaty_events.all() if e.kind == "withdrawal_notified"), None)
        yield _flag(
            "withdrawal_notice",
            match.group(),
            _("one year"),
            _(
                "A withdrawal takes effect one year after the UN Secretary-General receives its notification "
                "(Art. 127(1)): %(state)s notified it on %(notified)s and it took effect on %(effective)s."
            )
            % {
                "state": state.name_in(c.language),
                "notified": long_date(membership.withdrawal_notified),
                "effective": long_date(membership.withdrawal_effective),
            },
            [notified or state],
            c.severity(match.start()),
        )
        return


# "Enters into force 60 days after the deposit": Art. 126(2) says the first day of the month after the
# sixtieth day following it.
SIXTY_DAYS = _rx(
    {
        "en": r"\b(?:60|sixty) days (?:after|following|from)\b",
        "uk": r"\b(?:60|шістдесят) днів (?:після|від|з)\b",
        "ru": r"\b(?:60|шестьдесят) дней (?:после|с|от)\b",
    }
)


def _sixty_days_claims(c: _Sentence):
    match = _find(SIXTY_DAYS, c.language, c.text)
    if not match or not (c.statute() or (c.previous and _find(STATUTE, c.language, c.previous))):
        return
    state = c.subject_state(match.start()) or c.last_state
    if state is None:
        return
    deposit = next((e for e in state.treaty_events.all() if e.kind == "deposit"), None)
    force = entry_into_force(deposit.date) if deposit else None
    if force is None:
        return
    yield _flag(
        "entry_into_force",
        match.group(),
        force.isoformat(),
        _(
            "The Statute enters into force for a state on the first day of the month after the sixtieth day "
            "following its deposit (Art. 126(2)): for %(state)s, deposit on %(deposit)s, in force on %(force)s."
        )
        % {"state": state.name_in(c.language), "deposit": long_date(deposit.date), "force": long_date(force)},
        [deposit],
        "note",
    )


def _membership_claims(c: _Sentence):
    states = c.states
    if not states or not _find(STATUTE, c.language, c.text):
        return
    if len(states) == 1:
        state = states[0]
        name = state.name_in(c.language)
        membership = state.membership_on(c.on)
        deposit = next((e for e in state.treaty_events.all() if e.kind == "deposit"), None)
        facts = [deposit or state]
        not_party = _find(NOT_PARTY, c.language, c.text)
        if not_party and membership.state_party and not _find(SIGNATORY, c.language, c.text[not_party.start() :]):
            yield _flag(
                "membership",
                _("not a party"),
                _("party"),
                _("%(state)s was a state party on %(date)s (instrument deposited on %(deposit)s).")
                % {"state": name, "date": long_date(c.on), "deposit": long_date(membership.deposit)},
                facts,
                c.severity(not_party.start()),
            )
        signatory = _find(SIGNATORY, c.language, c.text)
        if signatory and membership.state_party and not not_party:
            yield _flag(
                "membership",
                _("signatory"),
                _("party"),
                _(
                    "%(state)s is not merely a signatory: it has been a state party since %(since)s (instrument "
                    "deposited on %(deposit)s), which is what binds it to arrest."
                )
                % {
                    "state": name,
                    "since": long_date(membership.entry_into_force),
                    "deposit": long_date(membership.deposit),
                },
                facts,
                "note",
            )
    for match in _finditer(ORDINAL, c.language, c.text):
        state = c.subject_state(match.start())
        if state is None:
            continue
        claimed = int(match.group(1))
        future = _find(INTENT, c.language, c.text[max(0, match.start() - 40) : match.start()])
        early = None if future else _joined_early(c, state, match.start())
        if early:
            yield early
            continue
        membership = state.membership_on(max(c.on, date(2002, 7, 1)))
        if not membership.entry_into_force:
            continue
        rank = c.record.parties_on(membership.entry_into_force)
        if claimed != rank:
            deposit = next((e for e in state.treaty_events.all() if e.kind == "deposit"), None)
            yield _flag(
                "membership_rank",
                claimed,
                rank,
                _(
                    "%(state)s became state party number %(rank)s when the Statute entered into force for it on "
                    "%(date)s (counted from the recorded deposits and withdrawals)."
                )
                % {"state": state.name_in(c.language), "rank": rank, "date": long_date(membership.entry_into_force)},
                [deposit or state],
                c.severity(match.start()),
            )


def _joined_early(c: _Sentence, state, position: int) -> dict | None:
    """ "Became a member", "joined", "the 125th member", said on a day the state was not yet a party:
    a parliament's vote or a signature is not the deposit, and membership starts when the Statute
    enters into force for the state."""
    if state.membership_on(c.on).state_party:
        return None
    deposits = [e for e in state.treaty_events.all() if e.kind == "deposit"]
    later = [e for e in deposits if e.date > c.on] or deposits
    name = state.name_in(c.language)
    if not later:
        return _flag(
            "membership",
            _("member"),
            _("not a party"),
            _("%(state)s was not a state party to the Rome Statute on %(date)s.")
            % {"state": name, "date": long_date(c.on)},
            [state],
            c.severity(position),
        )
    event = later[0]
    force = entry_into_force(event.date)
    correction = _(
        "%(state)s was not yet a state party on %(date)s: it deposited its instrument of %(instrument)s on %(deposit)s."
    ) % {
        "state": name,
        "date": long_date(c.on),
        "instrument": INSTRUMENTS[event.instrument](),
        "deposit": long_date(event.date),
    }
    if force:
        correction += " " + _("The Statute entered into force for it on %(date)s.") % {"date": long_date(force)}
    return _flag("membership", _("member"), _("not yet a party"), correction, [event], c.severity(position))


AT_THE_TIME = _rx(
    {
        "en": r"\b(?:at the time|back then|by then|at that time)\b",
        "uk": r"\b(?:на той час|на той момент|тоді)\b",
        "ru": r"\b(?:на тот момент|на то время|тогда)\b",
    }
)


def _count_claims(c: _Sentence):
    if not (
        _find(STATUTE, c.language, c.text) or _find(WARRANT, c.language, c.text) or _find(ARREST, c.language, c.text)
    ):
        return
    for match in _finditer(COUNT, c.language, c.text):
        if _find(ROUGHLY, c.language, c.text[max(0, match.start() - 20) : match.start()]):
            continue
        if UN_WORDS.search(match.group()) or UN_WORDS.search(c.text[match.end() : match.end() + 12]):
            continue
        claimed = int(match.group(1))
        if not 60 <= claimed <= 200:
            continue
        clause = _clauses(c.text)[_clause_of(match.start(), _clauses(c.text))]
        if _find(SIGN, c.language, c.text[clause[0] : clause[1]]) or _find(SIGNATORY, c.language, match.group()):
            continue  # "137 states signed it": signatories, not parties
        # the count on the day its own clause gives, else on the article's date; a day elsewhere in the
        # sentence ("The warrant, issued on 17 March 2023, obliges the 124 member states") may be meant too
        clauses = _clauses(c.text)
        exact = [d for d in c.dates if d.day and not d.inferred]
        own = [d for d in exact if _clause_of(d.start, clauses) == _clause_of(match.start(), clauses)]
        on = date(own[0].year, own[0].month, own[0].day) if own else c.on
        count = c.record.parties_on(on)
        days = [on] + ([] if own else [date(d.year, d.month, d.day) for d in exact])
        if _find(AT_THE_TIME, c.language, c.text):
            continue  # "at the time, 123 countries": a count of another day the sentence does not give
        if all(claimed != c.record.parties_on(day) for day in days):
            loose = claimed in c.record.loose_counts(on)
            yield _flag(
                "states_parties_count",
                claimed,
                count,
                _(
                    "On %(date)s there were %(count)s states parties to the Rome Statute (counted from the recorded "
                    "deposits, entries into force and withdrawals)."
                )
                % {"date": long_date(on), "count": count},
                [],
                "note" if loose else c.severity(match.start()),
            )


def _visit_claims(c: _Sentence):
    verbs = list(_finditer(VISITED, c.language, c.text))
    persons = c.persons()
    if not verbs or len(persons) != 1 or not c.states:
        return
    person = persons[0]
    for verb in verbs:
        state = c.subject_state(verb.end() + 200) if len(c.states) > 1 else c.states[0]
        after = [s for p, s in c.state_mentions if p >= verb.start()]
        state = after[0] if after else state
        if state is None:
            continue
        dates = [
            d
            for d in _dates_for(verb, c.dates, verbs, c.text)
            if not _find(NOT_VISIT_DATE, c.language, c.text[max(0, d.start - 16) : d.start])
        ]
        if not dates:
            continue
        recorded = [v for v in c.record.visits(person) if v.state_id == state.pk]
        visits = [v for v in recorded if v.first_day]
        if not visits or len(visits) < len(recorded):
            continue  # no visit recorded, or one without its dates: the record is silent
        negated = _negated(c.language, c.text, verb.start())
        matching = [v for v in visits for d in dates if d.within(v.first_day, v.last_day)]
        name, state_name = person.name_in(c.language), state.name_in(c.language)
        if matching:
            visit = matching[0]
            if visit.status == Visit.Status.CANCELLED and not negated:
                yield _flag(
                    "visit_date",
                    dates[0].label(),
                    _("cancelled"),
                    _("%(person)s did not travel to %(state)s on %(dates)s: the visit was cancelled.")
                    % {"person": name, "state": state_name, "dates": period(visit.planned_start, visit.planned_end)},
                    [visit],
                    c.severity(verb.start()),
                )
            elif negated and visit.status == Visit.Status.COMPLETED and visit.start:
                yield _flag(
                    "visit_date",
                    _("no visit"),
                    visit.start.isoformat(),
                    _("%(person)s's recorded visit to %(state)s was on %(dates)s.")
                    % {"person": name, "state": state_name, "dates": period(visit.start, visit.end)},
                    [visit],
                    c.severity(verb.start()),
                )
            continue
        if negated:
            continue
        claimed = dates[0]
        nearest = min(
            visits,
            key=lambda v: abs(v.first_day.year * 12 + v.first_day.month - claimed.year * 12 - (claimed.month or 6)),
        )
        first = nearest.first_day
        if abs(first.year * 12 + first.month - claimed.year * 12 - (claimed.month or first.month)) > 18:
            continue  # far from every recorded visit: another trip the record does not hold, not a misdating
        yield _flag(
            "visit_date",
            claimed.label(),
            first.isoformat(),
            _("%(person)s's recorded visit to %(state)s was on %(dates)s.")
            % {"person": name, "state": state_name, "dates": visit_dates(nearest)},
            [nearest],
            c.severity(verb.start()),
        )


def _warrant_claims(c: _Sentence):
    warrant_word = _find(WARRANT, c.language, c.text)
    if not warrant_word:
        return
    for person in c.persons():
        warrants = c.record.warrants(person)
        if not warrants:
            continue
        name = person.name_in(c.language)
        verbs = list(_finditer(ISSUED, c.language, c.text))
        for verb in verbs:
            dates = _dates_for(verb, c.dates, verbs, c.text)
            dates = [
                d
                for d in dates
                if not _find(APPLIED, c.language, c.text[max(0, d.start - 40) : d.start])
                and not _find(NOT_ISSUE_DATE, c.language, c.text[max(0, d.start - 20) : d.start])
            ]
            if not dates or _negated(c.language, c.text, verb.start()):
                continue
            if any(d.matches(w.issued) for d in dates for w in warrants):
                continue
            public = [w for w in warrants if w.made_public and any(d.matches(w.made_public) for d in dates)]
            if public:  # the day it was announced, not the day it was issued: loose wording
                yield _flag(
                    "warrant_date",
                    dates[0].label(),
                    public[0].issued.isoformat(),
                    _("The warrant for %(person)s was issued on %(date)s and made public on %(public)s.")
                    % {"person": name, "date": long_date(public[0].issued), "public": long_date(public[0].made_public)},
                    [public[0]],
                    "note",
                )
                break
            first = min(warrants, key=lambda w: abs(w.issued.year - dates[0].year))
            yield _flag(
                "warrant_date",
                dates[0].label(),
                first.issued.isoformat(),
                _("The warrant for %(person)s was issued on %(date)s.")
                % {"person": name, "date": long_date(first.issued)},
                [first],
                c.severity(verb.start()),
            )
            break


def _charge_claims(c: _Sentence):
    if not (_find(WARRANT, c.language, c.text) or _find(ACCUSED, c.language, c.text)):
        return
    for person in c.persons():
        warrants = c.record.warrants(person)
        charges = [ch for w in warrants for ch in w.charges.all()]
        if not charges:
            continue
        text = " ".join(f"{ch.crime} {ch.summary}".casefold() for ch in charges)
        listed = "; ".join(dict.fromkeys(ch.crime for ch in charges))
        cues = [m.start() for m in _finditer(ACCUSED, c.language, c.text)] + [
            m.start() for m in _finditer(WARRANT, c.language, c.text)
        ]
        for crime, (pattern, stems) in CRIME_WORDS.items():
            match = re.search(pattern, c.text, re.I)
            if not match or any(s in text for s in stems) or _negated(c.language, c.text, match.start()):
                continue
            if (
                OTHER_COURT.search(c.text)
                or not any(0 <= match.start() - cue <= 80 for cue in cues)
                or COURT_FOR.search(c.text[max(0, match.start() - 60) : match.start()])
            ):
                continue  # another court's case (South Africa v. Israel at the ICJ), or not what he is charged with
            yield _flag(
                "warrant_charges",
                crime,
                listed,
                _("The warrants for %(person)s do not charge %(crime)s; they charge: %(charges)s.")
                % {"person": person.name_in(c.language), "crime": _(crime), "charges": listed},
                warrants,
                c.severity(match.start()),
            )


def _failure_claims(c: _Sentence):
    """States said to have failed to arrest a person, where the record shows they had no duty to."""
    cue = _find(FAILED_TO_ARREST, c.language, c.text) or (
        c.previous and _find(FAILED_TO_ARREST, c.language, c.previous)
    )
    if not cue or _find(NOT_PARTY, c.language, c.text):
        return
    persons = c.persons() or c.record.main_person()
    if len(persons) != 1:
        return
    person = persons[0]
    warrants = c.record.warrants(person)
    if not warrants:
        return
    for position, state in c.state_mentions:
        if position < 0 or state.pk in c.analysis.home_states.get(person.pk, ()):
            continue
        visits = [v for v in c.record.visits(person) if v.state_id == state.pk and v.first_day]
        days = [v.first_day for v in visits] or [c.on]
        if any(verdicts.verdict(person, state, day, warrants=warrants).obliged for day in days):
            continue
        if any(e.kind == "deposit" for e in state.treaty_events.all()) or state.sc_obligations.all():
            continue  # a party at some time, or bound by the Security Council: not contradicted outright
        yield _flag(
            "failure_to_arrest",
            state.name_in(c.language),
            _("not obliged"),
            _(
                "%(state)s is not a party to the Rome Statute and no Security Council resolution binds it to cooperate "
                "with the Court, so the Statute did not oblige it to arrest %(person)s."
            )
            % {"state": state.name_in(c.language), "person": person.name_in(c.language)},
            [state],
            "error",
        )


def _finding_claims(c: _Sentence):
    """A Court finding about a state: its date ("in October the Court found that Mongolia had failed to
    comply") and the body it referred the matter to ("referred Mongolia to the UN Security Council").
    Dates that are a visit's (the trip the finding is about) or an appeal's are not the finding's."""
    found = list(_finditer(FOUND, c.language, c.text))
    referred = list(_finditer(REFERRED, c.language, c.text))
    if not (found or referred) or not c.state_mentions:
        return
    for cue in found + referred:
        if _negated(c.language, c.text, cue.start()):
            continue
        state = c.subject_state(cue.start())
        findings = [f for f in state.findings.all() if f.date <= c.on] if state is not None else []
        if not findings:
            continue  # the record holds no finding on this state: it is silent
        name = state.name_in(c.language)
        if cue in referred:
            bodies = [key for key, words in BODIES.items() if words.search(c.text, cue.end(), cue.end() + 160)]
            made = {f.referral for f in findings if f.result == Finding.Result.NON_COMPLIANCE}
            # A referral to the Security Council is recorded where the Council referred the situation; the
            # Court may then have told the Assembly too, which one recorded value cannot say. So only "the
            # Council" where the record says "the Assembly", or any body where it says "none", is wrong.
            if len(bodies) != 1 or not made or not made <= {Finding.Referral.NONE, Finding.Referral.ASP}:
                continue
            if bodies[0] in made or (bodies[0] == "asp" and Finding.Referral.ASP in made):
                continue
            finding = max(findings, key=lambda f: f.date)
            correct = wording.REFERRALS.get(finding.referral)
            correction = (
                _("On %(date)s the Court referred %(state)s's failure to comply to %(body)s.")
                % {"date": long_date(finding.date), "state": name, "body": correct()}
                if correct
                else _("On %(date)s the Court found that %(state)s had failed to comply, but did not refer the matter.")
                % {"date": long_date(finding.date), "state": name}
            )
            yield _flag(
                "finding_referral",
                wording.REFERRALS[bodies[0]](),
                correct() if correct else _("no referral"),
                correction,
                [finding],
                c.severity(cue.start()),
            )
            continue
        dates = _dates_for(cue, c.dates, found + referred, c.text)
        other_days = [v for f in findings for v in f.visits.all()]
        dates = [
            d
            for d in dates
            if not any(d.within(v.first_day, v.last_day) for v in other_days if v.first_day)
            and not any(f.appeal_date and d.matches(f.appeal_date) for f in findings)
        ]
        if not dates or any(d.matches(f.date) for d in dates for f in findings):
            continue
        finding = min(findings, key=lambda f: abs(f.date.year - dates[0].year))
        yield _flag(
            "finding_date",
            dates[0].label(),
            finding.date.isoformat(),
            _("The Court's finding that %(state)s had failed to comply is dated %(date)s.")
            % {"state": name, "date": long_date(finding.date)},
            [finding],
            c.severity(cue.start()),
        )


# A title before a wanted person's name: "President Netanyahu", "Прем'єр Нетаньягу", "премьер-министр".
OFFICE_TITLES = {
    "president": (
        re.compile(r"(?<![-\w])(?i:president|президент\w*)\s+(?:[A-ZА-ЯІЇЄҐ][\w'’-]*\s+){0,2}$"),
        lambda: _("president"),
    ),
    "prime minister": (
        re.compile(
            r"(?:\b(?i:prime minister|premier)|\bPM|(?i:прем['’]єр\w*(?:-міністр\w*)?|премьер\w*(?:-министр\w*)?))\s+"
            r"(?:[A-ZА-ЯІЇЄҐ][\w'’-]*\s+){0,2}$"
        ),
        lambda: _("prime minister"),
    ),
}
NOT_OFFICE = re.compile(r"(?:vice|deputy|віце|заступник|вице|заместител)\W*\w*\s*(?:\S+\s+){0,3}$", re.I)


def _office_claims(c: _Sentence):
    """A wanted person given a title he never held: "President Netanyahu" for the prime minister."""
    for position, person in c.person_mentions:
        before = c.text[max(0, position - 40) : position]
        for key, (pattern, label) in OFFICE_TITLES.items():
            if not pattern.search(before) or NOT_OFFICE.search(before):
                continue
            offices = list(person.offices.all())
            titles = [o.title.casefold() for o in offices]
            if not offices or any(t.startswith(key) or f" {key}" in t for t in titles):
                continue
            held = [o for o in offices if (o.start is None or o.start <= c.on) and (o.end is None or c.on <= o.end)]
            held_keys = [k for k in OFFICE_TITLES if any((o.title.casefold().startswith(k)) for o in held)]
            yield _flag(
                "office",
                label(),
                held[0].title if held else offices[-1].title,
                _("%(person)s has never held the office of %(claimed)s; the record gives: %(held)s.")
                % {
                    "person": person.name_in(c.language),
                    "claimed": label(),
                    "held": OFFICE_TITLES[held_keys[0]][1]() if held_keys else (held or offices)[-1].title,
                },
                [person],
                c.severity(position),
            )


BY_PROSECUTOR = _rx(
    {
        "en": r"\bwarrants?\b[^.;]{0,40}\bissued by (?:the )?(?:[\w']+ ){0,5}prosecutor\b|"
        r"\bprosecutor\b[^.;]{0,30}\bissued (?:an |the |two |arrest )*warrants?\b",
        "uk": r"\bордер\w*[^.;]{0,40}\bвида\w* (?:\S+ ){0,3}прокурор\w*|\bпрокурор\w*[^.;]{0,30}\bвида\w* (?:\S+ )?ордер",
        "ru": r"\bордер\w*[^.;]{0,40}\bвыда\w* (?:\S+ ){0,3}прокурор\w*|\bпрокурор\w*[^.;]{0,30}\bвыда\w* (?:\S+ )?ордер",
    }
)


def _prosecutor_claims(c: _Sentence):
    """ "Warrants issued by the prosecutor": the judges of a Pre-Trial Chamber issue them (Art. 58)."""
    match = _find(BY_PROSECUTOR, c.language, c.text)
    if not match or _negated(c.language, c.text, match.start()):
        return
    persons = c.persons() or c.record.main_person()
    warrants = [w for p in persons[:1] for w in c.record.warrants(p)]
    yield _flag(
        "warrant_issuer",
        _("issued by the Prosecutor"),
        _("issued by a Pre-Trial Chamber"),
        _(
            "Arrest warrants are issued by the Court's judges (a Pre-Trial Chamber) on the Prosecutor's "
            "application, not by the Prosecutor (Art. 58)."
        ),
        warrants[:1],
        c.severity(match.start()),
    )


IN_CUSTODY = _rx(
    {
        "en": r"\b(?:is|are|remains?|now) (?:\w+ )?(?:in (?:the )?(?:court's |court |ICC |the Hague's )?custody|under arrest|"
        r"behind bars|in detention)\b",
        "uk": r"\b(?:перебуває|знаходиться|сидить) (?:\S+ )?(?:під вартою|під арештом|у СІЗО|у в['’]язниці|ув['’]язненні)",
        "ru": r"\b(?:находится|пребывает|сидит) (?:\S+ )?(?:под стражей|под арестом|в СИЗО|в тюрьме|в заключении)",
    }
)


def _custody_claims(c: _Sentence):
    """A wanted person said to be in custody while his warrant is unexecuted."""
    match = _find(IN_CUSTODY, c.language, c.text)
    if not match or _negated(c.language, c.text, match.start() + 4):
        return
    persons = [p for pos, p in c.person_mentions if pos < match.start()]
    if len(set(persons)) != 1 or _find(INTENT, c.language, c.text[max(0, match.start() - 40) : match.end()]):
        return
    person = persons[0]
    warrants = c.record.warrants(person)
    if not warrants or not person.sought_on(c.on, warrants):
        return
    first = min(warrants, key=lambda w: w.issued)
    yield _flag(
        "custody",
        _("in custody"),
        _("at large"),
        _("%(person)s is at large: the Court's warrant of %(date)s has not been executed.")
        % {"person": person.name_in(c.language), "date": long_date(first.issued)},
        warrants,
        c.severity(match.start()),
    )


WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekday_names(language: str) -> dict[str, int]:
    """Weekday names (Monday = 0), whole words only: "вт" and "mon" are other words too."""
    return {name: n - 1 for name, n in _locale_words(language, WEEKDAY_KEYS).items() if len(name) >= 5}


def _weekday_claims(c: _Sentence):
    """A weekday and a date that disagree: "Tuesday, September 8" in a year when the 8th was a Monday."""
    names = _weekday_names(c.language)
    for token in WORD.finditer(c.text):
        forms = {token.group().casefold(), *_normaliser.forms(token.group(), c.language)}
        weekday = next((names[f] for f in forms if f in names), None)
        if weekday is None:
            continue
        near = [d for d in c.dates if d.day and d.month and 0 <= d.start - token.end() <= 4]
        if not near:
            continue
        when = near[0]
        # the year nearest the article's date: "Tuesday, September 8" in a September 2025 article is 2025
        days = [date(when.year, when.month, when.day)] if _valid(when.year, when.month, when.day) else []
        if not days or any(d.weekday() == weekday for d in days):
            continue
        day = min(days, key=lambda d: abs((d - c.on).days))
        yield _flag(
            "weekday",
            token.group(),
            weekday_name(day),
            _("%(date)s was a %(weekday)s.") % {"date": long_date(day), "weekday": weekday_name(day)},
            [],
            "note",
        )


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _first_trip_claims(c: _Sentence):
    match = _find(FIRST_TRIP, c.language, c.text)
    if not match or not _find(WARRANT, c.language, c.text):
        return
    persons = c.persons() or c.record.main_person()
    if len(persons) != 1:
        return
    person = persons[0]
    warrants = c.record.warrants(person)
    if not warrants:
        return
    issued = min(w.issued for w in warrants)
    states = c.states or [c.record.states[s] for _p, s in c.analysis.pairs[:1] if s in c.record.states]
    if not states:
        return
    trips = [v for v in c.record.visits(person) if v.start and v.status != Visit.Status.CANCELLED]
    this = [v for v in trips if v.state_id == states[0].pk]
    if not this:
        return
    current = min(this, key=lambda v: abs((v.start - c.on).days))
    earlier = sorted(
        (v for v in trips if issued <= v.start < current.start and v.state_id != current.state_id),
        key=lambda v: v.start,
    )
    if _find(MEMBER, c.language, c.text):  # "his first visit to an ICC member state"
        earlier = [v for v in earlier if v.state.membership_on(v.start).state_party]
    if earlier:
        trip = earlier[0]
        yield _flag(
            "first_trip",
            _("first trip since the warrant"),
            trip.start.isoformat(),
            _("%(person)s had already travelled abroad since the warrant: to %(state)s on %(dates)s.")
            % {
                "person": person.name_in(c.language),
                "state": trip.state.name_in(c.language),
                "dates": period(trip.start, trip.end),
            },
            [trip],
            c.severity(match.start()),
        )


CHECKS = (
    _treaty_claims,
    _withdrawal_claims,
    _membership_claims,
    _count_claims,
    _visit_claims,
    _warrant_claims,
    _charge_claims,
    _failure_claims,
    _first_trip_claims,
    _finding_claims,
    _notice_claims,
    _not_signatory_claims,
    _sixty_days_claims,
    _office_claims,
    _prosecutor_claims,
    _custody_claims,
    _weekday_claims,
)
