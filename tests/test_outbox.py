"""The outbox sends first and marks after, under a lease: a crash at any point leads to a resend, and
a resend changes nothing twice, because the task marks its message done and skips a done one."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from celery import current_app
from django.utils import timezone

import tests.outbox_tasks  # noqa: F401 - registers the counting task
from compliance.ops import outbox
from compliance.ops.models import ChangeLog, OutboxMessage

ROOT = Path(__file__).resolve().parent.parent
TASK = "tests.outbox_tasks.record_run"


def runs(label: str) -> int:
    return ChangeLog.objects.filter(fact="test:outbox", reason=label).count()


@pytest.mark.django_db
def test_a_message_is_done_only_when_its_task_has_run_and_a_redelivery_changes_nothing(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        outbox.enqueue(TASK, "once")
    message = OutboxMessage.objects.get(task=TASK)
    assert message.done_at is not None and message.dispatched_at is not None and runs("once") == 1
    current_app.tasks[TASK].apply(args=["once"], kwargs={"outbox_id": message.pk})  # the broker delivers it again
    outbox.dispatch()
    assert runs("once") == 1


@pytest.mark.django_db
def test_a_lease_that_runs_out_before_the_task_ran_sends_the_message_again(monkeypatch):
    sent = []
    monkeypatch.setattr(outbox, "send", lambda message: sent.append(message.pk))  # a broker that loses it
    outbox.enqueue(TASK, "lost")
    message = OutboxMessage.objects.get(task=TASK)
    assert outbox.dispatch(lease=timedelta(minutes=5)) == 1 and sent == [message.pk]
    assert outbox.dispatch() == 0  # leased: nobody else sends it
    OutboxMessage.objects.filter(pk=message.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    assert outbox.dispatch() == 1 and sent == [message.pk, message.pk]
    monkeypatch.undo()
    OutboxMessage.objects.filter(pk=message.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    outbox.dispatch()
    assert runs("lost") == 1 and OutboxMessage.objects.get(pk=message.pk).done_at is not None


@pytest.mark.django_db
def test_new_work_coalesces_with_a_message_not_yet_taken_but_never_with_one_being_run(monkeypatch):
    monkeypatch.setattr(outbox, "send", lambda message: None)
    outbox.enqueue(TASK, "a", key="k")
    outbox.enqueue(TASK, "a", key="k")
    assert OutboxMessage.objects.filter(key="k").count() == 1
    outbox.dispatch()  # taken: it may already have read the data
    outbox.enqueue(TASK, "a", key="k")
    assert OutboxMessage.objects.filter(key="k").count() == 2


@pytest.mark.django_db
def test_a_task_that_keeps_failing_becomes_dead_visibly_and_can_be_sent_again(monkeypatch, admin_client):
    def broken(message):
        outbox.failed(message.pk, RuntimeError("the task broke"))
        raise RuntimeError("the task broke")

    monkeypatch.setattr(outbox, "send", broken)
    outbox.enqueue(TASK, "broken")
    message = OutboxMessage.objects.get(task=TASK)
    for _ in range(outbox.MAX_ATTEMPTS):
        OutboxMessage.objects.filter(pk=message.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
        outbox.dispatch()
    message.refresh_from_db()
    assert message.dead_at is not None and message.done_at is None and "the task broke" in message.last_error
    assert outbox.dispatch() == 0  # dead messages wait for a person
    page = admin_client.get("/admin/compliance/outboxmessage/", {"state": "dead"})
    assert page.status_code == 200 and "the task broke" in page.content.decode()
    monkeypatch.undo()
    admin_client.post("/admin/compliance/outboxmessage/", {"action": "send_again", "_selected_action": [message.pk]})
    outbox.dispatch()
    message.refresh_from_db()
    assert message.dead_at is None and message.done_at is not None and runs("broken") == 1


KILL_AFTER_SEND = """
import os, signal, django
django.setup()
import tests.outbox_tasks
from compliance.ops import outbox
real_send = outbox.send
def send_then_die(message):
    real_send(message)
    os.kill(os.getpid(), signal.SIGKILL)   # between send and mark
outbox.send = send_then_die
from datetime import timedelta
outbox.dispatch(lease=timedelta(seconds=float(os.environ["LEASE"])))
"""


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_dispatcher_killed_between_send_and_mark_loses_nothing_and_repeats_nothing(postgres_db, tmp_path):
    from tests.test_worker import Redis, Worker, reset_connections, wait_for

    redis = Redis()
    redis.start()
    queue = f"outbox-{os.getpid()}"
    saved = {k: current_app.conf[k] for k in ("task_always_eager", "broker_url", "task_default_queue")}
    current_app.conf.update(task_always_eager=False, broker_url=redis.url, task_default_queue=queue)
    reset_connections(current_app)
    worker = Worker(redis, queue, tmp_path / "worker.log")
    worker.args = ["-I", "tests.outbox_tasks"]
    try:
        OutboxMessage.objects.create(task=TASK, args=["killed"], key="killed")  # committed: no dispatch yet
        message = OutboxMessage.objects.get(key="killed")
        env = {**worker.env, "LEASE": "2", "DJANGO_SETTINGS_MODULE": "newsroom.settings"}
        result = subprocess.run([sys.executable, "-c", KILL_AFTER_SEND], cwd=ROOT, env=env, capture_output=True)
        assert result.returncode == -9, result.stderr.decode()[-2000:]
        message.refresh_from_db()
        assert message.lease_until is not None and message.dispatched_at is None and message.done_at is None
        redis.stop()  # and the broker loses what it had: a restart without persistence
        redis.start()
        worker.start()
        wait_for(lambda: timezone.now() > OutboxMessage.objects.get(pk=message.pk).lease_until, "the lease to end")
        assert outbox.dispatch() == 1  # sent again
        wait_for(lambda: OutboxMessage.objects.get(pk=message.pk).done_at is not None, "the task to run")
        assert runs("killed") == 1
        # the first send reaches a worker after all (the broker kept it): the task skips a done message
        current_app.tasks[TASK].apply_async(args=["killed"], kwargs={"outbox_id": message.pk})
        current_app.tasks[TASK].apply_async(args=["probe"])
        wait_for(lambda: runs("probe") == 1, "the worker to take the later messages")
        assert runs("killed") == 1
    finally:
        worker.stop()
        redis.stop()
        current_app.conf.update(**saved)
        reset_connections(current_app)
