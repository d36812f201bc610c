"""Requests per second for the visits list (page size 100) on PostgreSQL with 10,000 visits, in one
run: ours, and a plain DRF ModelViewSet with a ModelSerializer over the same data (with the
select_related it needs); and the 304 path against the full path. In-process (Django's test
client), so the numbers are the application's, not the network's.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_api .venv/bin/python benchmarks/api.py [--visits 10000]

It creates (and drops) its own database. Our list is measured three ways: cold (a fact just changed,
so the response cache is void and every page is rendered, from the visits the tasks stored),
nothing stored (as cold, before the task has run: every row is built, its verdict by the rules) and
warm (pages served from the response cache, as polling partners see them). The 304 path is
compared with the cold and the warm full path.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database this script may drop.")
    name, admin_url = url.rsplit("/", 1)[1], url.rsplit("/", 1)[0] + "/postgres"
    subprocess.run(["psql", admin_url, "-qc", f'DROP DATABASE IF EXISTS "{name}"'], check=True)
    subprocess.run(["psql", admin_url, "-qc", f'CREATE DATABASE "{name}"'], check=True)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DEBUG="0",
        SECRET_KEY="bench-" + "x" * 50,
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        API_ANON_RATE="100000000/second",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)

    from django.test import Client
    from django.urls import clear_url_caches, include, path
    from rest_framework import routers, serializers, viewsets

    from compliance.feed import versioning as caching
    from compliance.models import Person, State, Visit
    from newsroom import urls

    rng = random.Random(1)
    persons, states = list(Person.objects.all()), list(State.objects.all())
    start = date(2009, 3, 4)
    Visit.objects.bulk_create(
        Visit(
            key=f"bench-{n}",
            person=rng.choice(persons),
            state=rng.choice(states),
            start=start + timedelta(days=rng.randrange(6000)),
            status="completed",
            outcome="not_arrested",
            occasion="benchmark visit",
        )
        for n in range(args.visits - Visit.objects.count())
    )
    total = Visit.objects.count()
    from django.utils import timezone

    from compliance.feed import stored
    from compliance.models import StoredVisit

    began = time.perf_counter()
    count = stored.store(Visit.objects.all(), timezone.localdate())
    print(f"stored {count} feed visits in {time.perf_counter() - began:.1f} s (what the task does)", flush=True)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would after a bulk load; both viewsets benefit

    class PlainVisitSerializer(serializers.ModelSerializer):
        class Meta:
            model = Visit
            fields = "__all__"

    class PlainVisitViewSet(viewsets.ReadOnlyModelViewSet):
        queryset = Visit.objects.select_related("person", "state").order_by("pk")
        serializer_class = PlainVisitSerializer

        def paginate_queryset(self, queryset):
            from rest_framework.pagination import PageNumberPagination

            self.paginator.page_size = 100 if isinstance(self.paginator, PageNumberPagination) else None
            return super().paginate_queryset(queryset)

        pagination_class = __import__(
            "rest_framework.pagination", fromlist=["PageNumberPagination"]
        ).PageNumberPagination

    router = routers.SimpleRouter()
    router.register("plain/visits", PlainVisitViewSet, basename="plain-visit")
    urls.urlpatterns.append(path("bench/", include(router.urls)))
    clear_url_caches()

    client = Client(HTTP_ACCEPT="application/json")
    pages = total // 100

    def rate(make_request, n):
        began = time.perf_counter()
        for i in range(n):
            response = make_request(i)
            assert response.status_code in (200, 304), (response.status_code, response.content[:300])
        return n / (time.perf_counter() - began)

    def plain(i):
        return client.get("/bench/plain/visits/", {"page": i % pages + 1})

    def ours(i):
        return client.get("/api/v1/visits/", {"page": i % pages + 1, "page_size": 100})

    def cold(i):
        caching.bump()  # as if a fact had just changed
        from django.db import connection

        for callback in connection.run_on_commit:
            callback[1]()
        connection.run_on_commit.clear()
        return ours(i)

    etag = None

    def not_modified(i):
        return client.get("/api/v1/visits/", {"page": 1, "page_size": 100}, HTTP_IF_NONE_MATCH=etag)

    print(
        f"{total} visits; page size 100; {args.rounds} interleaved rounds of {args.requests} requests each; medians",
        flush=True,
    )
    for i in range(5):  # connections, prepared statements, imports
        plain(i)
        cold(i)
    samples: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        samples.setdefault("plain", []).append(rate(plain, args.requests))
        samples.setdefault("cold", []).append(rate(cold, args.requests))
        for i in range(pages):  # warm the response cache
            ours(i)
        samples.setdefault("warm", []).append(rate(ours, args.requests))
        etag = ours(0)["ETag"]
        samples.setdefault("304", []).append(rate(not_modified, args.requests * 5))
    kept = list(StoredVisit.objects.all())
    StoredVisit.objects.all().delete()
    samples["unstored"] = [rate(cold, max(20, args.requests // 10))]
    StoredVisit.objects.bulk_create(kept)

    labels = {
        "plain": "plain ModelViewSet + ModelSerializer",
        "cold": "ours, cold (every page rendered from stored visits)",
        "unstored": "ours, cold, nothing stored (every row built)",
        "warm": "ours, warm (as polling partners see it)",
        "304": "ours, 304 path (If-None-Match)",
    }
    median = {key: statistics.median(values) for key, values in samples.items()}
    for key, label in labels.items():
        runs = ", ".join(f"{v:.0f}" for v in samples[key])
        print(f"{label:<52} {median[key]:9.1f} requests/s   (runs: {runs})", flush=True)
    print(
        f"ours (cold) / plain: {median['cold'] / median['plain']:.1f}x; "
        f"ours (warm) / plain: {median['warm'] / median['plain']:.1f}x; "
        f"ours (nothing stored) / plain: {median['unstored'] / median['plain']:.2f}x"
    )
    print(
        f"304 path / full path (cold): {median['304'] / median['cold']:.1f}x; "
        f"304 path / full path (warm, from cache): {median['304'] / median['warm']:.1f}x"
    )


if __name__ == "__main__":
    main()
