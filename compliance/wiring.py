"""All of the app's wiring, in one `register()` that `AppConfig.ready()` calls.

Every signal handler here is generated from `compliance.facts.dependencies.REGISTRY`: a change to a
registered fact, in the transaction that makes it,

- deletes the stored feed documents built from it and bumps the feed version (`compliance.feed`);
- queues, through the outbox, the rebuild of the boxes that used it (`compliance.tasks.refresh_fact`),
  which also sends partners their webhooks;
- touches its owner (an alias's person or state), so the detector's gazetteer is rebuilt.

Saving one of the host's articles queues its analysis.
"""

import logging

from django.apps import apps
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils import timezone, translation

from . import conf
from .editorial import articles
from .facts import dependencies
from .feed import stored, versioning
from .ops import outbox, roles, schedules

logger = logging.getLogger(__name__)

ANALYSE = "compliance.tasks.analyse_article"
REFRESH = "compliance.tasks.refresh_fact"
STORE = "compliance.tasks.store_feed_visits"


def _english(text) -> str:
    """Reasons go to the change log and to partners' webhooks: in English, whoever made the change."""
    with translation.override("en"):
        return str(text)


def changed(instance, reason: str) -> None:
    """`instance` (a registered fact) changed, in the current transaction: forget and queue what
    depends on it."""
    entry = dependencies.dependents(type(instance))
    # The change's name: partners get one webhook delivery for it, whichever of its refs reaches them.
    change = f"{instance._meta.model_name}:{instance.pk}@{versioning.bump()}"
    where = entry.visits(instance)
    if where is not None:
        stored.forget(where)
    refs = dependencies.refs(instance)
    user_id = _editing_user_id()
    for ref in refs:
        outbox.enqueue(REFRESH, ref, reason, change, user_id, key=f"{REFRESH}:{ref}")
    if where is not None and not refs:
        outbox.enqueue(STORE)
    owner = entry.owner(instance)
    if owner is not None and owner.pk:
        type(owner).objects.filter(pk=owner.pk).update(updated_at=timezone.now())


def _editing_user_id() -> int | None:
    """The signed-in person whose request made the change (for the change log), if any."""
    from simple_history.models import HistoricalRecords

    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user.pk if getattr(user, "is_authenticated", False) else None


def fact_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    changed(instance, f"{_english(sender._meta.verbose_name)} changed")


def relation_changed(sender, instance, action, pk_set=None, reverse=False, model=None, **kwargs):
    """A many-to-many relation of a registered fact changed, from either side: both sides changed."""
    if action not in ("pre_clear", "post_add", "post_remove"):
        return
    if action == "pre_clear":
        related = list(getattr(instance, _m2m_name(sender, instance, reverse)).all())
    else:
        related = list(model._default_manager.filter(pk__in=pk_set or ()))
    for obj in [instance, *related]:
        if dependencies.dependents(type(obj)) is not None:
            changed(obj, f"{_english(type(obj)._meta.verbose_name)} changed")


def _m2m_name(through, instance, reverse) -> str:
    for field in type(instance)._meta.get_fields():
        if (
            getattr(getattr(field, "remote_field", None), "through", None) is through
            or getattr(field, "through", None) is through
        ):
            return field.get_accessor_name() if field.auto_created else field.name
    raise LookupError(through)


def box_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        versioning.bump()


def article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    articles.queue_analysis(instance)  # marked pending, for editors, until it is done or has failed


def register(app_config) -> None:
    post_migrate.connect(roles.ensure_roles, sender=app_config)
    if "django_celery_beat" in settings.INSTALLED_APPS:
        post_migrate.connect(schedules.install, sender=app_config)
    for model, entry in dependencies.REGISTRY.items():
        uid = f"compliance-{model._meta.label_lower}"
        post_save.connect(fact_saved, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(fact_saved, sender=model, dispatch_uid=f"{uid}-deleted")
        for name in entry.m2m:
            m2m_changed.connect(relation_changed, sender=getattr(model, name).through, dispatch_uid=f"{uid}-{name}")
    # The feed serves articles' live boxes: a box's change moves the feed's version too.
    box = apps.get_model("compliance", "ContextBox")
    post_save.connect(box_changed, sender=box, dispatch_uid="compliance-box-saved")
    post_delete.connect(box_changed, sender=box, dispatch_uid="compliance-box-deleted")
    article = conf.article_model(required=False)
    if article is not None:
        post_save.connect(article_saved, sender=article, dispatch_uid="compliance-analyse-article")


def connected_models() -> set:
    """The models whose saves `register` wired (for the registry's own test)."""
    return {
        model
        for model in apps.get_app_config("compliance").get_models()
        if post_save.has_listeners(model) and model in dependencies.REGISTRY
    }
