"""Was a state obliged to arrest a person on a date? (Art. 86, 89(1), 12(3), 13(b), 127(2))"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .membership import Membership, TreatyEvent, membership_on
from .reasons import Reason, long_date

AT_LARGE = "at_large"
IN_CUSTODY = "in_custody"
SURRENDERED = "surrendered"
DECEASED = "deceased"
WITHDRAWN = "withdrawn"
CONVICTED = "convicted"
SENTENCED = "sentenced"
ACQUITTED = "acquitted"
WARRANT_STATUSES = (AT_LARGE, IN_CUSTODY, SURRENDERED, DECEASED, WITHDRAWN, CONVICTED, SENTENCED, ACQUITTED)
# Surrendered to the Court and in its custody are one state of affairs for an arrest warrant; a
# person convicted or sentenced after surrender is still in its custody.
IN_THE_COURTS_CUSTODY = frozenset({IN_CUSTODY, SURRENDERED, CONVICTED, SENTENCED})
# Any status but "at large" means nobody is sought on the warrant any more.
NOT_SOUGHT = frozenset(WARRANT_STATUSES) - {AT_LARGE}


def same_warrant_status(a: str, b: str) -> bool:
    return a == b or {a, b} <= IN_THE_COURTS_CUSTODY


BASIS_PARTY = "state_party"
BASIS_SURVIVING = "surviving_obligation"
BASIS_SECURITY_COUNCIL = "security_council"
BASIS_DECLARATION = "article_12_3"
BASIS_NONE = "none"


@dataclass(frozen=True)
class WarrantFacts:
    issued: date
    made_public: date | None = None
    statuses: tuple[tuple[date, str], ...] = ()
    situation: str = ""
    situation_state: str = ""
    court: str = "International Criminal Court"

    def status_on(self, on: date) -> str:
        current = AT_LARGE
        for when, status in sorted(self.statuses):
            if when <= on:
                current = status
        return current


@dataclass(frozen=True)
class SecurityCouncilDuty:
    resolution: str
    situation: str
    adopted: date


@dataclass(frozen=True)
class Obligation:
    obliged: bool
    basis: str
    membership: Membership
    reasons: tuple[Reason, ...]
    caveats: tuple[Reason, ...] = ()

    @property
    def state_party(self) -> bool:
        return self.membership.state_party

    def as_dict(self) -> dict:
        return {
            "obliged": self.obliged,
            "state_party": self.state_party,
            "basis": self.basis,
            "membership_status": self.membership.status,
            "reasons": [r.as_dict() for r in self.reasons],
            "caveats": [r.as_dict() for r in self.caveats],
        }


def _same_situation(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        s = s.casefold().strip()
        for prefix in ("situation in the ", "situation in "):
            s = s.removeprefix(prefix)
        return s

    return bool(a and b) and (norm(a) in norm(b) or norm(b) in norm(a))


def obligation_on(
    events: Iterable[TreatyEvent],
    warrant: WarrantFacts,
    on: date,
    *,
    state: str = "",
    sc_duties: Iterable[SecurityCouncilDuty] = (),
) -> Obligation:
    """`state` is the state's key (ISO alpha-3), compared with the warrant's situation state for
    Art. 12(3) declarations; `sc_duties` are the Security Council resolutions binding the state."""
    events = tuple(events)
    membership = membership_on(events, on)
    reasons: list[Reason] = list(membership.reasons)
    caveats: list[Reason] = list(membership.discrepancies)

    def answer(obliged: bool, basis: str) -> Obligation:
        return Obligation(obliged, basis, membership, tuple(reasons), tuple(caveats))

    if on < warrant.issued:
        reasons.insert(
            0,
            Reason(
                "warrant_not_issued",
                f"The warrant was issued on {long_date(warrant.issued)}, after this date.",
                "Art. 58",
                {"issued": warrant.issued},
            ),
        )
        return answer(False, BASIS_NONE)
    status = warrant.status_on(on)
    if status != AT_LARGE:
        reasons.insert(
            0,
            Reason(
                f"warrant_{status}",
                f"The warrant was no longer outstanding on this date (status: {status.replace('_', ' ')}).",
                "Art. 58",
                {"status": status},
            ),
        )
        return answer(False, BASIS_NONE)
    if warrant.made_public and on < warrant.made_public:
        caveats.append(
            Reason(
                "warrant_sealed",
                f"The warrant was under seal on this date; its existence was made public on "
                f"{long_date(warrant.made_public)}. Whether the state had received a request for arrest is not public.",
                "Art. 58, 89(1)",
                {"made_public": warrant.made_public},
            )
        )
        return answer(False, BASIS_NONE)

    if membership.state_party:
        reasons.append(
            Reason(
                "party_must_arrest",
                "A state party must arrest and surrender a person sought by the Court who is on its territory.",
                "Art. 86, 89(1)",
            )
        )
        caveats.append(
            Reason(
                "no_immunity",
                "Official capacity, including that of a head of state, is no bar; the Appeals Chamber held in 2019 "
                "(Jordan referral, al-Bashir case) that head-of-state immunity cannot be invoked against a state "
                "party's duty to arrest and surrender.",
                "Art. 27, 98",
            )
        )
        return answer(True, BASIS_PARTY)

    if membership.status == "withdrawn":
        was_party = membership_on(events, warrant.issued).state_party
        if was_party:
            reasons.append(
                Reason(
                    "obligation_survives_withdrawal",
                    f"The warrant was issued on {long_date(warrant.issued)}, while the state was a party; "
                    "withdrawal does not discharge obligations that arose while it was a party.",
                    "Art. 127(2)",
                    {"issued": warrant.issued},
                )
            )
            caveats.append(
                Reason(
                    "surviving_obligation_contested",
                    "How far obligations survive withdrawal is argued case by case; the Court decides.",
                    "Art. 127(2)",
                )
            )
            return answer(True, BASIS_SURVIVING)

    for duty in sc_duties:
        if on >= duty.adopted and _same_situation(duty.situation, warrant.situation):
            reasons.append(
                Reason(
                    "security_council_duty",
                    f"Security Council resolution {duty.resolution} obliges it to cooperate fully with the Court "
                    f"in the situation ({duty.situation}).",
                    "Art. 13(b); UN Charter Art. 25",
                    {"resolution": duty.resolution},
                )
            )
            return answer(True, BASIS_SECURITY_COUNCIL)

    if membership.declarations and state and state == warrant.situation_state:
        reasons.append(
            Reason(
                "declaration_cooperation",
                "Having accepted the Court's jurisdiction over the situation on its territory, it must cooperate "
                "without delay or exception under Part 9.",
                "Art. 12(3)",
            )
        )
        return answer(True, BASIS_DECLARATION)

    reasons.append(
        Reason(
            "no_duty",
            "As a non-party with no Security Council resolution or Art. 12(3) declaration binding it in this "
            "situation, it had no obligation under the Statute to arrest; the Court may only invite its cooperation.",
            "Art. 87(5)",
        )
    )
    return answer(False, BASIS_NONE)
