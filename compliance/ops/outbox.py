"""The transactional outbox: `enqueue` inside the transaction that changed the data; `dispatch`
after it commits, and every minute, until each message's task has run.

Send first, mark after, under a lease: a dispatcher that dies between the two leaves a lease that
runs out, and the message is sent again. The receiving task (`compliance.ops.tasks.OutboxTask`)
marks the message done when its work has run and skips a message already done, so a resend changes
nothing twice."""

import logging
from datetime import timedelta

from celery import current_app
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from kombu.exceptions import KombuError, OperationalError

from .models import OutboxMessage

logger = logging.getLogger(__name__)

BROKER_ERRORS = (OperationalError, KombuError, ConnectionError, OSError, TimeoutError)
MAX_ATTEMPTS = 10
# How long a sent message may take to run before it is sent again (its task skips it if it did run).
LEASE = timedelta(minutes=15)


def enqueue(task: str, *args, key: str | None = None) -> None:
    key = key or f"{task}:{':'.join(map(str, args))}"
    try:
        with transaction.atomic():
            if not OutboxMessage.objects.filter(key=key, lease_until=None, done_at=None, dead_at=None).exists():
                OutboxMessage.objects.create(task=task, args=list(args), key=key)
    except IntegrityError:
        pass  # another transaction queued the same work
    transaction.on_commit(dispatch, robust=True)


def due(now):
    """Messages to send: not done, not dead, never taken or with their lease run out."""
    return OutboxMessage.objects.filter(done_at=None, dead_at=None).filter(
        Q(lease_until=None) | Q(lease_until__lt=now))


def dispatch(limit: int = 500, lease: timedelta = LEASE) -> int:
    """Send due messages to the broker; a message that cannot be sent keeps its error and is due
    again at once."""
    sent = 0
    now = timezone.now()
    for message in list(due(now).order_by("pk")[:limit]):
        claimed = due(now).filter(pk=message.pk).update(lease_until=now + lease, attempts=message.attempts + 1)
        if not claimed:
            continue  # another dispatcher has it
        try:
            send(message)
        except BROKER_ERRORS as error:
            OutboxMessage.objects.filter(pk=message.pk).update(lease_until=timezone.now(), last_error=repr(error)[:2000])
            logger.warning("Outbox: could not send %s (%s); it stays pending", message, error)
            break  # the broker is down: the next dispatch tries again
        except Exception as error:
            # Only when tasks run in-process: the task failed, and `failed` has recorded it.
            logger.exception("Outbox: %s failed: %s", message, error)
            continue
        OutboxMessage.objects.filter(pk=message.pk, done_at=None).update(dispatched_at=timezone.now())
        sent += 1
    return sent


def send(message: OutboxMessage) -> None:
    current_app.tasks[message.task].apply_async(args=message.args, kwargs={"outbox_id": message.pk})


def is_done(message_id: int) -> bool:
    return OutboxMessage.objects.filter(pk=message_id).exclude(done_at=None).exists()


def done(message_id: int) -> None:
    OutboxMessage.objects.filter(pk=message_id, done_at=None).update(done_at=timezone.now(), last_error="")


def failed(message_id: int, error: BaseException) -> None:
    """The task of a message failed: due again at once, or dead after MAX_ATTEMPTS."""
    message = OutboxMessage.objects.filter(pk=message_id, done_at=None).first()
    if message is None:
        return
    dead = timezone.now() if message.attempts >= MAX_ATTEMPTS else None
    OutboxMessage.objects.filter(pk=message_id).update(lease_until=timezone.now(), dead_at=dead,
                                                       last_error=repr(error)[:2000])
    if dead:
        logger.error("Outbox: %s failed %d times and is dead: %s", message, message.attempts, error)


def resend(queryset) -> int:
    """Dead (or stuck) messages, due again: an editor's or operator's decision."""
    count = queryset.filter(done_at=None).update(dead_at=None, lease_until=timezone.now(), attempts=0)
    transaction.on_commit(dispatch, robust=True)
    return count
