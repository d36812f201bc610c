"""Celery tasks: ids in, the work done by compliance.editorial.articles and the rules, idempotent writes.
A task can run twice, or two at once, and leave the same result."""

import logging
from datetime import date, timedelta

from celery import shared_task
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from . import rules
from .editorial import articles
from .editorial.models import ContextBox
from .facts.models import State, Visit, Warrant
from .feed import stored, versioning, webhooks
from .feed.models import WebhookDelivery
from .ops import outbox
from .ops.models import ChangeLog, TaskRun
from .ops.tasks import Task, recorded
from .sync import sources as sync_module

logger = logging.getLogger(__name__)

BATCH = 200
TASK_OPTIONS = {"base": Task}


@shared_task(**TASK_OPTIONS)
def analyse_article(content_type_id: int, object_id: int) -> dict:
    """Analyse one article; its state (done with what it found, or failed with the reason) is kept for
    editors, who see it on the article's admin page and can retry."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    article = model._default_manager.filter(pk=object_id).first()
    if article is None:
        return {"skipped": "deleted"}
    try:
        result = articles.refresh(article, timezone.localdate())
    except Exception as error:
        articles.analysis_failed(content_type_id, object_id, error)
        raise  # and the outbox message records it too
    articles.analysis_done(content_type_id, object_id, result)
    return result.__dict__


@shared_task(**TASK_OPTIONS)
def refresh_fact(
    fact: str, reason: str = "", change: str = "", user_id: int | None = None, outbox_id: int | None = None
) -> int:
    """A fact changed: find the boxes that used it (reverse index) and rebuild them in batches, and
    tell subscribed partners once per change (the outbox message, or the feed version it made).
    `user_id`: the person whose edit it was, for the change log (none for a scheduled task)."""
    # Boxes with the same subject, date and language build the same data: batch them together.
    ids = list(
        ContextBox.objects.filter(fact_refs__fact=fact)
        .order_by("kind", "person_id", "state_id", "as_of", "language", "pk")
        .values_list("pk", flat=True)
        .distinct()
    )
    for start in range(0, len(ids), BATCH):
        rebuild_boxes.delay(ids[start : start + BATCH], fact, reason, user_id)
    store_feed_visits.delay()
    change = change or (f"outbox:{outbox_id}" if outbox_id is not None else f"{fact}@{versioning.feed_version()}")
    for delivery_id in webhooks.queue_for(fact, reason, change):
        try:
            deliver_webhook.delay(delivery_id)
        except Exception:  # in-process, a partner's failing endpoint must not undo the rebuilds
            logger.exception("Webhook delivery %s failed; it is logged in the admin", delivery_id)
    return len(ids)


@shared_task(**TASK_OPTIONS)
def store_feed_visits() -> int:
    """Store today's feed document for every visit that has none for today."""
    today = timezone.localdate()
    return stored.store(stored.stale(today), today)


@shared_task(**TASK_OPTIONS)
def rebuild_boxes(box_ids: list[int], fact: str = "", reason: str = "", user_id: int | None = None) -> int:
    """Rebuild boxes after `fact` changed; each box whose data changed gets a change-log entry saying who
    (`user_id`, or the task and its trigger), which fact, and the text readers saw before and see now."""
    today = timezone.localdate()
    changed = 0
    built: dict = {}
    boxes = ContextBox.objects.filter(pk__in=box_ids).select_related("person", "state").prefetch_related("article")
    for box in boxes:
        if box.article is None:
            continue
        with transaction.atomic():  # a worker killed here leaves the box as it was, never half-written
            locked = ContextBox.objects.select_for_update().filter(pk=box.pk).only("pk").first()
            if locked is None:
                continue
            box.refresh_from_db(
                fields=["data", "status", "language", "approved_at", "approved_text", "changed_since_approval"]
            )
            before = articles.reader_text(box)
            if articles.rebuild(box, today, built):
                changed += 1
                user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
                ChangeLog.objects.create(
                    box=box,
                    fact=fact,
                    reason=reason or f"{fact} changed",
                    changed_by=user,
                    trigger=f"rebuild_boxes, after {reason or fact + ' changed'} ({fact})",
                    before=before,
                    after=articles.reader_text(box),
                )
    return changed


@shared_task(**TASK_OPTIONS)
def dispatch_outbox() -> int:
    with recorded("dispatch_outbox"):
        return outbox.dispatch()


@shared_task(**TASK_OPTIONS)
def refresh_dates() -> dict:
    """Move everything that changes with the calendar forward to today: visit statuses, treaty
    events taking effect, warrants made public. Works from the last day it completed, so a missed
    run catches up, a doubled run finds nothing to do, and the hour it runs at does not matter."""
    with recorded("refresh_dates") as run:
        today = timezone.localdate()
        since = run.done_through or today - timedelta(days=1)
        summary = {"from": since.isoformat(), "to": today.isoformat(), "visits": 0, "states": 0, "warrants": 0}
        if since < today:
            summary["visits"] = refresh_visit_statuses(today)
            summary["states"] = _states_changing(since, today)
            for warrant in Warrant.objects.filter(made_public__gt=since, made_public__lte=today):
                outbox.enqueue("compliance.tasks.refresh_fact", f"warrant:{warrant.pk}", "warrant made public")
                summary["warrants"] += 1
        summary["feed_visits"] = stored.store(stored.stale(today), today)
        TaskRun.objects.filter(pk=run.pk).update(done_through=max(today, since), summary=summary)
        return summary


def refresh_visit_statuses(today: date) -> int:
    changed = 0
    for visit in Visit.objects.exclude(status=Visit.Status.CANCELLED):
        status = rules.visit_status_on(visit.as_rule(), today)
        if status != visit.status:
            visit.status = status
            visit._change_reason = f"status on {today.isoformat()}"
            visit.save(update_fields=["status", "updated_at"])
            changed += 1
    return changed


def _states_changing(since: date, today: date) -> int:
    count = 0
    for state in State.objects.with_events():
        before, after = state.membership_on(since), state.membership_on(today)
        if (before.status, before.state_party) != (after.status, after.state_party):
            outbox.enqueue(
                "compliance.tasks.refresh_fact", f"state:{state.pk}", f"{state.name}: {before.status} -> {after.status}"
            )
            count += 1
    return count


@shared_task(
    bind=True,
    autoretry_for=sync_module.NETWORK_ERRORS,
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=6,
    **TASK_OPTIONS,
)
def sync_untc(self, url: str = sync_module.UNTC_URL) -> dict:
    """Compare the depositary's status table with the data; differences become proposed changes.
    Network errors retry with backoff; a changed layout fails the run (visible in Task runs)."""
    with recorded("sync_untc"):
        participants = sync_module.parse_untc(sync_module.fetch(url))
        result = sync_module.propose_treaty_changes(participants, url=url)
        summary = {"rows": result.rows, "proposed": result.proposed, "unmatched": result.unmatched}
        TaskRun.objects.filter(name="sync_untc").update(summary=summary)
        return summary


@shared_task(
    bind=True,
    autoretry_for=sync_module.NETWORK_ERRORS,
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=6,
    **TASK_OPTIONS,
)
def sync_icc_defendants(self, url: str = "https://www.icc-cpi.int/cases") -> dict:
    with recorded("sync_icc_defendants"):
        cards = sync_module.parse_icc_defendants(sync_module.fetch(url))
        result = sync_module.propose_status_changes(cards, timezone.localdate(), url=url)
        summary = {"rows": result.rows, "proposed": result.proposed, "unmatched": result.unmatched}
        TaskRun.objects.filter(name="sync_icc_defendants").update(summary=summary)
        return summary


@shared_task(
    bind=True,
    autoretry_for=(webhooks.DeliveryFailed,),
    retry_backoff=10,
    retry_backoff_max=3600,
    max_retries=8,
    **TASK_OPTIONS,
)
def deliver_webhook(self, delivery_id: int) -> str:
    delivery = WebhookDelivery.objects.select_related("subscription").filter(pk=delivery_id).first()
    if delivery is None or delivery.status == WebhookDelivery.Status.DELIVERED:
        return "nothing to do"
    try:
        webhooks.deliver(delivery)
    except webhooks.DeliveryFailed:
        if self.request.retries >= self.max_retries:
            WebhookDelivery.objects.filter(pk=delivery_id).update(status=WebhookDelivery.Status.FAILED)
        raise
    return "delivered"
