"""What the feed keeps for partners: stored visit documents, API keys and webhooks."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..facts.models import Person, State, Visit
from . import targets


class StoredVisit(models.Model):
    """A visit as the feed shows it as of a date, its verdict included, stored so that the feed does
    not run the rules and the serializer for every row it lists.

    Deleted in the transaction that changes anything it was built from (the visit, its citations,
    its person and their warrants, its state's treaty events and Security Council duties, its
    findings); rebuilt by the tasks. A reader asking for another date, or finding none stored, gets
    the visit built on the spot, by the same code."""

    visit = models.OneToOneField(
        Visit, verbose_name=_("visit"), primary_key=True, on_delete=models.CASCADE, related_name="stored"
    )
    on = models.DateField(_("as of"))
    document = models.TextField(
        _("document"), help_text=_("The visit as the feed shows it, as JSON text: served as it is, never parsed.")
    )
    built_at = models.DateTimeField(_("built at"), auto_now=True)

    class Meta:
        verbose_name = _("stored feed visit")
        verbose_name_plural = _("stored feed visits")

    def __str__(self):
        return f"{self.visit_id} as of {self.on}"


class StoredVisitInputs(models.Model):
    """A single row whose generation every transaction that changes a stored visit's inputs bumps, so
    a visit built from inputs read before that change is never stored after it."""

    generation = models.PositiveBigIntegerField(_("generation"), default=0)

    class Meta:
        verbose_name = _("stored feed visits generation")
        verbose_name_plural = _("stored feed visits generations")

    def __str__(self):
        return f"generation {self.generation}"


class FeedVersion(models.Model):
    """The feed's version: one row whose counter the transaction that changes any fact bumps. ETags,
    cached responses and cached maps are keyed by it, so every process, web or worker, sees a change
    as soon as it commits, and never before."""

    generation = models.PositiveBigIntegerField(_("generation"), default=0)

    class Meta:
        verbose_name = _("feed version")
        verbose_name_plural = _("feed versions")

    def __str__(self):
        return f"feed version {self.generation}"


class ApiKey(models.Model):
    """A partner's key for the feed, with its own rate limit. Only a hash is stored; the key is
    shown once, when staff issue it."""

    name = models.CharField(
        pgettext_lazy("not a person", "name"), max_length=200, help_text=_("The partner, e.g. Example Daily.")
    )
    prefix = models.CharField(_("prefix"), max_length=8, unique=True, editable=False)
    key_hash = models.CharField(_("key hash"), max_length=64, editable=False)
    rate = models.CharField(
        _("rate limit"),
        max_length=20,
        default="1000/hour",
        help_text=_("Requests per second, minute, hour or day, e.g. 1000/hour."),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        constraints = [
            models.CheckConstraint(
                condition=Q(rate__regex=r"^[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)$"),
                name="api_key_rate_format",
                violation_error_message=_(
                    "Write the rate as a number, a slash and second, minute, hour or day, e.g. 1000/hour."
                ),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, name: str, rate: str = "1000/hour") -> tuple["ApiKey", str]:
        import hashlib
        import secrets

        raw = secrets.token_urlsafe(32)
        key = cls(name=name, rate=rate, prefix=raw[:8], key_hash=hashlib.sha256(raw.encode()).hexdigest())
        key.full_clean()
        key.save()
        return key, raw


class WebhookSubscription(models.Model):
    """A partner asks to be told when facts about chosen persons or states change."""

    api_key = models.ForeignKey(ApiKey, verbose_name=_("API key"), on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(
        _("URL"),
        max_length=500,
        validators=[targets.validate],
        help_text=_("https only, on a public address: checked now and at every delivery."),
    )
    secret = models.CharField(
        _("secret"),
        max_length=64,
        editable=False,
        help_text=_("Deliveries carry X-Signature-SHA256: HMAC-SHA256 of the body with this."),
    )
    persons = models.ManyToManyField(Person, verbose_name=_("persons"), blank=True, related_name="+")
    states = models.ManyToManyField(State, verbose_name=_("states"), blank=True, related_name="+")
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")

    def __str__(self):
        return f"{self.api_key.name} → {self.url}"

    def save(self, *args, **kwargs):
        if not self.secret:
            import secrets

            self.secret = secrets.token_hex(32)
        super().save(*args, **kwargs)


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        DELIVERED = "delivered", _("delivered")
        FAILED = "failed", _("failed")

    subscription = models.ForeignKey(
        WebhookSubscription, verbose_name=_("subscription"), on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.JSONField(_("event"))
    idempotency_key = models.CharField(
        _("idempotency key"),
        max_length=200,
        default="",
        help_text=_("The change it reports; sent as Idempotency-Key. One delivery per subscription per change."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    response_code = models.PositiveIntegerField(_("response code"), null=True, blank=True)
    response_excerpt = models.TextField(_("response excerpt"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["subscription", "idempotency_key"], name="webhook_delivery_once_per_change")
        ]

    def __str__(self):
        return f"{self.event.get('fact')} → {self.subscription.url}"
