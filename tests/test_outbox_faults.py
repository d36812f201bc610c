"""Saves never wait on the broker, and no work is lost or done twice around Redis faults: Redis
stopped during saves, restarted empty with messages on its queue, a result backend that is down.

Each test runs a real Celery worker on its own redis-server (see test_worker.py; never the Redis on
6379) and needs PostgreSQL, which the worker process shares with the test."""

import re
import socket
import time

import pytest
from django.contrib.contenttypes.models import ContentType

from compliance.models import OutboxMessage
from compliance.ops import outbox
from newsroom.celery import app
from newsroom.models import Article
from tests.test_worker import boxes_of, free_port, live, reset_connections, seed_article, wait_for  # noqa: F401

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def services(request):
    """(redis, worker): test_worker's `live`."""
    return request.getfixturevalue("live")


# What a save may cost at most, whatever the broker does: a fraction of a second.
FAST = 0.5
ANALYSE = "compliance.tasks.analyse_article"


def timed_save(slug: str) -> tuple[Article, float]:
    started = time.monotonic()
    article = seed_article(slug)
    return article, time.monotonic() - started


def message_of(article) -> OutboxMessage:
    return OutboxMessage.objects.get(task=ANALYSE, args=[ContentType.objects.get_for_model(Article).pk, article.pk])


def analyses_run(worker) -> int:
    """How many times the worker ran an article's analysis (a delivery of a message already done
    returns None: it was skipped, not run)."""
    log = worker.log.read_text(errors="replace")
    return len(re.findall(r"analyse_article\[[0-9a-f-]+\] succeeded in [0-9.e-]+s: \{", log))


def drain(articles, what: str, timeout: float = 120):
    """Run the periodic dispatcher until every article's analysis is done."""

    def finished():
        outbox.dispatch()
        return all(message_of(a).done_at is not None for a in articles)

    wait_for(finished, what, timeout=timeout)


def test_saves_while_redis_is_down_are_fast_and_every_analysis_is_done_once_when_it_is_back(services):
    redis, worker = services
    redis.stop()
    saved = [timed_save(f"down-{n}") for n in range(6)]
    slowest = max(seconds for _, seconds in saved)
    assert slowest < FAST, f"a save took {slowest:.2f} s with Redis down"
    articles = [article for article, _ in saved]
    assert all(message_of(a).done_at is None for a in articles)
    wait_for(
        lambda: OutboxMessage.objects.filter(task=ANALYSE).exclude(last_error="").exists(),
        "the failed send to be recorded",
    )

    redis.start()  # empty: it kept nothing
    worker.stop()
    worker.start()
    drain(articles, "every analysis to be done")
    lost = [a.pk for a in articles if not boxes_of(a).filter(kind="visit").exists()]
    print(
        f"{len(articles)} saves with Redis down: slowest {slowest:.3f} s; analyses lost: {len(lost)}; "
        f"analyses run: {analyses_run(worker)}"
    )  # the figures
    assert lost == []
    assert all(message_of(a).dead_at is None for a in articles)
    assert analyses_run(worker) == len(articles)


def test_a_broker_restarted_empty_loses_no_work(services, settings):
    redis, worker = services
    settings.COMPLIANCE_OUTBOX_LEASE = 3  # resent this long after a send whose task has not run
    worker.stop()  # the messages wait on the broker's queue...
    articles = []
    for n in range(5):
        article, seconds = timed_save(f"queued-{n}")
        assert seconds < FAST
        articles.append(article)
    wait_for(lambda: all(message_of(a).dispatched_at is not None for a in articles), "the messages to be sent")
    redis.stop()  # ...which a restart without persistence loses
    redis.start()
    reset_connections(app)
    worker.start()
    drain(articles, "the lost messages to be sent again and run")
    for article in articles:
        assert boxes_of(article).filter(kind="visit").exists()
    time.sleep(4)  # a lease running out after the work was done sends nothing again
    outbox.dispatch()
    assert analyses_run(worker) == len(articles)


def test_a_save_does_not_wait_on_a_broker_that_accepts_connections_and_never_answers(services):
    redis, worker = services
    silent = socket.socket()
    silent.bind(("127.0.0.1", free_port()))
    silent.listen(16)  # accepts, never replies
    real = app.conf.broker_url
    app.conf.broker_url = f"redis://127.0.0.1:{silent.getsockname()[1]}/0"
    reset_connections(app)
    try:
        saved = [timed_save(f"hung-{n}") for n in range(3)]
        assert max(seconds for _, seconds in saved) < FAST
    finally:
        app.conf.broker_url = real
        reset_connections(app)
        silent.close()
    articles = [article for article, _ in saved]
    drain(articles, "the work to be sent to the real broker")
    assert analyses_run(worker) == len(articles)


def test_a_result_backend_that_is_down_neither_slows_a_save_nor_stops_the_work(services):
    redis, worker = services
    real = app.conf.result_backend
    app.conf.result_backend = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    try:
        article, seconds = timed_save("no-backend")
        assert seconds < FAST
        drain([article], "the analysis")
    finally:
        app.conf.result_backend = real
    assert boxes_of(article).filter(kind="visit").exists()
