"""Wiring only: changes to articles and facts become outbox messages in the same transaction."""

import logging

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone, translation

from django.db.models import Q

from . import outbox
from .api import stored

logger = logging.getLogger(__name__)

ANALYSE = "compliance.tasks.analyse_article"
REFRESH = "compliance.tasks.refresh_fact"
STORE = "compliance.tasks.store_feed_visits"

# For each fact model: the references ("model:pk") whose boxes a change to it affects.
FACT_REFS = {
    "State": lambda o: [f"state:{o.pk}"],
    "TreatyEvent": lambda o: [f"treatyevent:{o.pk}", f"state:{o.state_id}"],
    "SecurityCouncilObligation": lambda o: [f"state:{o.state_id}"],
    "Person": lambda o: [f"person:{o.pk}"],
    "Warrant": lambda o: [f"warrant:{o.pk}", f"person:{o.person_id}"],
    "WarrantStatus": lambda o: [f"warrant:{o.warrant_id}"],
    "Charge": lambda o: [f"warrant:{o.warrant_id}"],
    "Visit": lambda o: [f"visit:{o.pk}", f"person:{o.person_id}", f"state:{o.state_id}"],
    "Finding": lambda o: [f"finding:{o.pk}", f"state:{o.state_id}"],
    "PersonAlias": lambda o: [f"person:{o.person_id}"],
    "StateAlias": lambda o: [f"state:{o.state_id}"],
}


def _english(text) -> str:
    """Reasons go to the change log and to partners' webhooks: in English, whoever made the change."""
    with translation.override("en"):
        return str(text)


def article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    ct = ContentType.objects.get_for_model(instance)
    outbox.enqueue(ANALYSE, ct.pk, instance.pk)


def fact_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    stored.forget(stored.affected_by(instance))
    for ref in FACT_REFS[sender.__name__](instance):
        outbox.enqueue(REFRESH, ref, f"{_english(sender._meta.verbose_name)} changed", key=f"{REFRESH}:{ref}")


def feed_input_changed(sender, instance, raw=False, **kwargs):
    """A row that stored feed documents are built from (besides the facts above) changed."""
    if raw:
        return
    where = stored.affected_by(instance)
    if where is not None:
        stored.forget(where)
        outbox.enqueue(STORE)


def finding_visits_changed(sender, instance, action, pk_set=None, reverse=False, **kwargs):
    """Finding.visits changed, from either side (`reverse`: `visit.findings.add(...)`)."""
    if action not in ("pre_clear", "post_add", "post_remove"):
        return
    if reverse:
        visit_ids = [instance.pk]
    elif action == "pre_clear":
        visit_ids = list(instance.visits.values_list("pk", flat=True))
    else:
        visit_ids = list(pk_set or ())
    stored.forget(Q(pk__in=visit_ids))
    for pk in visit_ids:
        outbox.enqueue(REFRESH, f"visit:{pk}", "finding changed", key=f"{REFRESH}:visit:{pk}")


def touch_owner(sender, instance, **kwargs):
    """An alias changed: the gazetteer is rebuilt when its owner's updated_at moves."""
    owner = getattr(instance, "person", None) or getattr(instance, "state", None)
    if owner is not None and owner.pk:
        type(owner).objects.filter(pk=owner.pk).update(updated_at=timezone.now())
