"""Visits as the feed shows them, stored as of a date so that a list page is read, not computed.

A visit's document holds its verdict, which the rules derive from many rows (its person's warrants,
its state's treaty events, its findings...). Building one costs a millisecond; a partner paging
through ten thousand visits should not pay that on every page after every edit. So:

- `store` builds the documents of many visits as of a date and saves them (the tasks call it: after
  a fact changes, daily as the date moves, and after a dataset load);
- `forget` deletes, in the transaction that changes a fact, the documents built from it, and bumps a
  generation so that a `store` which read the older fact does not save its result afterwards;
- `documents` gives the documents of some visits as of a date: the stored ones when they were built
  for that date, the others built on the spot. It never writes, so a reader never waits on a lock.
"""

from datetime import date

import orjson
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F, Q
from django.db.models.expressions import RawSQL

from ..facts import dependencies, verdicts
from ..facts.models import Citation, Visit
from .models import StoredVisit, StoredVisitInputs


def build(visits: list[Visit], on: date) -> dict[int, dict]:
    """The feed documents of `visits` as of `on`, built by the serializer the feed declares."""
    from .api.serializers import VisitSerializer

    verdicts.attach_visit_verdicts(visits, on)
    attach_source_keys(visits, Visit)
    return {visit.pk: VisitSerializer(visit).data for visit in visits}


def attach_source_keys(objects: list, model) -> None:
    """Set `source_keys` on each object (of `model`) with one query, instead of prefetching citations."""
    if not objects:
        return
    keys: dict[int, list[str]] = {obj.pk: [] for obj in objects}
    rows = Citation.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=list(keys)
    ).values_list("object_id", "source__key")
    for object_id, key in rows:
        keys[object_id].append(key)
    for obj in objects:
        obj.source_keys = sorted(keys[obj.pk])


def documents(ids: list[int], on: date, raw: bool = False) -> list:
    """The documents of the visits `ids`, in that order, as of `on`: dicts, or with `raw` the stored
    ones as JSON text, unparsed (`orjson.Fragment`s, which `renderers.JSONRenderer` embeds as they are)."""
    rows = StoredVisit.objects.filter(visit_id__in=_one_parameter(ids), on=on).values_list("visit_id", "document")
    read = orjson.Fragment if raw else orjson.loads
    stored = {pk: read(text) for pk, text in rows}
    missing = [pk for pk in ids if pk not in stored]
    if missing:
        stored.update(build(list(Visit.objects.filter(pk__in=missing).select_related("person", "state")), on))
    return [stored[pk] for pk in ids if pk in stored]


def _one_parameter(ids: list[int]):
    """`ids` for an IN: on PostgreSQL as one array parameter (one statement to prepare and plan,
    whatever the page size, and nothing to expand per id); elsewhere the list itself."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [list(ids)])
    return ids


def _generation(lock: bool = False) -> int:
    rows = StoredVisitInputs.objects.filter(pk=1)
    current = (rows.select_for_update() if lock else rows).values_list("generation", flat=True).first()
    if current is None:
        StoredVisitInputs.objects.get_or_create(pk=1)
        return 0
    return current


def store(visits, on: date, batch: int = 500) -> int:
    """Build and store the documents of `visits` (a queryset) as of `on`; returns how many were stored.

    A batch whose inputs changed while it was being built is not stored: that change deleted the
    stale documents and queued its own run, which reads the new inputs."""
    ids = list(visits.order_by("pk").values_list("pk", flat=True))
    stored = 0
    for start in range(0, len(ids), batch):
        generation = _generation()  # read before the inputs are
        built = build(
            list(Visit.objects.filter(pk__in=ids[start : start + batch]).select_related("person", "state")), on
        )
        with transaction.atomic():
            if _generation(lock=True) != generation:
                break
            StoredVisit.objects.bulk_create(
                [
                    StoredVisit(visit_id=pk, on=on, document=orjson.dumps(document).decode())
                    for pk, document in built.items()
                ],
                update_conflicts=True,
                unique_fields=["visit"],
                update_fields=["on", "document", "built_at"],
            )
        stored += len(built)
    return stored


def stale(on: date):
    """The visits with no document stored for `on`."""
    return Visit.objects.exclude(stored__on=on)


def affected_by(instance) -> Q | None:
    """The visits whose documents a change to this row can change (from the dependency registry)."""
    return dependencies.visits(instance)


def forget(where: Q | None) -> None:
    """Inputs changed: delete the documents built from them, in the caller's transaction."""
    if where is None:
        return
    if not StoredVisitInputs.objects.filter(pk=1).update(generation=F("generation") + 1):
        StoredVisitInputs.objects.get_or_create(pk=1)
    StoredVisit.objects.filter(visit__in=Visit.objects.filter(where).values("pk")).delete()
