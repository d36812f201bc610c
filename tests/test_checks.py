"""The host contract: every requirement has a system check with an id and a hint that names the fix,
and the app's own lookups raise ImproperlyConfigured (never LookupError or KeyError)."""

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from compliance import checks, conf


def ids(messages) -> set[str]:
    return {m.id for m in messages}


def test_the_demo_host_passes_every_check(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/0"}
    }  # as with REDIS_URL set
    assert not [m for m in run_checks() if m.id and m.id.startswith("compliance.")]


@pytest.mark.parametrize(
    "value, words",
    [
        (None, "is not set"),
        ("", "is not set"),
        ("newsroom", "form 'app_label.ModelName'"),
        ("nosuchapp.Article", "not an installed model"),
    ],
)
def test_a_missing_or_wrong_article_model_is_an_error_that_names_the_fix(value, words):
    with override_settings(COMPLIANCE_ARTICLE_MODEL=value):
        [error] = checks.article_model_check(None)
        assert error.id == "compliance.E001" and words in error.msg and error.hint
        with pytest.raises(ImproperlyConfigured, match=words):
            conf.article_model()
        assert conf.article_model(required=False) is None


def test_a_partial_field_map_is_an_error_not_a_key_error_later():
    with override_settings(COMPLIANCE_ARTICLE_FIELDS={"headline": "headline", "body": "body"}):
        [error] = checks.article_fields_check(None)
        assert error.id == "compliance.E002" and "standfirst" in error.msg and "published_at" in error.msg
        with pytest.raises(ImproperlyConfigured, match="no entry for standfirst, language, published_at"):
            conf.adapter()


def test_fields_the_model_does_not_have_are_an_error():
    fields = {**conf.DEFAULTS["ARTICLE_FIELDS"], "standfirst": "deck"}
    with override_settings(COMPLIANCE_ARTICLE_FIELDS=fields):
        [error] = checks.article_fields_check(None)
        assert error.id == "compliance.E002" and "deck" in error.msg


@pytest.mark.parametrize("path", ["nowhere.Adapter", "compliance.conf.get"])
def test_an_adapter_that_cannot_be_imported_or_is_not_an_adapter_is_an_error(path):
    with override_settings(COMPLIANCE_ARTICLE_ADAPTER=path):
        [error] = checks.article_adapter_check(None)
        assert error.id == "compliance.E003" and path in error.msg and "ArticleAdapter" in error.hint


def test_a_missing_app_is_named_with_what_it_is_needed_for(settings):
    settings.INSTALLED_APPS = [app for app in settings.INSTALLED_APPS if app != "simple_history"]
    [error] = checks.installed_apps_check(None)
    assert error.id == "compliance.E004" and "simple_history" in error.msg and "history" in error.msg


def test_a_base_template_that_does_not_exist_is_an_error():
    with override_settings(COMPLIANCE_BASE_TEMPLATE="no/such/base.html"):
        [error] = checks.base_template_check(None)
        assert error.id == "compliance.E005" and "no/such/base.html" in error.msg


@pytest.mark.parametrize(
    "backend, debug, warned",
    [
        ("django.core.cache.backends.locmem.LocMemCache", False, True),
        ("django.core.cache.backends.locmem.LocMemCache", True, False),
        ("django.core.cache.backends.redis.RedisCache", False, False),
    ],
)
def test_a_per_process_cache_in_production_is_a_warning(backend, debug, warned):
    with override_settings(DEBUG=debug, CACHES={"default": {"BACKEND": backend, "LOCATION": "redis://127.0.0.1:1"}}):
        assert (ids(checks.shared_cache_check(None)) == {"compliance.W001"}) is warned


def test_no_celery_app_is_a_warning(monkeypatch):
    import celery

    assert checks.celery_app_check(None) == []  # the demo host configures one
    monkeypatch.setattr(celery, "current_app", celery.Celery(set_as_current=False))
    [warning] = checks.celery_app_check(None)
    assert warning.id == "compliance.W002" and "CELERY_TASK_ALWAYS_EAGER" in warning.hint


def test_a_host_missing_a_required_setting_gets_the_check_error_without_a_traceback(tmp_path):
    """`manage.py check` in a host with no COMPLIANCE_ARTICLE_MODEL: the error and its fix, no LookupError."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    (tmp_path / "bare_settings.py").write_text(
        "from newsroom.settings import *  # noqa\ndel COMPLIANCE_ARTICLE_MODEL\n", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "PYTHONPATH": f"{tmp_path}:{root}", "DJANGO_SETTINGS_MODULE": "bare_settings"},
    )
    assert result.returncode == 1
    assert "compliance.E001" in result.stderr and "COMPLIANCE_ARTICLE_MODEL is not set" in result.stderr
    assert "Traceback" not in result.stderr and "LookupError" not in result.stderr
