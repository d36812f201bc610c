"""Wiring: saving an article schedules its analysis after the transaction commits; editing a name
touches its person or state so the gazetteer is rebuilt."""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


def schedule_analysis(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from .tasks import analyse_article

    ct_id, pk = ContentType.objects.get_for_model(instance).pk, instance.pk

    def send():
        try:
            analyse_article.delay(ct_id, pk)
        except Exception:  # the broker is down: the article is saved; the analysis can be re-run
            logger.exception("Could not schedule the analysis of article %s", pk)

    transaction.on_commit(send)


def touch_owner(sender, instance, **kwargs):
    owner = getattr(instance, "person", None) or getattr(instance, "state", None)
    if owner is not None and owner.pk:
        type(owner).objects.filter(pk=owner.pk).update(updated_at=timezone.now())
