"""Every task run twice leaves what one run leaves (tasks.py promises it; redelivery and the outbox's
resends rely on it), and the Court's list of defendants syncs its differences into proposals."""

import http.server
import threading
from datetime import date
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from compliance import tasks
from compliance.models import (
    ApiKey,
    BoxFact,
    ChangeLog,
    ClaimFlag,
    ContextBox,
    Detection,
    ProposedChange,
    State,
    StoredVisit,
    TreatyEvent,
    Warrant,
    WebhookDelivery,
    WebhookSubscription,
)
from newsroom.models import Article

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sync"
BODY = (
    "Russian President Vladimir Putin arrived in Tajikistan on Oct. 8, despite an active arrest warrant "
    "issued by the International Criminal Court.\n\nTajikistan ratified the Rome Statute in 1999."
)


def snapshot() -> dict:
    return {
        "boxes": sorted(ContextBox.objects.values_list("pk", "kind", "status", "as_of")),
        "box data": sorted((pk, str(data)) for pk, data in ContextBox.objects.values_list("pk", "data")),
        "refs": sorted(BoxFact.objects.values_list("box_id", "fact")),
        "flags": sorted(ClaimFlag.objects.values_list("sentence", "kind", "status")),
        "detections": Detection.objects.count(),
        "changes": ChangeLog.objects.count(),
        "deliveries": sorted(WebhookDelivery.objects.values_list("subscription_id", "idempotency_key", "status")),
        "stored": sorted(StoredVisit.objects.values_list("visit_id", "on")),
        "proposals": sorted(ProposedChange.objects.values_list("origin", "key", "status")),
    }


def twice(run) -> tuple[dict, dict]:
    run()
    first = snapshot()
    run()
    return first, snapshot()


@pytest.fixture
def article():
    article = Article.objects.create(
        headline="Tajikistan lets Putin enter",
        slug="twice",
        body=BODY,
        language="en",
        status="published",
        published_at="2025-10-08T12:00:00Z",
    )
    return article


def test_analysing_an_article_twice(article):
    ct = ContentType.objects.get_for_model(Article).pk
    first, second = twice(lambda: tasks.analyse_article.apply(args=[ct, article.pk]))
    assert first["boxes"] and first["flags"] and first == second


def test_refreshing_a_fact_twice_rebuilds_once_and_tells_each_partner_once(article, monkeypatch):
    from compliance.feed import webhooks

    ct = ContentType.objects.get_for_model(Article).pk
    tasks.analyse_article.apply(args=[ct, article.pk])
    tajikistan = State.objects.get(iso3="TJK")
    subscription = WebhookSubscription.objects.create(
        api_key=ApiKey.issue("Partner")[0], url="https://partner.example/h"
    )
    subscription.states.add(tajikistan)
    posts = []
    monkeypatch.setattr(webhooks, "deliver", lambda delivery, timeout=10: posts.append(delivery.pk))
    change = f"state:{tajikistan.pk}@test"
    first, second = twice(lambda: tasks.refresh_fact.apply(args=[f"state:{tajikistan.pk}", "test", change]))
    assert first == second
    assert len(first["deliveries"]) == 1 and len(posts) == 2  # one delivery; a resend may POST it again,
    assert WebhookDelivery.objects.get().idempotency_key == change  # with the same Idempotency-Key


def test_a_partner_gets_one_delivery_per_change_whichever_reference_reaches_it(
    django_capture_on_commit_callbacks, monkeypatch
):
    from compliance.feed import webhooks

    monkeypatch.setattr(webhooks, "deliver", lambda delivery, timeout=10: None)
    hungary = State.objects.get(iso3="HUN")
    subscription = WebhookSubscription.objects.create(
        api_key=ApiKey.issue("Partner")[0], url="https://partner.example/h"
    )
    subscription.states.add(hungary)
    with django_capture_on_commit_callbacks(execute=True):  # one change, two refs (treatyevent:N, state:N)
        TreatyEvent.objects.create(state=hungary, kind="withdrawal_revoked", date="2026-05-29", note="test")
    assert WebhookDelivery.objects.filter(subscription=subscription).count() == 1


def test_rebuilding_boxes_twice_logs_each_change_once(article):
    ct = ContentType.objects.get_for_model(Article).pk
    tasks.analyse_article.apply(args=[ct, article.pk])
    box = ContextBox.objects.get(kind="visit", object_id=article.pk)
    ContextBox.objects.filter(pk=box.pk).update(data={**box.data, "title": "stale"})
    first, second = twice(lambda: tasks.rebuild_boxes.apply(args=[[box.pk], f"state:{box.state_id}", "test"]))
    assert first == second and ChangeLog.objects.filter(box=box).count() == 1


def test_storing_feed_visits_and_refreshing_dates_twice():
    first, second = twice(lambda: tasks.store_feed_visits.apply())
    assert first["stored"] and first == second
    first, second = twice(lambda: tasks.refresh_dates.apply())
    assert first == second


def test_dispatching_the_outbox_twice(article):
    first, second = twice(lambda: tasks.dispatch_outbox.apply())
    assert first == second


@pytest.fixture
def court_page():
    """The Court's list of defendants on loopback, with Kony shown as in custody (the data: at large)."""
    page = (FIXTURES / "icc-cases.html").read_text(encoding="utf-8")
    kony = page.index("Joseph Kony")
    page = page[:kony] + page[kony:].replace("At large", "In ICC custody", 1)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page.encode())

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/cases"
    server.shutdown()


def test_the_courts_list_proposes_a_status_change_once_and_an_editor_accepts_it(court_page, admin_client):
    first, second = twice(lambda: tasks.sync_icc_defendants.run(court_page))
    assert first == second
    [proposal] = ProposedChange.objects.filter(origin="icc-defendants", status="pending")
    assert "Joseph Kony" in proposal.summary and proposal.proposed["status"] == "in_custody"
    warrant = Warrant.objects.get(key=proposal.proposed["warrant"])
    assert warrant.status_on(date.today()) == "at_large"  # nothing written until an editor accepts
    admin_client.post(
        reverse("admin:compliance_proposedchange_changelist"), {"action": "accept", "_selected_action": [proposal.pk]}
    )
    proposal.refresh_from_db()
    assert proposal.status == "accepted"
    assert warrant.status_on(date.today()) == "in_custody"
    assert not tasks.sync_icc_defendants.run(court_page)["proposed"]  # agreed now: nothing to propose
