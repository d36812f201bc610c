"""The whole dataset, versioned, as JSON (the format of `export_reference`) and CSV, with checksums."""

import csv
import hashlib
import io
import json

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from ...facts import dataset

COLLECTIONS = [c for collections in dataset.FILES.values() for c in collections]


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
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                         for k, v in record.items()})
    return out.getvalue().encode()


@require_GET
def index(request):
    """The files, their SHA-256 checksums, and a version that changes exactly when any file does."""
    files = _files()
    sums = {name: hashlib.sha256(body).hexdigest() for name, body in sorted(files.items())}
    version = hashlib.sha256("".join(sums.values()).encode()).hexdigest()[:16]
    return JsonResponse({
        "format": dataset.FORMAT, "version": version,
        "files": [{"name": name, "sha256": digest, "bytes": len(files[name]),
                   "url": request.build_absolute_uri(reverse("compliance-api:download-file", args=[name]))}
                  for name, digest in sums.items()],
    })


@require_GET
def file(request, name: str):
    files = _files()
    if name not in files:
        return JsonResponse({"error": f"No file {name!r}; see the index for the list."}, status=404)
    body = files[name]
    kind = "application/json" if name.endswith(".json") else "text/csv"
    response = HttpResponse(body, content_type=f"{kind}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Checksum-SHA256"] = hashlib.sha256(body).hexdigest()
    return response
