"""schemathesis against the live schema, on a server loaded with the reference data: no server
errors, no responses that break the schema."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from compliance.facts import dataset
from compliance.models import State

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLES = 50


def test_schemathesis_finds_no_server_errors_and_no_schema_violations(live_server, settings, tmp_path):
    if State.objects.count() == 0:  # a previous transactional test emptied the database
        dataset.load(dataset.read())
    # The limits are tested in test_limits.py; here every request must reach its view.
    settings.COMPLIANCE_API_ANON_RATE = "1000000/min"
    settings.COMPLIANCE_RATES = dict.fromkeys(("page", "embed", "oembed", "download"), "1000000/min")
    st = shutil.which("st", path=str(Path(sys.executable).parent))
    assert st, "schemathesis is part of the test dependencies: pip install -e '.[site,test]'"
    har = tmp_path / "requests.har"
    result = subprocess.run(
        [
            st,
            "run",
            f"{live_server.url}/api/v1/schema/",
            "--checks",
            "not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance",
            # Enough examples per operation to reach strings with a NUL and other rare input; NUL allowed.
            "--max-examples",
            str(EXAMPLES),
            "--generation-allow-x00",
            "true",
            "--generation-deterministic",
            "--request-timeout",
            "30",
            "--workers",
            "1",
            "--phases",
            "examples,coverage,fuzzing",
            "--report",
            "har",
            "--report-har-path",
            str(har),
        ],
        capture_output=True,
        text=True,
        timeout=1500,
        cwd=tmp_path,
    )
    entries = json.loads(har.read_text())["log"]["entries"] if har.exists() else []
    errors = [e["request"]["url"] for e in entries if e["response"]["status"] >= 500]
    print(f"schemathesis: {len(entries)} requests, {len(errors)} server errors")  # the figures
    assert entries, result.stdout[-6000:] + result.stderr[-2000:]
    assert errors == [], errors[:20]
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
