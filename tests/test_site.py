import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsroom.models import Article

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def seed(db):
    call_command("load_demo", stdout=StringIO())
    return Article.objects.get(slug="tajikistan-lets-putin-enter")


def test_article_list_and_page(client, seed):
    listing = client.get("/")
    assert listing.status_code == 200 and seed.headline in listing.content.decode()
    page = client.get(seed.get_absolute_url())
    assert page.status_code == 200
    assert "Rahmon" in page.content.decode()


def test_drafts_are_not_public(client, seed):
    draft = Article.objects.create(headline="Draft", slug="draft", body="Text")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get("/articles/no-such-article/").status_code == 404


def test_editor_text_is_escaped(client, db):
    Article.objects.create(
        headline="<script>alert(1)</script>", slug="x", body="<b>b</b>", status="published", published_at=timezone.now()
    )
    html = client.get("/articles/x/").content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_demo_command_sets_up_and_prints_the_editor_credentials(db):
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)
    assert "Editor account: username 'editor', password '" in out.getvalue()


def test_migrations_are_in_sync_with_models(db):
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


def test_deploy_check_is_clean_under_production_settings():
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "x" * 30 + "-production-only-y7Qz!w9" + "k" * 20,
        "ALLOWED_HOSTS": "news.example.org",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.services
def test_the_suite_runs_on_postgresql_in_ci(postgres_db):
    assert postgres_db.vendor == "postgresql"


@pytest.mark.services
def test_redis_answers(redis_url):
    import redis

    assert redis.Redis.from_url(redis_url).ping() is True


def test_ci_runs_the_test_command_the_readme_gives():
    readme = (ROOT / "README.md").read_text()
    command = readme.split("## Test it", 1)[1].split("```sh", 1)[1].split("```", 1)[0].strip()
    assert command in (ROOT / ".ci" / "run").read_text().splitlines()
