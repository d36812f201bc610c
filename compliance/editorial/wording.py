"""The sentences boxes are made of, in the reader's language (gettext), from rule codes and facts.

The rules explain themselves in English for editors and scripts; readers get these sentences, which
say the same thing in their language.
"""

from datetime import date

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

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
CLAIMED_CRIMES = [gettext_noop("genocide"), gettext_noop("deportation"), gettext_noop("starvation"),
                  gettext_noop("rape"), gettext_noop("torture")]


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


def long_date(value: date | None) -> str:
    return date_format(value, "j E Y") if value else _("date unknown")


def period(start: date | None, end: date | None) -> str:
    if start and end and start != end:
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{long_date(end)}"
        return f"{long_date(start)} – {long_date(end)}"
    return long_date(start or end)


INSTRUMENTS = {
    "ratification": lambda: _("ratification"), "acceptance": lambda: _("acceptance"),
    "approval": lambda: _("approval"), "accession": lambda: _("accession"), "succession": lambda: _("succession"),
}


def membership_sentence(state: str, membership, on: date) -> str:
    p = {"state": state, "date": long_date(on), "deposit": long_date(membership.deposit),
         "since": long_date(membership.entry_into_force), "notified": long_date(membership.withdrawal_notified),
         "effective": long_date(membership.withdrawal_effective)}
    status = membership.status
    if status == "party":
        return _("On %(date)s %(state)s was a state party to the Rome Statute: it deposited its instrument on "
                 "%(deposit)s, and the Statute has bound it since %(since)s.") % p
    if status == "withdrawal_pending":
        return _("On %(date)s %(state)s was still a state party: it notified its withdrawal on %(notified)s, "
                 "which takes effect on %(effective)s.") % p
    if status == "withdrawn":
        return _("On %(date)s %(state)s was no longer a state party: its withdrawal, notified on %(notified)s, "
                 "took effect on %(effective)s.") % p
    if status == "deposited":
        return _("On %(date)s %(state)s had deposited its instrument (%(deposit)s), but the Statute only binds "
                 "it from %(since)s.") % p
    if status == "signatory":
        return _("On %(date)s %(state)s had signed the Rome Statute but not ratified it, so it was not a "
                 "state party.") % p
    return _("On %(date)s %(state)s was not a party to the Rome Statute.") % p


def obligation_sentence(state: str, person: str, obliged: bool, basis: str, on: date) -> str:
    p = {"state": state, "person": person, "date": long_date(on)}
    if not obliged:
        return _("%(state)s was not obliged under the Rome Statute to arrest %(person)s on %(date)s.") % p
    return {
        "state_party": _("%(state)s was obliged to arrest and surrender %(person)s to the Court on %(date)s "
                         "(Rome Statute, Art. 86 and 89(1)); official capacity is no bar (Art. 27)."),
        "surviving_obligation": _("%(state)s remained obliged to cooperate on %(date)s, because the warrant was "
                                  "issued while it was a party (Art. 127(2))."),
        "security_council": _("%(state)s was obliged to arrest %(person)s on %(date)s by a Security Council "
                              "resolution, though it is not a party."),
        "article_12_3": _("%(state)s was obliged to cooperate on %(date)s under its declaration accepting the "
                          "Court's jurisdiction (Art. 12(3))."),
    }.get(basis, _("%(state)s was obliged to arrest %(person)s on %(date)s.")) % p


CAVEATS = {
    "warrant_sealed": lambda: _("The warrant was still sealed; it was made public on %(made_public)s."),
    "withdrawal_announced": lambda: _("Its government had announced a withdrawal on %(announced)s, which has no "
                                      "legal effect until it is notified to the UN Secretary-General."),
    "declaration_12_3": lambda: _("It had accepted the Court's jurisdiction by a declaration of %(lodged)s; "
                                  "that gives jurisdiction, not membership."),
}


def caveat_sentence(code: str, params: dict) -> str | None:
    if code not in CAVEATS:
        return None
    return CAVEATS[code]() % {k: long_date(v) if isinstance(v, date) else v for k, v in params.items()}


WARRANT_STATUS = {
    "at_large": lambda: _("at large"), "in_custody": lambda: _("in custody"),
    "surrendered": lambda: _("surrendered to the Court"), "deceased": lambda: _("deceased"),
    "withdrawn": lambda: _("warrant withdrawn"),
}
REFERRALS = {"asp": lambda: _("the Assembly of States Parties"), "unsc": lambda: _("the UN Security Council")}
APPEALS = {
    "pending": lambda: _("An appeal is pending."),
    "leave_refused": lambda: _("Leave to appeal was refused."),
    "dismissed": lambda: _("The finding was upheld on appeal."),
    "reversed": lambda: _("On appeal, the referral was reversed."),
    "partly_reversed": lambda: _("It was partly reversed on appeal."),
}
OUTCOMES = {
    "not_arrested": lambda: _("not arrested"), "arrested": lambda: _("arrested"),
    "surrendered": lambda: _("surrendered"),
}
