"""The one registry of what depends on what (compliance.facts.dependencies): complete, wired, and
obeyed: a change to any fact reaches the boxes, the stored feed documents, the feed's version and the
partners that rest on it."""

import inspect

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save

from compliance import wiring
from compliance.facts import dependencies
from compliance.facts import models as fact_models
from compliance.feed import stored, versioning
from compliance.models import BoxFact, Citation, ContextBox, OutboxMessage, Source, StoredVisit, Visit
from newsroom.models import Article

pytestmark = pytest.mark.django_db


def fact_model_classes():
    return [
        model
        for model in apps.get_app_config("compliance").get_models()
        if inspect.getmodule(model) is fact_models and not model.__name__.startswith("Historical")
    ]


def test_every_fact_model_is_in_the_registry():
    missing = [model.__name__ for model in fact_model_classes() if model not in dependencies.REGISTRY]
    assert not missing, f"Declare what these feed in compliance/facts/dependencies.py: {missing}"


def test_every_registered_model_is_wired_for_saves_and_deletes():
    for model in dependencies.REGISTRY:
        assert post_save.has_listeners(model) and post_delete.has_listeners(model), model
    assert set(dependencies.REGISTRY) == wiring.connected_models()


def test_every_reference_a_box_can_record_names_what_it_is_about():
    kinds = set()
    for model, entry in dependencies.REGISTRY.items():
        obj = model.objects.first()
        if obj is not None:
            kinds |= {ref.partition(":")[0] for ref in entry.refs(obj)}
    assert kinds - {"treatyevent"} <= set(dependencies.SUBJECTS)


def test_a_change_bumps_the_version_forgets_its_feed_documents_and_queues_its_boxes(article_with_boxes):
    visit = Visit.objects.get(key="putin-tjk-2025")
    stored.store(Visit.objects.filter(pk=visit.pk), visit.start)
    version = versioning.feed_version()
    visit.occasion = visit.occasion + " (edited)"
    visit.save()
    assert versioning.feed_version() != version
    assert not StoredVisit.objects.filter(visit=visit).exists()
    assert OutboxMessage.objects.filter(task=wiring.REFRESH, args__0=f"visit:{visit.pk}").exists()


def test_fixing_a_source_refreshes_the_published_boxes_that_cite_it(
    article_with_boxes, django_capture_on_commit_callbacks
):
    box = article_with_boxes.get(kind="visit")
    visit_type = ContentType.objects.get_for_model(Visit)
    visit = Visit.objects.get(key="putin-tjk-2025")
    citation = Citation.objects.filter(content_type=visit_type, object_id=visit.pk).first()
    assert f"visit:{visit.pk}" in set(BoxFact.objects.filter(box=box).values_list("fact", flat=True))
    source = citation.source
    with django_capture_on_commit_callbacks(execute=True):
        source.title = "A corrected title for this source"
        source.save()
    box.refresh_from_db()
    assert "A corrected title for this source" in str(box.data)


@pytest.fixture
def article_with_boxes(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = Article.objects.create(
            headline="Tajikistan lets Putin enter",
            slug="deps",
            language="en",
            status="published",
            published_at="2025-10-08T12:00:00Z",
            body="Russian President Vladimir Putin arrived in Tajikistan on Oct. 8, despite an ICC arrest warrant.",
        )
    boxes = ContextBox.objects.filter(content_type=ContentType.objects.get_for_model(Article), object_id=article.pk)
    assert boxes.filter(kind="visit").exists()
    return boxes


def test_sources_are_registered_so_every_citing_fact_is_refreshed():
    source = Source.objects.filter(citations__isnull=False).first()
    refs = dependencies.refs(source)
    assert refs and all(":" in ref for ref in refs)
