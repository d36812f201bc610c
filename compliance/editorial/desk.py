"""The editors' desk on the admin index: what is waiting for someone, each count linking to its list;
and the admin's models grouped so that the plumbing (outbox, webhooks, API keys, task runs, stored
feed documents, the feed's version) sits apart from the newsroom's work.

A host gets both by basing its admin site on `DeskAdminSiteMixin` (see the demo's `newsroom.sites`)."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from .. import conf
from ..facts import review
from .models import Analysis, ClaimFlag, ContextBox

PLUMBING = {
    "outboxmessage",
    "webhooksubscription",
    "webhookdelivery",
    "apikey",
    "taskrun",
    "storedvisit",
    "feedversion",
}


@dataclass
class Item:
    label: str
    count: int
    url: str
    alert: bool = False


def _url(name: str, **params) -> str:
    try:
        url = reverse(name)
    except NoReverseMatch:
        return ""
    return f"{url}?{urlencode(params)}" if params else url


def desk(request) -> list[Item]:
    """The desk: counts of what needs an editor, each with the link to the filtered list."""
    user = request.user
    items = []
    if user.has_perm("compliance.view_contextbox"):
        items.append(
            Item(
                _("Boxes to review"),
                ContextBox.objects.filter(status=ContextBox.Status.SUGGESTED).count(),
                _url("admin:compliance_contextbox_changelist", status__exact=ContextBox.Status.SUGGESTED),
            )
        )
        changed = ContextBox.objects.exclude(changed_since_approval=None)
        items.append(
            Item(
                _("Approved boxes changed since approval"),
                changed.count(),
                _url("admin:compliance_contextbox_changelist", changed="yes"),
                alert=True,
            )
        )
        mine = changed.filter(approved_by=user).count() if user.pk else 0
        if mine:
            items.append(
                Item(
                    _("Boxes you approved that have changed since"),
                    mine,
                    _url("admin:compliance_contextbox_changelist", changed="yes", approved_by="me"),
                    alert=True,
                )
            )
    if user.has_perm("compliance.view_claimflag"):
        items.append(
            Item(
                _("Open claim flags"),
                ClaimFlag.objects.filter(status=ClaimFlag.Status.OPEN).count(),
                _url("admin:compliance_claimflag_changelist", status__exact=ClaimFlag.Status.OPEN),
            )
        )
    model = conf.article_model(required=False)
    if model is not None and user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
        items.append(
            Item(
                _("Failed analyses"),
                Analysis.objects.filter(state=Analysis.State.FAILED).count(),
                _url(
                    f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist", analysis=Analysis.State.FAILED
                ),
                alert=True,
            )
        )
    if user.has_perm("compliance.view_source"):
        items.append(
            Item(
                _("Facts needing sourcing"),
                len(review.below_rule(fact_models())),
                _url("admin:compliance_source_needs_sourcing"),
                alert=True,
            )
        )
    return items


def fact_models() -> tuple:
    """The facts the "needs sourcing" queue lists (Sources > needs sourcing), so that the counts agree."""
    from ..facts import models as m

    return (m.Court, m.Person, m.Warrant, m.State, m.TreatyEvent, m.SecurityCouncilObligation, m.Visit, m.Finding)


def grouped(app_list: list[dict]) -> list[dict]:
    """The admin's apps, with the app's plumbing models moved to a group of their own, listed last."""
    out, plumbing = [], []
    for app in app_list:
        if app.get("app_label") != "compliance":
            out.append(app)
            continue
        work = [m for m in app["models"] if m.get("object_name", "").lower() not in PLUMBING]
        plumbing = [m for m in app["models"] if m.get("object_name", "").lower() in PLUMBING]
        if work:
            out.append({**app, "models": work})
    if plumbing:
        out.append(
            {
                "name": _("Plumbing (background work and the partner feed)"),
                "app_label": "compliance_plumbing",
                "app_url": "",
                "has_module_perms": True,
                "models": plumbing,
            }
        )
    return out


class DeskAdminSiteMixin:
    """Mix into an AdminSite: the desk on the index, the plumbing grouped apart."""

    index_template = "admin/compliance/index.html"

    def get_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        return grouped(app_list) if app_label is None else app_list

    def index(self, request, extra_context=None):
        return super().index(request, {**(extra_context or {}), "desk": desk(request)})
