"""schemathesis against the live schema, on a server loaded with the reference data: no server
errors, no responses that break the schema."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from compliance.facts import dataset
from compliance.models import State

pytestmark = pytest.mark.django_db(transaction=True)


def test_schemathesis_finds_no_server_errors_and_no_schema_violations(live_server, settings, tmp_path):
    if State.objects.count() == 0:  # a previous transactional test emptied the database
        dataset.load(dataset.read())
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
    st = shutil.which("st", path=str(Path(sys.executable).parent))
    assert st, "schemathesis is part of the test dependencies: pip install -e '.[site,test]'"
    result = subprocess.run(
        [st, "run", f"{live_server.url}/api/v1/schema/", "--checks",
         "not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance",
         "--max-examples", "12", "--generation-deterministic", "--request-timeout", "30", "--workers", "1",
         "--phases", "examples,coverage,fuzzing"],
        capture_output=True, text=True, timeout=1500, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
