"""The transactional outbox: `enqueue` inside the transaction that changed the data; `dispatch`
after it commits, and periodically, until the broker has taken every message."""

import logging

from celery import current_app
from kombu.exceptions import OperationalError
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import OutboxMessage

logger = logging.getLogger(__name__)

BROKER_ERRORS = (OperationalError, ConnectionError, OSError, TimeoutError)
MAX_ATTEMPTS = 10


def enqueue(task: str, *args, key: str | None = None) -> None:
    key = key or f"{task}:{':'.join(map(str, args))}"
    try:
        with transaction.atomic():
            if not OutboxMessage.objects.filter(key=key, dispatched_at=None).exists():
                OutboxMessage.objects.create(task=task, args=list(args), key=key)
    except IntegrityError:
        pass  # another transaction queued the same work
    transaction.on_commit(dispatch, robust=True)


def dispatch(limit: int = 500) -> int:
    """Send pending messages to the broker; those that fail stay pending with their error."""
    sent = 0
    pending = list(OutboxMessage.objects.filter(dispatched_at=None).order_by("pk")[:limit])
    for message in pending:
        claimed = OutboxMessage.objects.filter(pk=message.pk, dispatched_at=None).update(
            dispatched_at=timezone.now(), attempts=message.attempts + 1)
        if not claimed:
            continue  # another dispatcher has it
        try:
            current_app.tasks[message.task].apply_async(args=message.args)
        except BROKER_ERRORS as error:
            OutboxMessage.objects.filter(pk=message.pk).update(dispatched_at=None, last_error=repr(error)[:2000])
            logger.warning("Outbox: could not send %s (%s); it stays pending", message, error)
            break  # the broker is down: the next dispatch tries again
        except Exception as error:
            # Only when tasks run in-process: the task itself failed. Keep it for a later try, visibly.
            OutboxMessage.objects.filter(pk=message.pk).update(
                dispatched_at=None if message.attempts + 1 < MAX_ATTEMPTS else timezone.now(),
                last_error=repr(error)[:2000])
            logger.exception("Outbox: %s failed", message)
            continue
        sent += 1
    return sent
