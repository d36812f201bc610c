"""Regenerate the boxes of N articles that all rest on one fact, two ways, in the same run:

- one by one in one process (each box rebuilt on its own, as a naive loop would);
- the product's way: `refresh_fact` finds the boxes through the reverse index and real Celery workers
  (two processes) rebuild them in batches, sharing work between boxes of the same subject and date.

Needs PostgreSQL and Redis. It creates (and drops) its own database:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_regeneration REDIS_URL=redis://127.0.0.1:6379/5 \\
        .venv/bin/python benchmarks/regeneration.py [--articles 10000]
"""

import argparse
import os
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres") or not os.environ.get("REDIS_URL"):
        sys.exit("Set DATABASE_URL (PostgreSQL, a database this script may drop) and REDIS_URL.")
    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    subprocess.run(["psql", admin_url, "-qc", f'DROP DATABASE IF EXISTS "{name}"'], check=True)
    subprocess.run(["psql", admin_url, "-qc", f'CREATE DATABASE "{name}"'], check=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ["CELERY_QUEUE"] = queue = f"bench-{os.getpid()}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)

    from django.contrib.contenttypes.models import ContentType

    from compliance.editorial import articles
    from compliance.models import BoxFact, ContextBox, Person, State
    from compliance.tasks import refresh_fact
    from newsroom.celery import app
    from newsroom.models import Article

    putin, tajikistan = Person.objects.get(qid="Q7747"), State.objects.get(iso3="TJK")
    start = date(2025, 1, 1)
    items = Article.objects.bulk_create(
        Article(
            headline=f"Putin in Tajikistan ({n})",
            slug=f"a-{n}",
            body="Vladimir Putin arrived in Tajikistan.",
            status="published",
            published_at=f"{start + timedelta(days=n % 365)}T12:00:00Z",
        )
        for n in range(args.articles)
    )
    ct = ContentType.objects.get_for_model(Article)
    slot = f"visit:{putin.pk}:{tajikistan.pk}"
    boxes = ContextBox.objects.bulk_create(
        ContextBox(
            content_type=ct,
            object_id=a.pk,
            kind="visit",
            person=putin,
            state=tajikistan,
            slot=slot,
            status="approved",
            language="en",
            data={"stale": True},
            as_of=start + timedelta(days=n % 365),
        )
        for n, a in enumerate(items)
    )
    BoxFact.objects.bulk_create(BoxFact(box=b, fact=f"state:{tajikistan.pk}") for b in boxes)
    ids = [b.pk for b in boxes]
    print(f"{len(ids)} articles, each with a box resting on state:{tajikistan.pk}", flush=True)

    def stale():
        ContextBox.objects.filter(pk__in=ids).update(data={"stale": True})

    from django.utils import timezone

    today = timezone.localdate()
    began = time.perf_counter()
    for box in ContextBox.objects.filter(pk__in=ids).select_related("person", "state"):
        articles.rebuild(box, today)
    one_by_one = len(ids) / (time.perf_counter() - began)
    print(f"one by one, one process:        {one_by_one:8.1f} articles/s", flush=True)

    stale()
    app.conf.update(task_always_eager=False, broker_url=os.environ["REDIS_URL"], task_default_queue=queue)
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "newsroom",
            "worker",
            "-Q",
            queue,
            "-c",
            str(args.workers),
            "-l",
            "warning",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    try:
        time.sleep(8)  # let both worker processes start before the clock runs
        began = time.perf_counter()
        refresh_fact.delay(f"state:{tajikistan.pk}", "benchmark")
        while ContextBox.objects.filter(pk__in=ids, data__stale=True).exists():
            time.sleep(0.2)
        workers = len(ids) / (time.perf_counter() - began)
    finally:
        worker.terminate()
        worker.wait(30)
    print(f"reverse index + {args.workers} workers:     {workers:8.1f} articles/s", flush=True)
    print(f"ratio: {workers / one_by_one:.1f}x")


if __name__ == "__main__":
    main()
