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
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database this script may drop.")
    name, admin_url = url.rsplit("/", 1)[1], url.rsplit("/", 1)[0] + "/postgres"
    subprocess.run(["psql", admin_url, "-qc", f'DROP DATABASE IF EXISTS "{name}"'], check=True)
    subprocess.run(["psql", admin_url, "-qc", f'CREATE DATABASE "{name}"'], check=True)
    os.environ.update(DJANGO_SETTINGS_MODULE="newsroom.settings", DEBUG="0", SECRET_KEY="bench-" + "x" * 50,
                      ALLOWED_HOSTS="testserver", SECURE_SSL_REDIRECT="0", API_ANON_RATE="100000000/second")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)

    from django.test import Client
    from django.urls import clear_url_caches, include, path
    from rest_framework import routers, serializers, viewsets

    from compliance.api import caching
    from compliance.models import Person, State, Visit
    from newsroom import urls

    rng = random.Random(1)
    persons, states = list(Person.objects.all()), list(State.objects.all())
    start = date(2009, 3, 4)
    Visit.objects.bulk_create(
        Visit(key=f"bench-{n}", person=rng.choice(persons), state=rng.choice(states),
              start=start + timedelta(days=rng.randrange(6000)), status="completed", outcome="not_arrested",
              occasion="benchmark visit")
        for n in range(args.visits - Visit.objects.count()))
    total = Visit.objects.count()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would after a bulk load; both viewsets benefit
    from django.utils import timezone

    from compliance.api import stored
    from compliance.models import StoredVisit

    began = time.perf_counter()
    count = stored.store(Visit.objects.all(), timezone.localdate())
    print(f"stored {count} feed visits in {time.perf_counter() - began:.1f} s (what the task does)", flush=True)

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

        pagination_class = __import__("rest_framework.pagination", fromlist=["PageNumberPagination"]).PageNumberPagination

    router = routers.SimpleRouter()
    router.register("plain/visits", PlainVisitViewSet, basename="plain-visit")
    urls.urlpatterns.append(path("bench/", include(router.urls)))
    clear_url_caches()

    client = Client(HTTP_ACCEPT="application/json")
    pages = total // 100

    def rate(label, make_request, n):
        began = time.perf_counter()
        for i in range(n):
            response = make_request(i)
            assert response.status_code in (200, 304), (label, response.status_code, response.content[:300])
        per_second = n / (time.perf_counter() - began)
        print(f"{label:<52} {per_second:9.1f} requests/s", flush=True)
        return per_second

    print(f"{total} visits; page size 100; {args.requests} requests each", flush=True)
    plain = rate("plain ModelViewSet + ModelSerializer", lambda i: client.get(
        "/bench/plain/visits/", {"page": i % pages + 1}), args.requests)

    def ours(i):
        return client.get("/api/v1/visits/", {"page": i % pages + 1, "page_size": 100})

    def cold(i):
        caching.bump()  # as if a fact had just changed
        from django.db import connection

        for callback in connection.run_on_commit:
            callback[1]()
        connection.run_on_commit.clear()
        return ours(i)

    ours_cold = rate("ours, cold (every page rendered from stored visits)", cold, args.requests)
    kept = list(StoredVisit.objects.all())
    StoredVisit.objects.all().delete()
    unstored = rate("ours, cold, nothing stored (every row built)", cold, max(20, args.requests // 10))
    StoredVisit.objects.bulk_create(kept)
    for i in range(pages):  # warm the cache
        ours(i)
    ours_warm = rate("ours, warm (as polling partners see it)", ours, args.requests)
    etag = ours(0)["ETag"]
    not_modified = rate("ours, 304 path (If-None-Match)", lambda i: client.get(
        "/api/v1/visits/", {"page": 1, "page_size": 100}, HTTP_IF_NONE_MATCH=etag), args.requests * 5)
    print(f"ours (cold) / plain: {ours_cold / plain:.1f}x; ours (warm) / plain: {ours_warm / plain:.1f}x; "
          f"ours (nothing stored) / plain: {unstored / plain:.2f}x")
    print(f"304 path / full path (cold): {not_modified / ours_cold:.1f}x; "
          f"304 path / full path (warm, from cache): {not_modified / ours_warm:.1f}x")


if __name__ == "__main__":
    main()
