"""Wiring only: changes to articles and facts become outbox messages in the same transaction."""

import logging

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from . import outbox

logger = logging.getLogger(__name__)

ANALYSE = "compliance.tasks.analyse_article"
REFRESH = "compliance.tasks.refresh_fact"

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


def article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    ct = ContentType.objects.get_for_model(instance)
    outbox.enqueue(ANALYSE, ct.pk, instance.pk)


def fact_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    for ref in FACT_REFS[sender.__name__](instance):
        outbox.enqueue(REFRESH, ref, f"{sender._meta.verbose_name} changed", key=f"{REFRESH}:{ref}")


def finding_visits_changed(sender, instance, action, pk_set=None, **kwargs):
    if action in ("post_add", "post_remove"):
        for pk in pk_set or ():
            outbox.enqueue(REFRESH, f"visit:{pk}", "finding changed", key=f"{REFRESH}:visit:{pk}")


def touch_owner(sender, instance, **kwargs):
    """An alias changed: the gazetteer is rebuilt when its owner's updated_at moves."""
    owner = getattr(instance, "person", None) or getattr(instance, "state", None)
    if owner is not None and owner.pk:
        type(owner).objects.filter(pk=owner.pk).update(updated_at=timezone.now())
