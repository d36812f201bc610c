"""Membership of the Rome Statute on a date (Art. 125-127), from a state's treaty events."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from .reasons import Reason, long_date

SIGNATURE = "signature"
DEPOSIT = "deposit"
ENTRY_INTO_FORCE = "entry_into_force"
DECLARATION_12_3 = "declaration_12_3"
WITHDRAWAL_ANNOUNCED = "withdrawal_announced"
WITHDRAWAL_NOTIFIED = "withdrawal_notified"
WITHDRAWAL_EFFECTIVE = "withdrawal_effective"
WITHDRAWAL_REVOKED = "withdrawal_revoked"
# The state took back its instrument before the Statute entered into force for it (e.g. Malaysia,
# 2019): it never became a party.
INSTRUMENT_WITHDRAWN = "instrument_withdrawn"
EVENT_KINDS = (
    SIGNATURE,
    DEPOSIT,
    ENTRY_INTO_FORCE,
    DECLARATION_12_3,
    WITHDRAWAL_ANNOUNCED,
    WITHDRAWAL_NOTIFIED,
    WITHDRAWAL_EFFECTIVE,
    WITHDRAWAL_REVOKED,
    INSTRUMENT_WITHDRAWN,
)

# Art. 126(1): the 60th instrument was deposited on 11 April 2002, and the Statute entered into
# force on the first day of the month after the 60th day following that deposit.
STATUTE_IN_FORCE = date(2002, 7, 1)

SUCCESSION = "succession"

PARTY = "party"
WITHDRAWAL_PENDING = "withdrawal_pending"
DEPOSITED = "deposited"
WITHDRAWN = "withdrawn"
SIGNATORY = "signatory"
NON_PARTY = "non_party"


@dataclass(frozen=True)
class TreatyEvent:
    kind: str
    date: date
    instrument: str = ""
    period_start: date | None = None
    period_end: date | None = None
    # A notification of succession: the date of succession, from which the state is bound (it
    # precedes the notification).
    effective: date | None = None

    @property
    def binding_from(self) -> date:
        return self.effective or self.date if self.instrument == SUCCESSION else self.date


@dataclass(frozen=True)
class Membership:
    state_party: bool
    status: str
    reasons: tuple[Reason, ...]
    deposit: date | None = None
    entry_into_force: date | None = None
    withdrawal_notified: date | None = None
    withdrawal_effective: date | None = None
    declarations: tuple[TreatyEvent, ...] = ()
    discrepancies: tuple[Reason, ...] = field(default=())

    @property
    def reason(self) -> str:
        return " ".join(r.text for r in self.reasons)


def first_of_next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def entry_into_force(deposit: date) -> date:
    """Art. 126: the first day of the month after the 60th day following the deposit."""
    return max(STATUTE_IN_FORCE, first_of_next_month(deposit + timedelta(days=60)))


def withdrawal_effective(notified: date) -> date:
    """Art. 127(1): one year after the notification is received (29 February -> 1 March)."""
    try:
        return notified.replace(year=notified.year + 1)
    except ValueError:
        return date(notified.year + 1, 3, 1)


@dataclass(frozen=True)
class _Period:
    deposit: TreatyEvent
    start: date
    notified: date | None
    end: date | None


def _first_on_or_after(events: list[TreatyEvent], kind: str, after: date, before: date | None) -> TreatyEvent | None:
    for event in events:
        if event.kind == kind and event.date >= after and (before is None or event.date < before):
            return event
    return None


def _withdrawn_instrument(events: list[TreatyEvent], deposit: TreatyEvent, in_force: date, on: date):
    """The withdrawal of `deposit`'s instrument, if made before the Statute entered into force for it."""
    for event in events:
        if event.kind == INSTRUMENT_WITHDRAWN and deposit.date <= event.date < in_force and event.date <= on:
            return event
    return None


def _periods(
    events: list[TreatyEvent],
    on: date,
    discrepancies: list[Reason],
    withdrawn: list[tuple[TreatyEvent, TreatyEvent, date]] | None = None,
) -> list[_Period]:
    # A notification of succession counts from the date of succession it states, even when it
    # was received later: the successor is bound from that date.
    deposits = [e for e in events if e.kind == DEPOSIT and e.binding_from <= on]
    periods = []
    for index, deposit in enumerate(deposits):
        next_deposit = deposits[index + 1].date if index + 1 < len(deposits) else None
        entered = _first_on_or_after(events, ENTRY_INTO_FORCE, deposit.date, next_deposit)
        if deposit.instrument == SUCCESSION:
            # A successor state is bound from the date of succession, which the notification states;
            # Art. 126 does not apply.
            start = deposit.effective or (entered.date if entered else deposit.date)
            periods.append(
                _Period(deposit, start, *_withdrawal(events, deposit.binding_from, next_deposit, on, discrepancies))
            )
            continue
        computed = entry_into_force(deposit.date)
        taken_back = _withdrawn_instrument(events, deposit, (entered.date if entered else computed), on)
        if taken_back is not None:
            if withdrawn is not None:
                withdrawn.append((deposit, taken_back, entered.date if entered else computed))
            continue
        start = computed
        if entered is not None:
            start = entered.date
            if entered.date != computed:
                discrepancies.append(
                    Reason(
                        "entry_into_force_disagrees",
                        f"The entered entry into force ({long_date(entered.date)}) disagrees with Art. 126, "
                        f"which gives {long_date(computed)} for a deposit on {long_date(deposit.date)}.",
                        "Art. 126",
                        {"entered": entered.date, "computed": computed, "deposit": deposit.date},
                    )
                )
        notified, end = _withdrawal(events, deposit.date, next_deposit, on, discrepancies)
        periods.append(_Period(deposit, start, notified, end))
    return periods


def _withdrawal(events, after, before, on, discrepancies) -> tuple[date | None, date | None]:
    notifications = [
        e
        for e in events
        if e.kind == WITHDRAWAL_NOTIFIED and e.date >= after and e.date <= on and (before is None or e.date < before)
    ]
    for notification in notifications:
        computed = withdrawal_effective(notification.date)
        entered = _first_on_or_after(events, WITHDRAWAL_EFFECTIVE, notification.date, before)
        effective = computed
        if entered is not None:
            effective = entered.date
            if entered.date < computed:
                discrepancies.append(
                    Reason(
                        "withdrawal_effective_too_early",
                        f"The entered date the withdrawal took effect ({long_date(entered.date)}) is earlier than "
                        f"one year after the notification ({long_date(computed)}), which Art. 127(1) does not allow.",
                        "Art. 127(1)",
                        {"entered": entered.date, "computed": computed, "notified": notification.date},
                    )
                )
        revoked = _first_on_or_after(events, WITHDRAWAL_REVOKED, notification.date, effective)
        if revoked is not None and revoked.date <= on:
            continue
        return notification.date, effective
    return None, None


def membership_on(events: Iterable[TreatyEvent], on: date) -> Membership:
    """Was the state a party to the Rome Statute on `on`, and why?"""
    events = sorted(events, key=lambda e: (e.date, EVENT_KINDS.index(e.kind)))
    discrepancies: list[Reason] = []
    withdrawn: list[tuple[TreatyEvent, TreatyEvent, date]] = []
    periods = _periods(events, on, discrepancies, withdrawn)
    declarations = tuple(e for e in events if e.kind == DECLARATION_12_3 and e.date <= on)
    reasons: list[Reason] = []
    current = periods[-1] if periods else None
    status = NON_PARTY
    party = False

    if current is None:
        signature = next((e for e in events if e.kind == SIGNATURE and e.date <= on), None)
        if withdrawn:
            deposit, taken_back, in_force = withdrawn[-1]
            reasons.append(
                Reason(
                    "instrument_withdrawn",
                    f"It deposited an instrument of {deposit.instrument or 'ratification'} on {long_date(deposit.date)} "
                    f"but withdrew it on {long_date(taken_back.date)}, before the Statute would have entered into "
                    f"force for it ({long_date(in_force)}); it never became a party.",
                    "Art. 126(2)",
                    {
                        "deposit": deposit.date,
                        "withdrawn": taken_back.date,
                        "entry_into_force": in_force,
                        "instrument": deposit.instrument,
                    },
                )
            )
        elif signature:
            status = SIGNATORY
            reasons.append(
                Reason(
                    "signed_not_ratified",
                    f"It signed the Statute on {long_date(signature.date)} but had deposited no instrument of "
                    f"ratification by {long_date(on)}; a signatory is not a party.",
                    "Art. 125",
                    {"signature": signature.date, "on": on},
                )
            )
        else:
            reasons.append(
                Reason(
                    "never_party",
                    f"It had neither ratified nor acceded to the Statute by {long_date(on)}.",
                    "Art. 125",
                    {"on": on},
                )
            )
    elif on < current.start:
        status = DEPOSITED
        reasons.append(
            Reason(
                "deposited_not_in_force",
                f"It deposited its instrument of {current.deposit.instrument or 'ratification'} on "
                f"{long_date(current.deposit.date)}; the Statute enters into force for it on "
                f"{long_date(current.start)}.",
                "Art. 126(2)",
                {
                    "deposit": current.deposit.date,
                    "entry_into_force": current.start,
                    "instrument": current.deposit.instrument,
                },
            )
        )
    elif current.end is not None and on >= current.end:
        status = WITHDRAWN
        reasons.append(
            Reason(
                "withdrawal_effective",
                f"Its withdrawal, notified on {long_date(current.notified)}, took effect on {long_date(current.end)}.",
                "Art. 127(1)",
                {"notified": current.notified, "effective": current.end},
            )
        )
    else:
        party = True
        status = PARTY
        reasons.append(
            Reason(
                "party_by_succession",
                f"It succeeded to the Statute by a notification received on {long_date(current.deposit.date)}, and "
                f"is bound from the date of succession, {long_date(current.start)}.",
                "Art. 126; law of state succession",
                {"notified": current.deposit.date, "succession": current.start},
            )
            if current.deposit.instrument == SUCCESSION
            else Reason(
                "party",
                f"It deposited its instrument of {current.deposit.instrument or 'ratification'} on "
                f"{long_date(current.deposit.date)}, and the Statute has been in force for it since "
                f"{long_date(current.start)}.",
                "Art. 126",
                {
                    "deposit": current.deposit.date,
                    "entry_into_force": current.start,
                    "instrument": current.deposit.instrument,
                },
            )
        )
        if current.notified is not None:
            status = WITHDRAWAL_PENDING
            reasons.append(
                Reason(
                    "withdrawal_pending",
                    f"It notified its withdrawal on {long_date(current.notified)}; it remains a party until the "
                    f"withdrawal takes effect on {long_date(current.end)}.",
                    "Art. 127(1)",
                    {"notified": current.notified, "effective": current.end},
                )
            )

    announced = [e for e in events if e.kind == WITHDRAWAL_ANNOUNCED and e.date <= on]
    if party and announced and (current.notified is None or current.notified > on):
        reasons.append(
            Reason(
                "withdrawal_announced",
                f"Its government announced a withdrawal on {long_date(announced[-1].date)}, but an announcement "
                "has no legal effect until the Secretary-General receives a written notification.",
                "Art. 127(1)",
                {"announced": announced[-1].date},
            )
        )
    if not party and declarations:
        last = declarations[-1]
        reasons.append(
            Reason(
                "declaration_12_3",
                f"It accepted the Court's jurisdiction by a declaration lodged on {long_date(last.date)}; "
                "that confers jurisdiction, not membership.",
                "Art. 12(3)",
                {"lodged": last.date},
            )
        )

    return Membership(
        state_party=party,
        status=status,
        reasons=tuple(reasons),
        deposit=current.deposit.date if current else None,
        entry_into_force=current.start if current else None,
        withdrawal_notified=current.notified if current else None,
        withdrawal_effective=current.end if current else None,
        declarations=declarations,
        discrepancies=tuple(discrepancies),
    )


def count_parties(events_by_state: Mapping[str, Iterable[TreatyEvent]], on: date) -> int:
    return len(parties_on(events_by_state, on))


def parties_on(events_by_state: Mapping[str, Iterable[TreatyEvent]], on: date) -> list[str]:
    return sorted(key for key, events in events_by_state.items() if membership_on(events, on).state_party)


# The Rome Statute was adopted and opened for signature on 17 July 1998.
OPENED_FOR_SIGNATURE = date(1998, 7, 17)


def membership_periods(events: Iterable[TreatyEvent], on: date) -> list[tuple[date, date, str]]:
    """The state's standing from the Statute's opening for signature to `on`, as consecutive
    (first day, last day, status) periods: the status is computed at every date where it can change
    (each event, its period's ends, the computed entry into force and withdrawal effect)."""
    events = list(events)
    now = membership_on(events, on)
    turns = {OPENED_FOR_SIGNATURE, on}
    for event in events:
        turns.update(d for d in (event.date, event.period_start, event.period_end) if d)
    turns.update(d for d in (now.entry_into_force, now.withdrawal_notified, now.withdrawal_effective) if d)
    periods: list[list] = []
    for day in sorted(d for d in turns if OPENED_FOR_SIGNATURE <= d <= on):
        status = membership_on(events, day).status
        if periods and periods[-1][2] == status:
            continue
        if periods:
            periods[-1][1] = day - timedelta(days=1)
        periods.append([day, on, status])
    return [tuple(period) for period in periods]
