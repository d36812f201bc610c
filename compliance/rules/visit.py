"""A visit's status on a date, and what it came to (Art. 87(7))."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .obligation import Obligation
from .reasons import Reason, long_date

ANNOUNCED = "announced"
ONGOING = "ongoing"
COMPLETED = "completed"
CANCELLED = "cancelled"

NOT_ARRESTED = "not_arrested"
ARRESTED = "arrested"
SURRENDERED = "surrendered"
RELEASED = "released"  # arrested, then released without surrender


@dataclass(frozen=True)
class FindingFacts:
    date: date
    result: str  # non_compliance | no_finding
    referral: str  # asp | unsc | none
    reference: str = ""
    appeal_status: str = "none"
    appeal_date: date | None = None


@dataclass(frozen=True)
class VisitFacts:
    start: date | None
    end: date | None = None
    planned_start: date | None = None
    planned_end: date | None = None
    cancelled: bool = False
    outcome: str = ""
    # a day the person is documented as present (a meeting, a speech) when arrival and departure are not
    # confirmed: the visit is placed on that day and no other
    present_on: date | None = None

    @property
    def first_day(self) -> date | None:
        return self.start or self.planned_start or self.present_on

    @property
    def last_day(self) -> date | None:
        if self.start or self.planned_start:
            return self.end or self.planned_end or self.start or self.planned_start
        return self.present_on


def visit_status_on(visit: VisitFacts, on: date) -> str:
    if visit.cancelled:
        return CANCELLED
    if visit.first_day is None or on < visit.first_day:
        return ANNOUNCED
    if on <= visit.last_day:
        return ONGOING
    return COMPLETED


@dataclass(frozen=True)
class VisitVerdict:
    status: str
    obliged: bool
    outcome: str
    reasons: tuple[Reason, ...]
    findings: tuple[FindingFacts, ...]

    @property
    def failed_to_arrest(self) -> bool:
        return self.obliged and self.status in (ONGOING, COMPLETED) and self.outcome == NOT_ARRESTED


_REFERRALS = {"asp": "the Assembly of States Parties", "unsc": "the UN Security Council"}
_APPEALS = {
    "pending": "an appeal is pending",
    "leave_refused": "leave to appeal was refused",
    "dismissed": "the finding was upheld on appeal",
    "reversed": "the referral was reversed on appeal",
    "partly_reversed": "it was partly reversed on appeal",
}


def is_trip(visit: VisitFacts) -> bool:
    """Whether a recorded visit counts as travel: a cancelled one does not (the person stayed home)."""
    return not visit.cancelled


def visit_verdict(
    visit: VisitFacts, obligation: Obligation, findings: Iterable[FindingFacts], on: date
) -> VisitVerdict:
    """`obligation` is the host state's obligation on the visit's first day; only findings made by
    `on` are taken into account."""
    status = visit_status_on(visit, on)
    known = tuple(sorted((f for f in findings if f.date <= on), key=lambda f: f.date))
    reasons: list[Reason] = []
    if status == CANCELLED:
        reasons.append(Reason("visit_cancelled", "The visit was cancelled.", ""))
    elif obligation.obliged:
        reasons.append(
            Reason("visit_obliged", "The host state was obliged to make the arrest on arrival.", "Art. 89(1)")
        )
    else:
        reasons.append(
            Reason("visit_not_obliged", "The host state had no obligation under the Statute to make the arrest.", "")
        )
    if status in (ONGOING, COMPLETED) and visit.outcome == NOT_ARRESTED:
        reasons.append(Reason("not_arrested", "No arrest was made.", ""))
    elif visit.outcome in (ARRESTED, SURRENDERED):
        reasons.append(Reason(visit.outcome, f"He was {visit.outcome}.", "Art. 59"))
    elif visit.outcome == RELEASED:
        reasons.append(Reason(RELEASED, "He was arrested, then released without being surrendered.", "Art. 59"))
    for finding in known:
        if finding.result == "non_compliance":
            text = f"On {long_date(finding.date)} the Court found that the state had failed to comply"
            referral = _REFERRALS.get(finding.referral)
            if referral:
                text += f" and referred the matter to {referral}."
            elif finding.referral == "deferred":
                text += ", and deferred its decision on a referral."
            else:
                text += ", without a referral."
        else:
            text = f"On {long_date(finding.date)} the Court declined to make a finding of non-compliance."
        appeal = _APPEALS.get(finding.appeal_status)
        if appeal and (finding.appeal_date is None or finding.appeal_date <= on):
            text += f" Afterwards, {appeal}."
        reasons.append(
            Reason(
                f"finding_{finding.result}",
                text,
                "Art. 87(7)",
                {
                    "date": finding.date,
                    "referral": finding.referral,
                    "reference": finding.reference,
                    "appeal": finding.appeal_status,
                },
            )
        )
    return VisitVerdict(status, obligation.obliged, visit.outcome, tuple(reasons), known)
