"""The transactional outbox: `enqueue` inside the transaction that changed the data; `dispatch`
after it commits, and every minute, until each message's task has run.

A save never waits on the broker. After the commit it only wakes this process's dispatcher thread,
which sends what is due; a broker (or result backend) that is down or hangs slows that thread, not
the request, and the periodic *Dispatch pending work* picks up whatever the thread could not send.
Only when tasks run in-process (no broker at all, `task_always_eager`) is the work done at once.

Send first, mark after, under a lease: a dispatcher that dies between the two leaves a lease that
runs out, and the message is sent again. The receiving task (base class `compliance.ops.tasks.Task`)
marks the message done when its work has run and skips a message already done, so a resend changes
nothing twice."""

import logging
import os
import threading
from datetime import timedelta

from celery import current_app
from django.db import IntegrityError, connections, transaction
from django.db.models import Q
from django.utils import timezone

from .. import conf
from .models import OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10


def lease_time() -> timedelta:
    """How long a sent message may take to run before it is sent again (its task skips it if it did
    run): what bounds the work lost by a broker that forgets its queue (COMPLIANCE_OUTBOX_LEASE)."""
    return timedelta(seconds=conf.get("OUTBOX_LEASE"))


def enqueue(task: str, *args, key: str | None = None) -> None:
    key = key or f"{task}:{':'.join(map(str, args))}"
    try:
        with transaction.atomic():
            if not OutboxMessage.objects.filter(key=key, lease_until=None, done_at=None, dead_at=None).exists():
                OutboxMessage.objects.create(task=task, args=list(args), key=key)
    except IntegrityError:
        pass  # another transaction queued the same work
    transaction.on_commit(dispatch_soon, robust=True)


def dispatch_soon() -> None:
    """After a commit: have the new work sent, without the caller waiting on the broker."""
    if current_app.conf.task_always_eager:
        dispatch()  # no broker: the tasks run here and now, as the site does with no services
    else:
        _background.wake()


class _Dispatcher:
    """One daemon thread per process that sends due messages whenever it is woken. Wakes while it
    is busy coalesce into one more pass, so a slow broker never piles up threads or connections."""

    def __init__(self):
        self.wanted = threading.Event()
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None
        self.pid = None

    def wake(self) -> None:
        with self.lock:
            if self.thread is None or self.pid != os.getpid() or not self.thread.is_alive():
                self.pid = os.getpid()  # threads do not survive a fork: start one in this process
                self.thread = threading.Thread(target=self.run, name="compliance-outbox", daemon=True)
                self.thread.start()
        self.wanted.set()

    def run(self) -> None:
        while True:
            self.wanted.wait()
            self.wanted.clear()
            try:
                dispatch()
            except Exception:
                logger.exception("Outbox: the background dispatch failed; the periodic dispatch will retry")
            finally:
                connections.close_all()


_background = _Dispatcher()


def due(now):
    """Messages to send: not done, not dead, never taken or with their lease run out."""
    return OutboxMessage.objects.filter(done_at=None, dead_at=None).filter(Q(lease_until=None) | Q(lease_until__lt=now))


def dispatch(limit: int = 500, lease: timedelta | None = None) -> int:
    """Send due messages to the broker; a message that cannot be sent keeps its error and is due
    again at once (a failed send does not count as an attempt of its task)."""
    sent = 0
    now = timezone.now()
    lease = lease or lease_time()
    eager = current_app.conf.task_always_eager
    for message in list(due(now).order_by("pk")[:limit]):
        claimed = due(now).filter(pk=message.pk).update(lease_until=now + lease, attempts=message.attempts + 1)
        if not claimed:
            continue  # another dispatcher has it
        try:
            send(message)
        except Exception as error:
            if eager:
                # The task ran in-process and failed; `failed` has recorded it.
                logger.exception("Outbox: %s failed: %s", message, error)
                continue
            # Whatever the broker or the result backend raised (kombu, redis-py, a socket error).
            OutboxMessage.objects.filter(pk=message.pk).update(
                lease_until=timezone.now(), attempts=message.attempts, last_error=repr(error)[:2000]
            )
            logger.warning("Outbox: could not send %s (%s); it stays pending", message, error)
            break  # the broker is down: the next dispatch tries again
        OutboxMessage.objects.filter(pk=message.pk).update(dispatched_at=timezone.now())
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
    OutboxMessage.objects.filter(pk=message_id).update(
        lease_until=timezone.now(), dead_at=dead, last_error=repr(error)[:2000]
    )
    if dead:
        logger.error("Outbox: %s failed %d times and is dead: %s", message, message.attempts, error)


def resend(queryset) -> int:
    """Dead (or stuck) messages, due again: an editor's or operator's decision."""
    count = queryset.filter(done_at=None).update(dead_at=None, lease_until=timezone.now(), attempts=0)
    transaction.on_commit(dispatch_soon, robust=True)
    return count
