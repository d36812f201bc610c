"""State shared across processes: two web servers against one PostgreSQL and one Redis, and a fact
changed in a third process. Both serve the new version at once: the feed's version is a counter
in the database, and the response cache and rate limits live in Redis."""

import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from compliance.facts import dataset
from compliance.models import State, Visit
from tests.test_worker import free_port, wait_for

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def fetch(port: int, path: str, etag: str | None = None) -> tuple[int, str, str]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        headers={"Accept": "application/json", **({"If-None-Match": etag} if etag else {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.headers.get("ETag", ""), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("ETag", ""), ""


@pytest.fixture
def servers(postgres_db, redis_url, tmp_path):
    if State.objects.count() == 0:  # a previous transactional test emptied the database
        dataset.load(dataset.read())
    db = connection.settings_dict
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "DEBUG": "1",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
    }
    ports, processes = [free_port(), free_port()], []
    for port in ports:
        log = (tmp_path / f"server-{port}.log").open("ab")
        processes.append(
            subprocess.Popen(
                [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
    for port in ports:
        wait_for(lambda port=port: _up(port), f"the server on port {port}")
    yield ports
    for process in processes:
        process.terminate()
        process.wait(20)


def _up(port) -> bool:
    try:
        return fetch(port, "/api/v1/")[0] == 200
    except OSError:
        return False


def test_a_fact_changed_in_a_third_process_is_served_by_both_servers_at_once(servers):
    path = "/api/v1/visits/?state=MNG"
    before = [fetch(port, path) for port in servers]
    assert {status for status, _, _ in before} == {200}
    etag = before[0][1]
    assert before[1][1] == etag  # one version, whichever process answers
    assert all(fetch(port, path, etag)[0] == 304 for port in servers)  # cached and unchanged

    visit = Visit.objects.get(key="putin-mng-2024")
    visit.occasion = "Official visit (occasion corrected in a third process)"
    visit.save()  # committed: this test runs outside a transaction

    after = [fetch(port, path, etag) for port in servers]
    assert [status for status, _, _ in after] == [200, 200]  # the old ETag no longer matches anywhere
    assert after[0][1] == after[1][1] != etag
    assert all("occasion corrected in a third process" in body for _, _, body in after)
