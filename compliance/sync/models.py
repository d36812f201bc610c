"""Differences found by the syncs from public sources, for an editor to decide."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..facts.links import http_url_validator


class ProposedChange(models.Model):
    """A difference between a public source and the database, for an editor to accept or reject.
    A source never overwrites a fact by itself."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    origin = models.CharField(_("origin"), max_length=40, help_text=_("Which sync found it, e.g. untc-rome-statute."))
    key = models.CharField(_("key"), max_length=200, help_text=_("What it is about, e.g. TJK:deposit."))
    summary = models.CharField(_("summary"), max_length=300)
    current = models.JSONField(_("current value"), null=True, blank=True)
    proposed = models.JSONField(_("proposed value"))
    evidence = models.TextField(_("evidence"), blank=True, help_text=_("The source's own words (the table row)."))
    source_url = models.URLField(_("source URL"), max_length=500, blank=True, validators=[http_url_validator])
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["origin", "key"], condition=Q(status="pending"), name="proposed_change_one_pending_per_key"
            )
        ]

    def __str__(self):
        return self.summary
