"""The package as a host installs it: the wheel built from this tree, installed into a clean virtualenv
beside the minimal host (tests/host/hostsite), static files collected into a manifest with DEBUG off,
and a reader page, an embed and the feed requested. Nothing from this checkout is importable there."""

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.packaging

REQUESTS = """
import django
django.setup()
from django.test import Client
import compliance
assert "site-packages" in compliance.__file__, compliance.__file__
client = Client()
for url in ["/people/", "/states/", "/states/TJK/", "/api/v1/visits/?state=MNG",
            "/api/v1/embed/box/?person=Q7747&state=TJK&date=2025-10-08"]:
    response = client.get(url, HTTP_HOST="news.example.org", secure=True)
    assert response.status_code == 200, (url, response.status_code, response.content[:500])
print("ok")
"""


def run(args, **kwargs):
    result = subprocess.run(args, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{args}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)])
    return next(out.glob("django_icc_compliance-*.whl"))


def test_the_wheel_ships_the_static_files_templates_data_and_license(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "compliance/static/compliance/boxes.css" in names
    assert any(n.startswith("compliance/templates/compliance/") for n in names)
    assert "compliance/reference/persons.json" in names and "compliance/geo/data/countries-50m.json" in names
    assert any(n.endswith("LC_MESSAGES/django.mo") for n in names)
    assert any(n.endswith("licenses/LICENSE") or n.endswith("/LICENSE") for n in names)
    assert not any(n.startswith(("newsroom/", "tests/")) for n in names)


def test_the_installed_wheel_serves_pages_embeds_and_the_feed_with_manifest_static(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    run([str(python), "-m", "pip", "install", "-q", f"{wheel}"])
    shutil.copytree(
        ROOT / "tests" / "host" / "hostsite",
        tmp_path / "site" / "hostsite",
        ignore=shutil.ignore_patterns("*.sqlite3", "static-collected", "__pycache__"),
    )
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "PYTHONPATH": str(tmp_path / "site"),
        "DJANGO_SETTINGS_MODULE": "hostsite.settings",
        "DEBUG": "0",
        "HOST_DB": str(tmp_path / "db.sqlite3"),
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    cwd = tmp_path / "site"
    manage = [str(python), "-m", "django"]
    run([*manage, "migrate", "-v0"], env=env, cwd=cwd)
    run([*manage, "collectstatic", "--noinput", "-v0"], env=env, cwd=cwd)
    assert (tmp_path / "static" / "staticfiles.json").exists()
    run([*manage, "load_reference"], env=env, cwd=cwd)
    result = run([str(python), "-c", REQUESTS], env=env, cwd=cwd)
    assert result.stdout.strip().endswith("ok")
