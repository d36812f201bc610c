"""The sentences boxes are made of, in the reader's language (gettext), from rule codes and facts.

The rules explain themselves in English for editors and scripts; readers get these sentences, which
say the same thing in their language.
"""

import functools
from datetime import date

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .. import rules

# Crimes by the article of the Rome Statute that defines them, so a charge reads in any language.
CRIMES_BY_ARTICLE = {
    "6": gettext_noop("genocide"),
    "7(1)(a)": gettext_noop("murder as a crime against humanity"),
    "7(1)(b)": gettext_noop("extermination"),
    "7(1)(d)": gettext_noop("deportation or forcible transfer of population"),
    "7(1)(e)": gettext_noop("imprisonment or severe deprivation of liberty"),
    "7(1)(f)": gettext_noop("torture as a crime against humanity"),
    "7(1)(g)": gettext_noop("rape and other sexual violence as crimes against humanity"),
    "7(1)(h)": gettext_noop("persecution"),
    "7(1)(i)": gettext_noop("enforced disappearance"),
    "7(1)(k)": gettext_noop("other inhumane acts"),
    "8(2)(a)(i)": gettext_noop("wilful killing"),
    "8(2)(a)(ii)": gettext_noop("torture or inhuman treatment"),
    "8(2)(a)(iv)": gettext_noop("extensive destruction and appropriation of property"),
    "8(2)(a)(vii)": gettext_noop("unlawful deportation and transfer"),
    "8(2)(b)(i)": gettext_noop("attacks against civilians"),
    "8(2)(b)(ii)": gettext_noop("attacks against civilian objects"),
    "8(2)(b)(iv)": gettext_noop("excessive incidental harm to civilians"),
    "8(2)(b)(viii)": gettext_noop("deportation or transfer of the population of an occupied territory"),
    "8(2)(b)(xxv)": gettext_noop("starvation of civilians as a method of warfare"),
    "8(2)(c)(i)": gettext_noop("murder as a war crime"),
    "8(2)(c)(ii)": gettext_noop("outrages upon personal dignity"),
    "8(2)(e)(i)": gettext_noop("attacks against civilians"),
    "8(2)(e)(iv)": gettext_noop("attacks against protected objects"),
    "8(2)(e)(v)": gettext_noop("pillaging"),
    "8(2)(e)(vi)": gettext_noop("rape and other sexual violence as war crimes"),
    "8(2)(e)(vii)": gettext_noop("conscripting or using children in hostilities"),
}
# Court names as the data gives them, translated for readers.
COURT_NAMES = [gettext_noop("International Criminal Court"), gettext_noop("ICC")]
CLAIMED_CRIMES = [
    gettext_noop("genocide"),
    gettext_noop("deportation"),
    gettext_noop("starvation"),
    gettext_noop("rape"),
    gettext_noop("torture"),
]


def court_name(court) -> str:
    """The full name in English; elsewhere the translated abbreviation, which needs no declension."""
    if translation.get_language() in (None, "en"):
        return court.name
    translated = _(court.code)
    return translated if translated != court.code else _(court.name)


def crime_label(article: str, fallback: str) -> str:
    key = (article or "").replace("Art.", "").replace("article", "").strip().split(" ")[0]
    for candidate in (key, key.split("(")[0]):
        if candidate in CRIMES_BY_ARTICLE:
            return _(CRIMES_BY_ARTICLE[candidate])
    return fallback


# The languages boxes are written in (each has a catalogue); a box asked for in any other is in English.
BOX_LANGUAGES = ("en", "uk", "ru")


def box_language(code: str | None) -> str:
    """`code` ("ru", "ru-RU", "uk") as a language boxes are written in; English when there is none."""
    code = (code or "").split("-")[0].split("_")[0].lower()
    return code if code in BOX_LANGUAGES else "en"


def long_date(value: date | None) -> str:
    if not value:
        return _("date unknown")
    text = date_format(value, "j E Y")
    # Russian writes a full date with "года" (8 октября 2025 года); the month is already in the genitive.
    return f"{text} года" if (translation.get_language() or "").startswith("ru") else text


def period(start: date | None, end: date | None) -> str:
    if start and end and start != end:
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{long_date(end)}"
        return f"{long_date(start)} – {long_date(end)}"
    return long_date(start or end)


def weekday_name(day: date) -> str:
    """The day of the week in the active language: "Monday", "понеділок"."""
    return date_format(day, "l")


def visit_dates(visit) -> str:
    """A visit's days as the record has them: actual, else planned; a visit known only from a documented
    day there says so ("on 7 April 2025; arrival and departure not confirmed")."""
    if visit.start:
        return period(visit.start, visit.end)
    if visit.planned_start:
        return period(visit.planned_start, visit.planned_end)
    if visit.present_on:
        return _("there on %(date)s; arrival and departure not confirmed") % {"date": long_date(visit.present_on)}
    return ""


INSTRUMENTS = {
    "ratification": lambda: _("ratification"),
    "acceptance": lambda: _("acceptance"),
    "approval": lambda: _("approval"),
    "accession": lambda: _("accession"),
    "succession": lambda: _("succession"),
}


def membership_sentence(state: str, membership, on: date) -> str:
    p = {
        "state": state,
        "date": long_date(on),
        "deposit": long_date(membership.deposit),
        "since": long_date(membership.entry_into_force),
        "notified": long_date(membership.withdrawal_notified),
        "effective": long_date(membership.withdrawal_effective),
    }
    status = membership.status
    codes = {r.code: r for r in membership.reasons}
    if status == "party" and "party_by_succession" in codes:
        p["notified"] = long_date(codes["party_by_succession"].params["notified"])
        return (
            _(
                "On %(date)s %(state)s was a state party to the Rome Statute by succession: it notified its "
                "succession on %(notified)s and is bound from the date of succession, %(since)s."
            )
            % p
        )
    if "instrument_withdrawn" in codes:
        params = codes["instrument_withdrawn"].params
        p.update(deposit=long_date(params["deposit"]), withdrawn=long_date(params["withdrawn"]))
        return (
            _(
                "On %(date)s %(state)s was not a party to the Rome Statute: it deposited an instrument on "
                "%(deposit)s but withdrew it on %(withdrawn)s, before it took effect, so it never became a "
                "party."
            )
            % p
        )
    if status == "party":
        return (
            _(
                "On %(date)s %(state)s was a state party to the Rome Statute: it deposited its instrument on "
                "%(deposit)s, and the Statute has bound it since %(since)s."
            )
            % p
        )
    if status == "withdrawal_pending":
        return (
            _(
                "On %(date)s %(state)s was still a state party: it notified its withdrawal on %(notified)s, "
                "which takes effect on %(effective)s."
            )
            % p
        )
    if status == "withdrawn":
        return (
            _(
                "On %(date)s %(state)s was no longer a state party: its withdrawal, notified on %(notified)s, "
                "took effect on %(effective)s."
            )
            % p
        )
    if status == "deposited":
        return (
            _(
                "On %(date)s %(state)s had deposited its instrument (%(deposit)s), but the Statute only binds "
                "it from %(since)s."
            )
            % p
        )
    if status == "signatory":
        return (
            _("On %(date)s %(state)s had signed the Rome Statute but not ratified it, so it was not a state party.") % p
        )
    return _("On %(date)s %(state)s was not a party to the Rome Statute.") % p


def obligation_sentence(state: str, person: str, obliged: bool, basis: str, on: date) -> str:
    # The person is the object of "arrest": Ukrainian declines the name (заарештувати Володимира Путіна).
    p = {"state": state, "person": object_name(person), "date": long_date(on)}
    if not obliged:
        return _("%(state)s was not obliged under the Rome Statute to arrest %(person)s on %(date)s.") % p
    return {
        "state_party": _(
            "%(state)s was obliged to arrest and surrender %(person)s to the Court on %(date)s "
            "(Rome Statute, Art. 86 and 89(1)); official capacity is no bar (Art. 27)."
        ),
        "surviving_obligation": _(
            "%(state)s remained obliged to cooperate on %(date)s, because the warrant was "
            "issued while it was a party (Art. 127(2))."
        ),
        "security_council": _(
            "%(state)s was obliged to arrest %(person)s on %(date)s by a Security Council "
            "resolution, though it is not a party."
        ),
        "article_12_3": _(
            "%(state)s was obliged to cooperate on %(date)s under its declaration accepting the "
            "Court's jurisdiction (Art. 12(3))."
        ),
    }.get(basis, _("%(state)s was obliged to arrest %(person)s on %(date)s.")) % p


CAVEATS = {
    "warrant_sealed": lambda: _("The warrant was still sealed; it was made public on %(made_public)s."),
    "withdrawal_announced": lambda: _(
        "Its government had announced a withdrawal on %(announced)s, which has no "
        "legal effect until it is notified to the UN Secretary-General."
    ),
    "declaration_12_3": lambda: _(
        "It had accepted the Court's jurisdiction by a declaration of %(lodged)s; "
        "that gives jurisdiction, not membership."
    ),
}


def caveat_sentence(code: str, params: dict) -> str | None:
    if code not in CAVEATS:
        return None
    return CAVEATS[code]() % {k: long_date(v) if isinstance(v, date) else v for k, v in params.items()}


WARRANT_STATUS = {
    "at_large": lambda: _("at large"),
    "in_custody": lambda: _("in custody"),
    "surrendered": lambda: _("surrendered to the Court"),
    "deceased": lambda: _("deceased"),
    "withdrawn": lambda: _("warrant withdrawn"),
    "convicted": lambda: _("convicted"),
    "sentenced": lambda: _("convicted and sentenced"),
    "acquitted": lambda: _("acquitted"),
}
# Statuses in which the person is no longer sought: no box, page or list may call them wanted.
NOT_SOUGHT = rules.obligation.NOT_SOUGHT
REFERRALS = {"asp": lambda: _("the Assembly of States Parties"), "unsc": lambda: _("the UN Security Council")}
# A finding whose referral the Chamber deferred: said in full, so no reader takes it for a referral.
REFERRAL_DEFERRED = lambda: _(", and deferred its decision on a referral.")  # noqa: E731
APPEALS = {
    "pending": lambda: _("An appeal is pending."),
    "leave_refused": lambda: _("Leave to appeal was refused."),
    "dismissed": lambda: _("The finding was upheld on appeal."),
    "reversed": lambda: _("On appeal, the referral was reversed."),
    "partly_reversed": lambda: _("It was partly reversed on appeal."),
}
OUTCOMES = {
    "not_arrested": lambda: _("not arrested"),
    "arrested": lambda: _("arrested"),
    "surrendered": lambda: _("surrendered"),
    "released": lambda: _("arrested, then released"),
}


# Names as objects of a verb. Ukrainian declines personal names; the sentences take them in the
# accusative. pymorphy3 knows most given names and many surnames; a surname it does not know as a
# person's is declined by the grammar's rules for its ending, and a name that does not decline
# (Нетаньягу, Дутерте, Коні) is left as it is.
_UK_VOWELS = set("аеєиіїоуюяАЕЄИІЇОУЮЯ")


@functools.lru_cache(maxsize=2048)
def _uk_accusative(name: str) -> str:
    from ..matcher.gazetteer import _analyser

    morph = _analyser("uk")
    words = name.split()
    feminine = None
    for word in words[:1]:
        given = [p for p in morph.parse(word) if "nomn" in p.tag and "anim" in p.tag and p.tag.gender]
        feminine = given[0].tag.gender == "femn" if given else None
    if feminine is None:  # a name the dictionary does not know as a person's: leave it be
        return name
    return " ".join("-".join(_uk_word_accusative(part, morph, feminine) for part in word.split("-")) for word in words)


def _uk_word_accusative(word: str, morph, feminine: bool) -> str:
    if not word or not word[0].isupper():  # "аль-" and the like
        return word
    gender = "femn" if feminine else "masc"
    for parse in morph.parse(word):
        tag = parse.tag
        if "nomn" in tag and "anim" in tag and tag.gender == gender and ({"Name", "Surn", "Patr"} & tag.grammemes):
            if "Fixd" in tag:
                return word
            inflected = parse.inflect({"accs"})
            if inflected:
                form = inflected.word
                return form[:1].upper() + form[1:]
    lower = word.lower()
    if feminine:
        for ending, accusative in (
            ("ська", "ську"),
            ("цька", "цьку"),
            ("ова", "ову"),
            ("ева", "еву"),
            ("єва", "єву"),
            ("іна", "іну"),
            ("ина", "ину"),
            ("а", "у"),
            ("я", "ю"),
        ):
            if lower.endswith(ending):
                return word[: len(word) - len(ending)] + accusative
        return word
    if word[-1] in _UK_VOWELS:
        return word
    if lower.endswith(("й", "ь")):
        return word[:-1] + "я"
    return word + "а"


# Russian declines names the same way, with its own endings: Владимира Путина, Марию Львову-Белову,
# Сергея Шойгу (Шойгу does not decline), Хайбатуллу Ахундзаду.
_RU_VOWELS = set("аеёиоуыэюяАЕЁИОУЫЭЮЯ")


@functools.lru_cache(maxsize=2048)
def _ru_accusative(name: str) -> str:
    from ..matcher.gazetteer import _analyser

    morph = _analyser("ru")
    words = name.split()
    feminine = None
    for word in words[:1]:
        # (grammemes are read as sets: `"x" in tag` checks them against the last dictionary loaded)
        parses = [
            p
            for p in morph.parse(word)
            if {"nomn", "sing", "anim"} <= p.tag.grammemes and p.tag.gender in ("masc", "femn")
        ]
        given = [p for p in parses if "Name" in p.tag.grammemes]
        # a surname alone ("Путин") tells its gender when the dictionary reads it one way only
        genders = {p.tag.gender for p in (given[:1] or [p for p in parses if "Surn" in p.tag.grammemes])}
        feminine = genders == {"femn"} if len(genders) == 1 else None
    if feminine is None:  # a name the dictionary does not know as a person's: leave it be
        return name
    return " ".join("-".join(_ru_word_accusative(part, morph, feminine) for part in word.split("-")) for word in words)


def _ru_word_accusative(word: str, morph, feminine: bool) -> str:
    if not word or not word[0].isupper():  # "аль-" and the like
        return word
    gender = "femn" if feminine else "masc"
    for parse in morph.parse(word):
        grammemes = parse.tag.grammemes
        if (
            {"nomn", "sing", "anim"} <= grammemes
            and (parse.tag.gender == gender or "ms-f" in grammemes)
            and ({"Name", "Surn", "Patr"} & grammemes)
        ):
            if "Fixd" in grammemes:
                return word
            inflected = parse.inflect({"accs"})
            if inflected:
                form = inflected.word
                return word[:1] + form[1:]
    lower = word.lower()
    if feminine:
        for ending, accusative in (
            ("ская", "скую"),
            ("цкая", "цкую"),
            ("ова", "ову"),
            ("ева", "еву"),
            ("ёва", "ёву"),
            ("ина", "ину"),
            ("ына", "ыну"),
            ("а", "у"),
            ("я", "ю"),
        ):
            if lower.endswith(ending):
                return word[: len(word) - len(ending)] + accusative
        return word
    if lower.endswith("а") and len(word) > 2:
        return word[:-1] + "у"
    if lower.endswith("я") and len(word) > 2 and not lower.endswith("ия"):
        return word[:-1] + "ю"
    if word[-1] in _RU_VOWELS:
        return word
    if lower.endswith(("й", "ь")):
        return word[:-1] + "я"
    return word + "а"


def object_name(name: str) -> str:
    """`name` as the object of a verb, in the active language (Ukrainian and Russian: the accusative)."""
    language = translation.get_language() or ""
    if language.startswith("uk") and name:
        return _uk_accusative(name)
    if language.startswith("ru") and name:
        return _ru_accusative(name)
    return name
