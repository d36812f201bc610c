"""Webhook deliveries: which partners a changed fact concerns, and a signed POST to each."""

import hashlib
import hmac
import json
import urllib.error
import urllib.request

from django.utils import timezone

from ..facts import dependencies
from ..facts.models import Person, State
from . import targets
from .models import WebhookDelivery, WebhookSubscription

# How much of a partner's answer is kept, in bytes.
EXCERPT = 200


class DeliveryFailed(Exception):
    """The partner did not accept the delivery; it is retried with backoff."""


def subjects(fact: str) -> tuple[set[int], set[int]]:
    """(person ids, state ids) a fact reference is about, as the dependency registry declares."""
    return dependencies.subjects(fact)


def queue_for(fact: str, reason: str, change: str) -> list[int]:
    """The deliveries, not yet made, of the change `change` (its idempotency key) to every partner
    subscribed to what `fact` is about: created once, however often this runs."""
    persons, states = subjects(fact)
    if not persons and not states:
        return []
    subscriptions = (
        WebhookSubscription.objects.filter(active=True, api_key__active=True)
        .filter(models_q(persons, states))
        .distinct()
    )
    event = {
        "fact": fact,
        "reason": reason,
        "at": timezone.now().isoformat(),
        "persons": [{"id": p.pk, "name": p.name, "qid": p.qid} for p in Person.objects.filter(pk__in=persons)],
        "states": [{"id": s.pk, "iso3": s.iso3} for s in State.objects.filter(pk__in=states)],
    }
    WebhookDelivery.objects.bulk_create(
        [WebhookDelivery(subscription=s, event=event, idempotency_key=change) for s in subscriptions],
        ignore_conflicts=True,
    )
    return list(
        WebhookDelivery.objects.filter(subscription__in=subscriptions, idempotency_key=change)
        .exclude(status=WebhookDelivery.Status.DELIVERED)
        .values_list("pk", flat=True)
    )


def models_q(persons, states):
    from django.db.models import Q

    return Q(persons__in=persons) | Q(states__in=states)


def excerpt(body: bytes) -> str:
    """What is kept of a partner's answer: its first EXCERPT bytes as text, control characters
    written as escapes (the admin escapes the HTML). Never the whole body."""
    text = body[:EXCERPT].decode(errors="replace")
    return "".join(c if c.isprintable() or c == " " else c.encode("unicode_escape").decode() for c in text)


def signature(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def deliver(delivery: WebhookDelivery, timeout: float = 10) -> None:
    body = json.dumps({"delivery": delivery.pk, **delivery.event}, ensure_ascii=False).encode()
    request = urllib.request.Request(
        delivery.subscription.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "newsroom-compliance-webhooks/1.0",
            "X-Webhook-Delivery": str(delivery.pk),
            "Idempotency-Key": delivery.idempotency_key,
            "X-Signature-SHA256": signature(delivery.subscription.secret, body),
        },
    )
    delivery.attempts += 1
    try:
        targets.check(delivery.subscription.url)  # again at send: the name may resolve elsewhere now
        with targets.opener().open(request, timeout=timeout) as response:
            delivery.response_code, delivery.response_excerpt = response.status, excerpt(response.read(EXCERPT))
    except urllib.error.HTTPError as error:  # a non-2xx answer, a redirect included (never followed)
        delivery.response_code, delivery.response_excerpt = error.code, excerpt(error.read(EXCERPT))
    except targets.Refused as error:
        delivery.response_code, delivery.response_excerpt = None, excerpt(f"refused: {error}".encode())
    except (urllib.error.URLError, OSError) as error:
        delivery.response_code, delivery.response_excerpt = None, excerpt(repr(error).encode())
    ok = delivery.response_code is not None and 200 <= delivery.response_code < 300
    delivery.status = WebhookDelivery.Status.DELIVERED if ok else WebhookDelivery.Status.PENDING
    delivery.delivered_at = timezone.now() if ok else None
    delivery.save()
    if not ok:
        raise DeliveryFailed(f"{delivery.subscription.url}: {delivery.response_code or delivery.response_excerpt}")
