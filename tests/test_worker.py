"""A real Celery worker on a real Redis: boxes built by the worker, updates when a date passes,
nothing lost while Redis is down, a killed worker's task done again, once in effect.

Each test starts its own redis-server (on a free port, so it can stop and start it) and worker
processes that use the test database. They need PostgreSQL (two processes share the database)."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from compliance.editorial import articles
from compliance.facts import dataset
from compliance.models import ChangeLog, ContextBox, OutboxMessage, State, TaskRun
from newsroom.models import Article
from tests.conftest import need_service

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Redis:
    def __init__(self):
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            need_service("redis-server", "Install Redis (Debian package redis-server).")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        wait_for(lambda: _ping(self.port), "redis-server to start")

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(10)
            self.process = None


def _ping(port) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def wait_for(condition, what: str, timeout: float = 90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    raise AssertionError(f"Timed out waiting for {what}.")


class Worker:
    def __init__(self, redis: Redis, queue: str, log: Path):
        db = connection.settings_dict
        self.env = {
            **os.environ,
            "REDIS_URL": redis.url,
            "CELERY_QUEUE": queue,
            "CELERY_VISIBILITY_TIMEOUT": "5",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        }
        self.queue, self.log, self.process = queue, log, None
        self.args: list[str] = []  # e.g. ["-I", "tests.outbox_tasks"] for tasks defined by tests

    def start(self, concurrency: int = 1):
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "newsroom",
                "worker",
                "-Q",
                self.queue,
                "-c",
                str(concurrency),
                "-l",
                "info",
                "--without-gossip",
                "--without-mingle",
                "-n",
                f"{self.queue}-{time.monotonic_ns()}@%h",
                *self.args,
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(lambda: b"ready." in self.log.read_bytes(), "the worker to be ready")

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def live(postgres_db, tmp_path):
    """Tasks go to a real worker through a private redis-server."""
    from newsroom.celery import app

    if State.objects.count() == 0:  # a previous transactional test emptied the database
        dataset.load(dataset.read())
    redis = Redis()
    redis.start()
    queue = f"test-{os.getpid()}-{time.monotonic_ns()}"
    saved = {k: app.conf[k] for k in ("task_always_eager", "broker_url", "task_default_queue")}
    app.conf.update(task_always_eager=False, broker_url=redis.url, task_default_queue=queue)
    reset_connections(app)
    worker = Worker(redis, queue, tmp_path / "worker.log")
    worker.start()
    yield redis, worker
    worker.stop()
    redis.stop()
    app.conf.update(**saved)
    reset_connections(app)


def reset_connections(app):
    """Forget pooled broker connections, so the next message goes to the broker now configured."""
    import kombu.pools

    kombu.pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


SEED_BODY = (
    "Russian President Vladimir Putin arrived in Tajikistan on Oct. 8, despite an active arrest warrant "
    "issued by the International Criminal Court.\n\nTajikistan ratified the Rome Statute in 1999."
)


def seed_article(slug="seed") -> Article:
    return Article.objects.create(
        headline="Tajikistan lets Putin enter despite ICC arrest warrant",
        slug=slug,
        body=SEED_BODY,
        language="en",
        status="published",
        published_at="2025-10-08T12:00:00Z",
    )


def boxes_of(article):
    return ContextBox.objects.filter(content_type=ContentType.objects.get_for_model(Article), object_id=article.pk)


def test_a_saved_article_gets_its_boxes_from_the_worker(live):
    article = seed_article()
    wait_for(lambda: boxes_of(article).filter(kind="visit", state__iso3="TJK").exists(), "the visit box")
    message = OutboxMessage.objects.get(
        task="compliance.tasks.analyse_article", args=[ContentType.objects.get_for_model(Article).pk, article.pk]
    )
    wait_for(lambda: OutboxMessage.objects.get(pk=message.pk).done_at is not None, "the message to be marked done")


def test_a_withdrawal_taking_effect_updates_published_boxes(live):
    article = Article.objects.create(
        headline="Netanyahu lands in Hungary",
        slug="hu",
        body="Benjamin Netanyahu arrived in Hungary on a state visit.",
        status="published",
        published_at="2025-04-03T12:00:00Z",
    )
    wait_for(lambda: boxes_of(article).filter(kind="visit").exists(), "the visit box")
    box = boxes_of(article).get(kind="visit")
    articles.store(
        box,
        articles.build(box.kind, box.person, box.state, date(2025, 4, 3), "en", date(2026, 5, 1)),
        date(2025, 4, 3),
        "en",
    )  # the box as it stood before the withdrawal took effect
    assert not any(
        "took effect" in line["text"] for line in ContextBox.objects.get(pk=box.pk).data["since_publication"]
    )
    TaskRun.objects.update_or_create(name="refresh_dates", defaults={"done_through": date(2026, 5, 1)})
    from compliance.tasks import refresh_dates

    refresh_dates.delay()

    def updated():
        lines = ContextBox.objects.get(pk=box.pk).data["since_publication"]
        return any(
            "withdrawal from the Rome Statute took effect" in line["text"] and line["date"] == "2026-06-02"
            for line in lines
        )

    wait_for(updated, "the Update line")
    assert ChangeLog.objects.filter(box=box).exists()
    assert TaskRun.objects.get(name="refresh_dates").last_success is not None


def test_nothing_is_lost_while_redis_is_down(live):
    redis, worker = live
    redis.stop()
    article = seed_article("while-down")  # the save succeeds; the work waits in the outbox
    pending = OutboxMessage.objects.filter(done_at=None, task="compliance.tasks.analyse_article")
    assert pending.count() == 1
    # The save did not wait: the outbox's thread tries to send, and records why it could not.
    wait_for(lambda: pending.get().last_error != "", "the failed send to be recorded")
    assert pending.get().dispatched_at is None
    redis.start()
    worker.stop()
    worker.start()
    from compliance.ops import outbox

    wait_for(lambda: outbox.dispatch() >= 0 and not pending.exists(), "the outbox's work to be done")
    wait_for(lambda: boxes_of(article).filter(kind="visit").exists(), "the visit box")


def test_a_killed_worker_leaves_no_half_written_box_and_the_work_is_done_once(live, tmp_path):
    redis, worker = live
    article = seed_article("killed")
    wait_for(lambda: boxes_of(article).exists(), "the boxes")
    template = boxes_of(article).get(kind="visit")
    # many articles whose boxes rest on the same fact
    copies = Article.objects.bulk_create(  # bulk: no analysis queued ahead of the rebuild
        [Article(headline=f"Copy {n}", slug=f"copy-{n}", body="Text.", status="draft") for n in range(300)]
    )
    clones = []
    for clone in copies:
        clones.append(
            ContextBox(
                content_type=template.content_type,
                object_id=clone.pk,
                kind="visit",
                person=template.person,
                state=template.state,
                slot=template.slot,
                data={"facts": [], "stale": True},
                language="en",
                origin="manual",
                status="approved",
            )
        )  # kept when the copies are analysed
    created = ContextBox.objects.bulk_create(clones)
    from compliance.models import BoxFact
    from compliance.tasks import rebuild_boxes

    BoxFact.objects.bulk_create([BoxFact(box=b, fact="state:test") for b in created])
    rebuild_boxes.delay([b.pk for b in created], "state:test", "test")
    wait_for(
        lambda: ContextBox.objects.filter(pk__in=[b.pk for b in created], data__stale=True).count() < 295,
        "the rebuild to start",
    )
    worker.kill()
    # Each box is as it was or wholly rebuilt: never a box whose data lacks what every built box has.
    for data in ContextBox.objects.filter(pk__in=[b.pk for b in created]).values_list("data", flat=True):
        assert data == {"facts": [], "stale": True} or (data["title"] and data["verdict"]["text"] and data["facts"])
    worker.start()
    wait_for(
        lambda: not ContextBox.objects.filter(pk__in=[b.pk for b in created], data__stale=True).exists(),
        "a new worker to finish the task",
        timeout=400,
    )  # redelivery waits for Redis' visibility timeout
    assert ChangeLog.objects.filter(fact="state:test").count() == len(created)  # each box changed once
