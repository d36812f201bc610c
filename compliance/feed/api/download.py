"""The whole dataset, versioned, as JSON (the format of `export_reference`) and CSV, with checksums.

The files are built once per version of the data (the feed's version, which every change to a fact
moves), kept in the shared cache, and streamed; a file name that is not one of them is a 404
before anything is read. Clients revalidate with the file's checksum as its ETag."""

import csv
import hashlib
import io
import json
import threading

from django.core.cache import cache
from django.http import HttpResponseNotModified, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from ...facts import dataset
from ...ops.limits import limited
from .. import versioning

COLLECTIONS = [c for collections in dataset.FILES.values() for c in collections]
# Every file there is, known without building any.
NAMES = frozenset([*dataset.FILES, *(f"{collection}.csv" for collection in COLLECTIONS)])
CHUNK = 64 * 1024
_building = threading.Lock()  # one build at a time in this process


def files() -> dict[str, bytes]:
    """The files of the current data version: from the shared cache, else built (once per process at
    a time) and stored there for every process."""
    key = f"compliance:download:{versioning.feed_version()}"
    built = cache.get(key)
    if built is not None:
        return built
    with _building:
        built = cache.get(key)
        if built is None:
            built = _files()
            cache.set(key, built, versioning.TIMEOUT)
        return built


def _files() -> dict[str, bytes]:
    exported = dataset.export()
    files = {name: json.dumps(content, ensure_ascii=False, indent=1).encode() for name, content in exported.items()}
    for name, content in exported.items():
        for collection in dataset.FILES[name]:
            files[f"{collection}.csv"] = _csv(content[collection])
    return files


def _csv(records: list[dict]) -> bytes:
    out = io.StringIO()
    columns = sorted({key for record in records for key in record})
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for record in records:
        writer.writerow(
            {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in record.items()}
        )
    return out.getvalue().encode()


@require_GET
@limited("download", json=True)
def index(request):
    """The files, their SHA-256 checksums, and a version that changes exactly when any file does."""
    built = files()
    sums = {name: hashlib.sha256(body).hexdigest() for name, body in sorted(built.items())}
    version = hashlib.sha256("".join(sums.values()).encode()).hexdigest()[:16]
    return JsonResponse(
        {
            "format": dataset.FORMAT,
            "version": version,
            "files": [
                {
                    "name": name,
                    "sha256": digest,
                    "bytes": len(built[name]),
                    "url": request.build_absolute_uri(reverse("compliance-api:download-file", args=[name])),
                }
                for name, digest in sums.items()
            ],
        }
    )


@require_GET
@limited("download", json=True)
def file(request, name: str):
    if name not in NAMES:
        return JsonResponse({"error": "No such file; see the index for the list."}, status=404)
    body = files()[name]
    digest = hashlib.sha256(body).hexdigest()
    etag = f'"{digest}"'
    if etag in [tag.strip() for tag in request.META.get("HTTP_IF_NONE_MATCH", "").split(",")]:
        response = HttpResponseNotModified()
        response["ETag"] = etag
        return response
    kind = "application/json" if name.endswith(".json") else "text/csv"
    response = StreamingHttpResponse(
        (body[start : start + CHUNK] for start in range(0, len(body), CHUNK)), content_type=f"{kind}; charset=utf-8"
    )
    response["Content-Length"] = str(len(body))
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Checksum-SHA256"] = digest
    response["ETag"] = etag
    return response
