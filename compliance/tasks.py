"""Celery tasks: ids in, the work done by compliance.articles, idempotent writes."""

import logging

from celery import shared_task
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from . import articles

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, reject_on_worker_lost=True, autoretry_for=(ConnectionError,), retry_backoff=True,
             max_retries=5)
def analyse_article(content_type_id: int, object_id: int) -> dict:
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    article = model._default_manager.filter(pk=object_id).first()
    if article is None:
        return {"skipped": "deleted"}
    result = articles.refresh(article, timezone.localdate())
    return result.__dict__
