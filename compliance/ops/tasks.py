"""The base class of the app's Celery tasks (after pretix's): what every task needs, in one place.

- **Outbox messages.** A task sent by the outbox gets the message's id (`outbox_id`). It skips a
  message already done, marks the message done when its work has run, and records a failure (the
  message is sent again, or is dead after too many). Work is therefore done once per message,
  however often the message is delivered.
- **Run records.** With `recorded = True`, each run's start, success and error are kept for
  editors (*Task runs*); `run_record()` gives the record to the task.
- **Limits.** Late acknowledgement, redelivery when a worker dies, a soft and a hard time limit,
  and no result backend round trip.
- **Dispatch on commit.** `Task.enqueue(*args)` writes an outbox message in the caller's
  transaction; it is sent after the commit.
"""

import inspect
from contextlib import contextmanager
from functools import cached_property

import celery
from celery.exceptions import Retry
from django.utils import timezone

from . import outbox
from .models import TaskRun


@contextmanager
def recorded(name: str):
    """Record a run's start, success or error under `name`, for the admin."""
    TaskRun.objects.update_or_create(name=name, defaults={"last_started": timezone.now()})
    try:
        yield TaskRun.objects.get(name=name)
    except Exception as error:
        TaskRun.objects.filter(name=name).update(last_error_at=timezone.now(), last_error=repr(error)[:2000])
        raise
    TaskRun.objects.filter(name=name).update(last_success=timezone.now(), last_error="")


class Task(celery.Task):
    typing = False  # `outbox_id` is taken by `__call__`, not by the task's own function
    acks_late = True
    reject_on_worker_lost = True
    ignore_result = True
    soft_time_limit = 540
    time_limit = 600
    recorded = False

    @property
    def short_name(self) -> str:
        return self.name.rsplit(".", 1)[-1]

    @cached_property
    def wants_outbox_id(self) -> bool:
        return "outbox_id" in inspect.signature(self.run).parameters

    def __call__(self, *args, outbox_id: int | None = None, **kwargs):
        if outbox_id is not None and outbox.is_done(outbox_id):
            return None
        if self.wants_outbox_id:
            kwargs["outbox_id"] = outbox_id
        try:
            if self.recorded:
                with recorded(self.short_name):
                    result = super().__call__(*args, **kwargs)
            else:
                result = super().__call__(*args, **kwargs)
        except Retry:
            raise  # Celery sends it again, outbox id included
        except Exception as error:
            if outbox_id is not None:
                outbox.failed(outbox_id, error)
            raise
        if outbox_id is not None:
            outbox.done(outbox_id)
        return result

    def run_record(self) -> TaskRun:
        return TaskRun.objects.get(name=self.short_name)

    def enqueue(self, *args, key: str | None = None) -> None:
        outbox.enqueue(self.name, *args, key=key)
