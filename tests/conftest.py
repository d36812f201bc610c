import os

import pytest

from compliance.facts import dataset

IN_CI = bool(os.environ.get("CI"))


def need_service(what: str, how_to_start: str):
    """Fail under CI, skip locally, when a service the test needs is missing."""
    message = f"{what} is not available. {how_to_start}"
    if IN_CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture
def postgres_db(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        need_service(
            "PostgreSQL", "Start it and set DATABASE_URL=postgres://postgres@127.0.0.1:5432/test (see .ci/run)."
        )
    return connection


@pytest.fixture
def redis_url():
    url = os.environ.get("REDIS_URL")
    if not url:
        need_service("Redis", "Start redis-server and set REDIS_URL=redis://127.0.0.1:6379/0 (see .ci/run).")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError as error:
        need_service(f"Redis at {url} ({error})", "Start redis-server (see README).")
    return url


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every database test sees the shipped reference dataset, loaded once per session."""
    with django_db_blocker.unblock():
        dataset.load(dataset.read())


# Hosts other than the demo newsroom have suites of their own, run with their own settings
# (scripts/test.sh): tests/host with DJANGO_SETTINGS_MODULE=hostsite.settings.
HOST_SUITES = {"host": "hostsite.settings", "wagtail_host": "wagtail_host.settings"}
collect_ignore = [
    folder for folder, settings in HOST_SUITES.items() if os.environ.get("DJANGO_SETTINGS_MODULE") != settings
]


def pytest_configure(config):
    """Tests run Celery tasks in-process, as the site does with no broker, unless they start a real
    worker (see test_worker.py); so no test leaves stray messages in a shared Redis."""
    from celery import current_app

    current_app.conf.task_always_eager = True


@pytest.fixture
def eager_tasks():
    """Tasks run in-process (the default in tests; named for tests that rely on it)."""
    from celery import current_app

    assert current_app.conf.task_always_eager


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate limits count per test, not across the suite."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def english_after_each_test():
    """A request in another language leaves that language active in the thread; start each test in
    the site's default."""
    yield
    from django.utils import translation

    translation.activate("en")
