"""Sync from public sources, on fixtures that reproduce the real pages' structure (see
tests/fixtures/sync/README.md: no stored copy of either page exists in the public record we could
reach, so both are reconstructions)."""

import http.server
import threading
import urllib.error
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from compliance.models import ProposedChange, TaskRun, TreatyEvent
from compliance.sync import sources as sync
from compliance.tasks import sync_icc_defendants, sync_untc

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sync"
UNTC = (FIXTURES / "untc-rome-statute.html").read_text(encoding="utf-8")


@pytest.fixture
def serve(monkeypatch):
    """A local HTTP server on loopback that answers with the given pages, in order."""
    responses = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            status, body = responses.pop(0) if responses else (404, "")
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setattr(sync, "UNTC_MIN_ROWS", 10)
    yield lambda *pages: responses.extend(pages) or f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.mark.parametrize("page", ["untc-rome-statute.html", "untc-rome-statute-legacy-id.html"])
def test_the_status_table_is_read_with_instrument_types(page):
    rows = {p.name: p for p in sync.parse_untc((FIXTURES / page).read_text(encoding="utf-8"), min_rows=10)}
    assert rows["Tajikistan"].deposit == date(2000, 5, 5)
    assert rows["State of Palestine"].instrument == "accession"
    assert rows["Montenegro"].instrument == "succession"
    assert rows["Russian Federation"].deposit is None
    assert all(sync.resolve_state(name) for name in rows)


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><p>Service unavailable</p></body></html>",
        UNTC.replace("_tblgrid", "_grid"),
        UNTC.replace("Participant", "Country"),
    ],
)
def test_a_changed_layout_is_a_failed_sync_not_an_empty_one(page):
    with pytest.raises(sync.LayoutChanged):
        sync.parse_untc(page, min_rows=10)


def test_too_few_rows_is_a_failed_sync():
    with pytest.raises(sync.LayoutChanged, match="Only 12 participants"):
        sync.parse_untc(UNTC)


def test_differences_become_proposals_and_nothing_is_overwritten(serve):
    url = serve((200, UNTC), (200, UNTC))
    before = list(TreatyEvent.objects.values_list("pk", "date", "instrument"))
    summary = sync_untc.run(url)
    assert summary["rows"] == 12 and summary["unmatched"] == []
    assert list(TreatyEvent.objects.values_list("pk", "date", "instrument")) == before
    proposals = ProposedChange.objects.filter(status="pending")
    assert "HUN:signature" in {p.key for p in proposals}  # the data has no Hungarian signature yet
    assert not proposals.filter(key="TJK:deposit").exists()  # identical: nothing to propose
    count = proposals.count()
    assert summary["proposed"] == count
    assert sync_untc.run(url)["proposed"] == 0  # a second run proposes nothing new
    assert ProposedChange.objects.filter(status="pending").count() == count
    assert TaskRun.objects.get(name="sync_untc").last_success


def test_an_editor_accepts_or_rejects(admin_client, serve):
    sync_untc.run(serve((200, UNTC)))
    change = ProposedChange.objects.get(key="HUN:signature")
    url = reverse("admin:compliance_proposedchange_changelist")
    admin_client.post(url, {"action": "accept", "_selected_action": [change.pk]})
    event = TreatyEvent.objects.get(state__iso3="HUN", kind="signature")
    assert event.date == date(1999, 1, 15)
    assert event.citations.get().source.key == "untc-rome-statute"
    assert event.history.latest().history_change_reason == "accepted from untc-rome-statute"
    change.refresh_from_db()
    assert change.status == "accepted" and change.decided_by.is_superuser
    other = ProposedChange.objects.filter(status="pending").first()
    admin_client.post(url, {"action": "reject", "_selected_action": [other.pk]})
    other.refresh_from_db()
    assert other.status == "rejected"
    sync_untc.run(serve((200, UNTC)))
    assert not ProposedChange.objects.filter(key=other.key, status="pending").exists()  # not proposed again


def test_network_errors_are_raised_for_retry_and_recorded(serve):
    url = serve((503, "busy"))
    with pytest.raises(urllib.error.HTTPError):
        sync_untc.run(url)
    assert "503" in TaskRun.objects.get(name="sync_untc").last_error
    assert urllib.error.HTTPError in sync_untc.autoretry_for or issubclass(
        urllib.error.HTTPError, sync_untc.autoretry_for
    )


def test_a_layout_change_fails_the_run_visibly(serve):
    with pytest.raises(sync.LayoutChanged):
        sync_untc.run(serve((200, "<html>Just a moment...</html>")))
    assert "layout" in TaskRun.objects.get(name="sync_untc").last_error.lower()
    assert not ProposedChange.objects.exists()


def test_the_courts_list_of_defendants(serve):
    page = (FIXTURES / "icc-cases.html").read_text(encoding="utf-8")
    summary = sync_icc_defendants.run(serve((200, page)))
    assert summary["rows"] == 8
    # Duterte is "In ICC custody" on the page and "surrendered" here: the same thing, nothing proposed
    assert not ProposedChange.objects.filter(summary__startswith="Rodrigo Duterte").exists()
    with pytest.raises(sync.LayoutChanged):
        sync.parse_icc_defendants("<html><title>Just a moment...</title></html>")
