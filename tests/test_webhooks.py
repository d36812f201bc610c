import hashlib
import hmac
import http.server
import json
import threading

import pytest

from compliance.feed.webhooks import DeliveryFailed
from compliance.models import ApiKey, State, TreatyEvent, WebhookDelivery, WebhookSubscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner():
    """A partner's endpoint on loopback that answers 500 once, then 200, and keeps what it got."""
    received, answers = [], [500]

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.headers, body))
            self.send_response(answers.pop(0) if answers else 200)
            self.end_headers()
            self.wfile.write(b"thanks")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/hook", received
    server.shutdown()


def test_a_change_to_a_followed_state_is_delivered_signed_and_retried(
    partner, django_capture_on_commit_callbacks, settings
):
    settings.COMPLIANCE_WEBHOOK_PRIVATE_TARGETS = True  # the partner's endpoint is on loopback, over http
    url, received = partner
    key, _ = ApiKey.issue("Example Daily")
    hungary, mongolia = State.objects.get(iso3="HUN"), State.objects.get(iso3="MNG")
    subscription = WebhookSubscription.objects.create(api_key=key, url=url)
    subscription.states.add(hungary)
    other = WebhookSubscription.objects.create(api_key=key, url=url + "/other")
    other.states.add(mongolia)
    with django_capture_on_commit_callbacks(execute=True):
        TreatyEvent.objects.create(
            state=hungary, kind="withdrawal_revoked", date="2026-05-29", note="test: a revocation"
        )
    delivery = WebhookDelivery.objects.get(subscription=subscription)
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("pending", 1, 500)  # logged, kept
    from compliance.tasks import deliver_webhook

    assert deliver_webhook.autoretry_for == (DeliveryFailed,) and deliver_webhook.retry_backoff
    deliver_webhook.apply(args=[delivery.pk])  # what the worker's retry, after its backoff, does
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("delivered", 2, 200)
    assert not WebhookDelivery.objects.filter(subscription=other).exists()
    headers, body = received[-1]
    assert headers["X-Signature-SHA256"] == hmac.new(subscription.secret.encode(), body, hashlib.sha256).hexdigest()
    assert json.loads(body)["states"] == [{"id": hungary.pk, "iso3": "HUN"}]
