"""A task for the outbox tests: each run of its body leaves one row, so a test counts runs."""

from celery import shared_task

from compliance.ops.models import ChangeLog
from compliance.ops.tasks import Task


@shared_task(base=Task, name="tests.outbox_tasks.record_run")
def record_run(label: str) -> None:
    ChangeLog.objects.create(fact="test:outbox", reason=label)
