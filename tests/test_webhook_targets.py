"""Webhooks cannot be turned against us: https to public addresses only, refused at save and again
at send; redirects are not followed; only a short excerpt of the answer is kept."""

import http.server
import socket
import threading

import pytest
from django.core.exceptions import ValidationError

from compliance.feed import webhooks
from compliance.models import ApiKey, WebhookDelivery, WebhookSubscription

pytestmark = pytest.mark.django_db

PUBLIC = "https://93.184.215.14/hooks/icc"  # an address on the public internet (nothing is sent to it)


@pytest.fixture
def key():
    return ApiKey.issue("Example Daily")[0]


@pytest.mark.parametrize(
    "url",
    [
        "http://93.184.215.14/hooks/icc",  # not https
        "ftp://93.184.215.14/hooks/icc",
        "https://127.0.0.1/hooks",  # loopback
        "https://localhost/hooks",  # a name for loopback
        "https://[::1]/hooks",
        "https://[::ffff:127.0.0.1]/hooks",  # loopback, IPv4 written as IPv6
        "https://10.1.2.3/hooks",  # private
        "https://192.168.0.10/hooks",
        "https://172.16.5.4/hooks",
        "https://169.254.169.254/latest/meta-data/",  # link-local: cloud metadata
        "https://100.64.0.1/hooks",  # shared address space
        "https://0.0.0.0/hooks",
        "https://user:pass@93.184.215.14/hooks",  # credentials in the URL
        "https://no-such-host.invalid/hooks",  # resolves to nothing
    ],
)
def test_a_webhook_to_anything_but_a_public_https_address_is_refused_at_save(key, url):
    with pytest.raises(ValidationError):
        WebhookSubscription(api_key=key, url=url).full_clean()


def test_a_webhook_to_a_public_https_address_is_accepted(key):
    WebhookSubscription(api_key=key, url=PUBLIC).full_clean()


def delivery_to(key, url) -> WebhookDelivery:
    subscription = WebhookSubscription.objects.create(api_key=key, url=PUBLIC)
    WebhookSubscription.objects.filter(pk=subscription.pk).update(url=url)  # behind the validator's back
    return WebhookDelivery.objects.create(
        subscription=WebhookSubscription.objects.get(pk=subscription.pk),
        event={"fact": "state:1"},
        idempotency_key="test",
    )


def test_a_target_stored_behind_the_forms_back_is_refused_at_send_and_never_contacted(key):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    listener.settimeout(0.5)
    delivery = delivery_to(key, f"https://127.0.0.1:{listener.getsockname()[1]}/hooks")
    with pytest.raises(webhooks.DeliveryFailed):
        webhooks.deliver(delivery)
    with pytest.raises(TimeoutError):
        listener.accept()  # nobody connected
    listener.close()
    delivery.refresh_from_db()
    assert delivery.status == "pending" and delivery.response_code is None
    assert "not public" in delivery.response_excerpt


@pytest.fixture
def endpoint():
    """A partner's endpoint on loopback (reachable only with COMPLIANCE_WEBHOOK_PRIVATE_TARGETS, a
    development setting) that answers with what the test sets, and counts what it gets."""
    state = {"status": 200, "body": b"ok", "headers": {}, "hits": 0}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            state["hits"] += 1
            self.send_response(state["status"])
            for name, value in state["headers"].items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(state["body"])

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/hook", state
    server.shutdown()


def test_only_a_short_escaped_excerpt_of_the_answer_is_kept(key, endpoint, settings):
    settings.COMPLIANCE_WEBHOOK_PRIVATE_TARGETS = True
    url, state = endpoint
    state["body"] = b"<script>alert(1)</script>\x00\x1b[31m" + b"x" * 1_000_000
    delivery = delivery_to(key, url)
    webhooks.deliver(delivery)
    delivery.refresh_from_db()
    assert delivery.status == "delivered"
    assert len(delivery.response_excerpt) <= 2 * webhooks.EXCERPT
    assert "\x00" not in delivery.response_excerpt and "\x1b" not in delivery.response_excerpt
    assert delivery.response_excerpt.startswith("<script>alert(1)</script>\\x00\\x1b[31mxxx")


def test_a_redirect_is_recorded_and_never_followed(key, endpoint, settings):
    settings.COMPLIANCE_WEBHOOK_PRIVATE_TARGETS = True
    url, state = endpoint
    state.update(status=302, headers={"Location": url + "/elsewhere"})
    delivery = delivery_to(key, url)
    with pytest.raises(webhooks.DeliveryFailed):
        webhooks.deliver(delivery)
    delivery.refresh_from_db()
    assert delivery.response_code == 302 and state["hits"] == 1
