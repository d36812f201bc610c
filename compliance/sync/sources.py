"""Sync from public sources: the depositary's status table of the Rome Statute and the Court's
list of defendants. Parsers are strict: a page whose layout changed is a failed sync, never read
as "no states". Differences become ProposedChange rows for editors; nothing is overwritten."""

import logging
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date, datetime
from html.parser import HTMLParser

from django.db import transaction
from django.utils import timezone

from ..facts.models import State, TreatyEvent, Warrant, WarrantStatus
from ..rules.obligation import same_warrant_status
from .models import ProposedChange

logger = logging.getLogger(__name__)

UNTC_URL = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-10&chapter=18&lang=en"
UNTC_TABLE_SUFFIX = "_tblgrid"  # ctl00_ContentPlaceHolder1_tblgrid before 2016, a longer prefix since
UNTC_MIN_ROWS = 100  # the Statute has had over 130 participants since 2002
INSTRUMENTS = {"": "ratification", "a": "accession", "A": "acceptance", "AA": "approval", "d": "succession"}
NETWORK_ERRORS = (urllib.error.URLError, TimeoutError, ConnectionError)


class LayoutChanged(ValueError):
    """The page no longer looks as the parser expects: report it, read nothing from it."""


def fetch(url: str, timeout: float = 30) -> str:
    request = urllib.request.Request(url, headers={"User-Agent": "newsroom-compliance-sync/1.0"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - fixed https URLs
        return response.read().decode(response.headers.get_content_charset() or "utf-8", errors="replace")


class _Tables(HTMLParser):
    """Rows of cell texts for every table, keyed by the table's id."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[list[str]]] = {}
        self._stack: list[str] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._stack.append(dict(attrs).get("id") or f"table-{len(self.tables)}")
            self.tables.setdefault(self._stack[-1], [])
        elif tag == "tr" and self._stack:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._stack:
            if self._row:
                self.tables[self._stack[-1]].append(self._row)
            self._row = None
        elif tag == "table" and self._stack:
            self._stack.pop()

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


@dataclass(frozen=True)
class Participant:
    name: str
    signature: date | None
    deposit: date | None
    instrument: str
    row: str


DATE = re.compile(r"(\d{1,2})\s+(\w{3})\w*\s+(\d{4})(?:\s+(AA|A|a|d)\b)?")


def _parse_date(text: str) -> tuple[date | None, str]:
    match = DATE.search(text)
    if not match:
        if text.strip(" -—\u00a0"):
            raise LayoutChanged(f"Unreadable date {text!r}.")
        return None, ""
    day, month, year, suffix = match.groups()
    return datetime.strptime(f"{day} {month} {year}", "%d %b %Y").date(), INSTRUMENTS[suffix or ""]


def parse_untc(html: str, min_rows: int | None = None) -> list[Participant]:
    min_rows = UNTC_MIN_ROWS if min_rows is None else min_rows
    tables = _Tables()
    tables.feed(html)
    grids = [rows for table_id, rows in tables.tables.items() if table_id.endswith(UNTC_TABLE_SUFFIX)]
    if len(grids) != 1:
        raise LayoutChanged(
            f"Expected one table whose id ends with {UNTC_TABLE_SUFFIX!r}, found {len(grids)}: the page layout changed."
        )
    rows = grids[0]
    header = [cell.casefold() for cell in rows[0]]
    if (
        len(header) < 3
        or "participant" not in header[0]
        or "signature" not in header[1]
        or "ratification" not in header[2]
    ):
        raise LayoutChanged(f"Unexpected header {rows[0]!r}.")
    participants = []
    for row in rows[1:]:
        if len(row) < 3:
            raise LayoutChanged(f"Row with {len(row)} cells: {row!r}.")
        name = re.sub(r"[\s\d,]+$", "", row[0]).strip()  # footnote numbers after the name: "Ireland 6 , 18 ,"
        signature, _ = _parse_date(row[1])
        deposit, instrument = _parse_date(row[2])
        participants.append(Participant(name, signature, deposit, instrument, " | ".join(row)))
    if len(participants) < min_rows:
        raise LayoutChanged(f"Only {len(participants)} participants (expected at least {min_rows}).")
    return participants


def resolve_state(name: str) -> State | None:
    """The depositary writes official short names: 'Bolivia (Plurinational State of)', 'Congo'."""
    candidates = [name, re.sub(r"\s*\(.*\)", "", name).strip(), name.replace("Republic of ", "").strip()]
    for candidate in candidates:
        try:
            return State.objects.resolve(candidate)
        except State.DoesNotExist:
            continue
    return None


@dataclass
class SyncResult:
    rows: int = 0
    proposed: int = 0
    unmatched: list[str] | None = None


def propose_treaty_changes(
    participants: list[Participant], origin: str = "untc-rome-statute", url: str = UNTC_URL
) -> SyncResult:
    result = SyncResult(rows=len(participants), unmatched=[])
    with transaction.atomic():
        for participant in participants:
            state = resolve_state(participant.name)
            if state is None:
                result.unmatched.append(participant.name)
                continue
            events = {e.kind: e for e in state.treaty_events.filter(kind__in=["signature", "deposit"])}
            for kind, when, instrument in (
                ("signature", participant.signature, ""),
                ("deposit", participant.deposit, participant.instrument),
            ):
                if when is None:
                    continue
                existing = events.get(kind)
                current = {"date": existing.date.isoformat(), "instrument": existing.instrument} if existing else None
                proposed = {"state": state.iso3, "kind": kind, "date": when.isoformat(), "instrument": instrument}
                if current and current["date"] == proposed["date"] and current["instrument"] == instrument:
                    continue
                result.proposed += _propose(
                    origin,
                    f"{state.iso3}:{kind}",
                    current,
                    proposed,
                    participant.row,
                    url,
                    f"{state.name}: {kind} {when.isoformat()}"
                    + (f" ({instrument})" if instrument else "")
                    + (f", recorded here as {current['date']}" if current else ", not recorded here"),
                )
    return result


def _propose(origin, key, current, proposed, evidence, url, summary) -> int:
    if (
        ProposedChange.objects.filter(origin=origin, key=key, proposed=proposed)
        .exclude(status=ProposedChange.Status.PENDING)
        .exists()
    ):
        return 0  # an editor already decided this very proposal
    _, created = ProposedChange.objects.update_or_create(
        origin=origin,
        key=key,
        status=ProposedChange.Status.PENDING,
        defaults={
            "current": current,
            "proposed": proposed,
            "evidence": evidence,
            "source_url": url,
            "summary": summary[:300],
        },
    )
    return int(created)


def apply(change: ProposedChange, user) -> None:
    """Accept a proposal: write the fact, with the source it came from, and keep who decided."""
    proposed = change.proposed
    with transaction.atomic():
        if proposed.get("kind") in ("signature", "deposit"):
            state = State.objects.get(iso3=proposed["state"])
            event = state.treaty_events.filter(kind=proposed["kind"]).first() or TreatyEvent(
                state=state, kind=proposed["kind"]
            )
            event.date = date.fromisoformat(proposed["date"])
            event.instrument = proposed["instrument"] if proposed["kind"] == "deposit" else ""
            event._change_reason = f"accepted from {change.origin}"
            event.full_clean()
            event.save()
            fact = event
        elif proposed.get("kind") == "warrant_status":
            warrant = Warrant.objects.get(key=proposed["warrant"])
            fact = WarrantStatus(
                warrant=warrant,
                status=proposed["status"],
                date=date.fromisoformat(proposed["date"]),
                note=f"accepted from {change.origin}",
            )
            fact.full_clean()
            fact.save()
            fact = warrant
        else:
            raise ValueError(f"Cannot apply {proposed!r}.")
        _cite(fact, change)
        change.status, change.decided_by, change.decided_at = ProposedChange.Status.ACCEPTED, user, timezone.now()
        change.save()


def _cite(fact, change: ProposedChange):
    from django.contrib.contenttypes.models import ContentType

    from ..facts.models import Citation, Source

    source, _ = Source.objects.get_or_create(
        key=change.origin,
        defaults={"url": change.source_url or UNTC_URL, "title": change.origin, "accessed": timezone.localdate()},
    )
    Citation.objects.get_or_create(
        source=source, content_type=ContentType.objects.get_for_model(fact), object_id=fact.pk
    )


# --- the Court's list of defendants --------------------------------------------------------------

ICC_STATUSES = {
    "at large": WarrantStatus.Status.AT_LARGE,
    "in icc custody": WarrantStatus.Status.IN_CUSTODY,
    "in custody": WarrantStatus.Status.IN_CUSTODY,
    "deceased": WarrantStatus.Status.DECEASED,
    "proceedings terminated": WarrantStatus.Status.WITHDRAWN,
    "warrant withdrawn": WarrantStatus.Status.WITHDRAWN,
}


class _Cards(HTMLParser):
    """One (name, status) per <div class="card"> of the Court's list of defendants."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.cards: list[dict] = []
        self._capture: str | None = None
        self._in_header = False

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "div" and "card" in classes:
            self.cards.append({"name": "", "status": ""})
        elif self.cards and "card-header" in classes:
            self._in_header = True
        elif self.cards and tag == "a" and self._in_header:
            self._capture = "name"
        elif self.cards and "defendant_status_button" in classes:
            self._capture = "status"

    def handle_endtag(self, tag):
        if tag in ("a", "span", "button", "div") and self._capture:
            self._capture = None
        if tag == "h5":
            self._in_header = False

    def handle_data(self, data):
        if self._capture and self.cards:
            self.cards[-1][self._capture] += data


def parse_icc_defendants(html: str) -> list[dict]:
    parser = _Cards()
    parser.feed(html)
    cards = [{"name": " ".join(c["name"].split()), "status": " ".join(c["status"].split())} for c in parser.cards]
    cards = [c for c in cards if c["name"]]
    if not cards:
        raise LayoutChanged("No defendant cards: the page layout changed (or a challenge page was served).")
    if any(not c["status"] for c in cards):
        raise LayoutChanged("A defendant card without a status: the page layout changed.")
    return cards


def propose_status_changes(
    cards: list[dict], on: date, origin: str = "icc-defendants", url: str = "https://www.icc-cpi.int/cases"
) -> SyncResult:
    """A defendant whose status on the Court's page differs from the latest recorded status of his
    warrants. Statuses that are not warrant statuses (convicted, acquitted, case closed) are left."""
    from ..facts.models import Person

    result = SyncResult(rows=len(cards), unmatched=[])
    with transaction.atomic():
        for card in cards:
            status = ICC_STATUSES.get(card["status"].casefold())
            if status is None:
                continue
            try:
                person = Person.objects.resolve(card["name"])
            except Person.DoesNotExist:
                result.unmatched.append(card["name"])
                continue
            for warrant in person.warrants.all():
                current = warrant.status_on(on) if warrant.issued else None
                if current is None or same_warrant_status(current, status):
                    continue
                result.proposed += _propose(
                    origin,
                    f"{warrant.key}:status",
                    {"status": warrant.status_on(on)},
                    {"kind": "warrant_status", "warrant": warrant.key, "status": status, "date": on.isoformat()},
                    f"{card['name']}: {card['status']}",
                    url,
                    f"{person.name}: {card['status']} on the Court's page, recorded here as "
                    f"{warrant.status_on(on).replace('_', ' ')}",
                )
    return result
