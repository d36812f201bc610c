"""The law as pure functions: standard library only, the date always passed in.

Every result carries human-readable reasons, each resting on an article of the Rome Statute
(or a Security Council resolution), so a reader can check the answer.
"""

from .membership import (
    Membership,
    TreatyEvent,
    count_parties,
    entry_into_force,
    membership_on,
    membership_periods,
    withdrawal_effective,
)
from .obligation import Obligation, SecurityCouncilDuty, WarrantFacts, obligation_on
from .reasons import Reason
from .visit import VisitFacts, VisitVerdict, is_trip, visit_status_on, visit_verdict

__all__ = [
    "Membership",
    "Obligation",
    "Reason",
    "SecurityCouncilDuty",
    "TreatyEvent",
    "VisitFacts",
    "VisitVerdict",
    "WarrantFacts",
    "count_parties",
    "entry_into_force",
    "is_trip",
    "membership_on",
    "membership_periods",
    "obligation_on",
    "visit_status_on",
    "visit_verdict",
    "withdrawal_effective",
]
