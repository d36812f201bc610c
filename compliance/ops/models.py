"""Operations: the outbox of background work, periodic task runs, and the change log of boxes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OutboxMessage(models.Model):
    """Work to hand to Celery, written in the same transaction as the change that caused it, so
    nothing is lost while the broker is down.

    A dispatcher takes a lease on a message, sends it, then records when it sent it. The message is
    done only when its task has run (`done_at`): a message whose lease ran out before that (a
    dispatcher killed between send and mark, a broker that lost its queue, a worker that died) is
    sent again, and the task skips a message already done. After `MAX_ATTEMPTS` failures it is
    *dead*: kept, shown to editors, and sent again only when someone asks."""

    task = models.CharField(_("task"), max_length=200)
    args = models.JSONField(_("arguments"), default=list)
    key = models.CharField(_("key"), max_length=200, help_text=_("Pending messages with the same key are sent once."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    lease_until = models.DateTimeField(
        _("leased until"), null=True, blank=True, help_text=_("Until then no other dispatcher sends it.")
    )
    dispatched_at = models.DateTimeField(_("last sent"), null=True, blank=True)
    done_at = models.DateTimeField(
        _("done"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("When its task finished. Until then it is sent again."),
    )
    dead_at = models.DateTimeField(
        _("given up"), null=True, blank=True, help_text=_("Failed too often; sent again only on request.")
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["pk"]
        constraints = [
            # New work coalesces with a message no dispatcher has taken yet, never with one being sent
            # or run (which may have read the data before this change).
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(lease_until__isnull=True, done_at__isnull=True, dead_at__isnull=True),
                name="outbox_one_untaken_per_key",
            )
        ]

    def __str__(self):
        return f"{self.task}{tuple(self.args)}"

    @property
    def state(self) -> str:
        if self.done_at:
            return "done"
        if self.dead_at:
            return "dead"
        return "sent" if self.dispatched_at else "pending"


class TaskRun(models.Model):
    """The last run, success and error of each periodic task, for editors; and how far its
    date-driven work has got (`done_through`), so a missed or doubled run changes nothing."""

    name = models.CharField(pgettext_lazy("not a person", "name"), max_length=200, unique=True)
    last_started = models.DateTimeField(_("last started"), null=True, blank=True)
    last_success = models.DateTimeField(_("last success"), null=True, blank=True)
    last_error_at = models.DateTimeField(_("last error at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    done_through = models.DateField(_("done through"), null=True, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)

    class Meta:
        verbose_name = _("task run")
        verbose_name_plural = _("task runs")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ChangeLog(models.Model):
    """What changed in published boxes, and why: the editors' list of updates."""

    box = models.ForeignKey(
        "compliance.ContextBox", verbose_name=_("box"), null=True, on_delete=models.SET_NULL, related_name="changes"
    )
    fact = models.CharField(_("fact"), max_length=60, blank=True)
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The person whose edit caused the change; empty for a scheduled task."),
    )
    trigger = models.CharField(
        _("trigger"), max_length=300, blank=True, help_text=_("The task that rebuilt the box, and what set it off.")
    )
    before = models.TextField(_("before"), blank=True, help_text=_("What readers saw before the change."))
    after = models.TextField(_("after"), blank=True, help_text=_("What readers see now."))

    class Meta:
        verbose_name = _("change log entry")
        verbose_name_plural = _("change log")
        ordering = ["-created_at"]

    def __str__(self):
        return self.reason
