"""The editorial layer's records about the host's articles: context boxes (with their reverse index
of facts), claim flags and detection runs."""

from datetime import date

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..facts.models import Person, State


class ArticleRef(models.Model):
    """Points at one of the host's articles without importing the host (COMPLIANCE_ARTICLE_MODEL)."""

    content_type = models.ForeignKey(ContentType, verbose_name=_("article type"), on_delete=models.CASCADE,
                                     related_name="+")
    object_id = models.PositiveBigIntegerField(_("article ID"))
    article = GenericForeignKey("content_type", "object_id")

    class Meta:
        abstract = True
        indexes = [models.Index(fields=["content_type", "object_id"])]


class ContextBox(ArticleRef):
    class Kind(models.TextChoices):
        VISIT = "visit", _("visit")
        PERSON = "person", _("person")
        STATE = "state", _("state")

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("suggested")
        APPROVED = "approved", _("approved")
        PINNED = "pinned", _("pinned")
        REJECTED = "rejected", _("rejected")

    class Origin(models.TextChoices):
        DETECTED = "detected", _("detected")
        MANUAL = "manual", _("added by an editor")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    person = models.ForeignKey(Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.CASCADE,
                               related_name="boxes")
    state = models.ForeignKey(State, verbose_name=_("state"), null=True, blank=True, on_delete=models.CASCADE,
                              related_name="boxes")
    slot = models.CharField(_("slot"), max_length=60, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUGGESTED,
                              db_index=True)
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices, default=Origin.DETECTED)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    language = models.CharField(_("language"), max_length=5, default="en")
    as_of = models.DateField(_("as of"), null=True, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True, editable=False)
    title_override = models.CharField(_("title (override)"), max_length=200, blank=True)
    verdict_override = models.TextField(_("verdict wording (override)"), blank=True)
    salience = models.FloatField(_("salience"), default=0)
    built_at = models.DateTimeField(_("built at"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["data"])

    class Meta:
        verbose_name = _("context box")
        verbose_name_plural = _("context boxes")
        ordering = ["position", "-salience", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "slot"], name="box_once_per_article"),
            models.CheckConstraint(
                condition=(Q(kind="visit", person__isnull=False, state__isnull=False)
                           | Q(kind="person", person__isnull=False, state__isnull=True)
                           | Q(kind="state", person__isnull=True, state__isnull=False)),
                name="box_kind_matches_subject",
                violation_error_message=_("A visit box needs a person and a state, a person box a person only, "
                                          "a state box a state only."),
            ),
        ]

    def __str__(self):
        return self.data.get("title") or f"{self.get_kind_display()} box"

    def save(self, *args, **kwargs):
        self.slot = f"{self.kind}:{self.person_id or '-'}:{self.state_id or '-'}"
        super().save(*args, **kwargs)

    @classmethod
    def unsaved(cls, data: dict, dom_id: str = "") -> "ContextBox":
        """A box just built (`boxes.visit_box` and the like), to render with the box template; not saved."""
        box = cls(kind=data["kind"], data=data, language=data["language"], pk=0,
                  as_of=date.fromisoformat(data["as_of"]))
        if dom_id:
            box.dom_id = dom_id
        return box

    @property
    def dom_id(self) -> str:
        """The id its HTML element takes (set one on unsaved boxes shown together)."""
        return self.__dict__.get("_dom_id") or f"cbox-{self.pk}"

    @dom_id.setter
    def dom_id(self, value: str) -> None:
        self.__dict__["_dom_id"] = value

    @property
    def title(self) -> str:
        return self.title_override or self.data.get("title", "")

    @property
    def verdict_text(self) -> str:
        return self.verdict_override or (self.data.get("verdict") or {}).get("text", "")


class BoxFact(models.Model):
    """Reverse index: which boxes used which fact ("state:12", "visit:3"), so a change to a fact
    finds its boxes without scanning every article."""

    box = models.ForeignKey(ContextBox, verbose_name=_("box"), on_delete=models.CASCADE, related_name="fact_refs")
    fact = models.CharField(_("fact"), max_length=60, db_index=True)

    class Meta:
        verbose_name = _("box fact")
        verbose_name_plural = _("box facts")
        constraints = [models.UniqueConstraint(fields=["box", "fact"], name="box_fact_unique")]

    def __str__(self):
        return f"{self.box_id} uses {self.fact}"


class ClaimFlag(ArticleRef):
    """A sentence whose checkable fact disagrees with the data; for editors only."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        FIXED = "fixed", _("fixed in the text")
        DISMISSED = "dismissed", _("dismissed")

    sentence = models.TextField(_("sentence"))
    kind = models.CharField(_("kind"), max_length=40)
    severity = models.CharField(_("severity"), max_length=10, default="error")
    claimed = models.CharField(_("claimed value"), max_length=200, blank=True)
    correct = models.CharField(_("correct value"), max_length=200, blank=True)
    correction = models.TextField(_("correction"))
    sources = models.JSONField(_("sources"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("claim flag")
        verbose_name_plural = _("claim flags")
        ordering = ["pk"]

    def __str__(self):
        return self.correction


class Detection(ArticleRef):
    """The last detection run on an article: what it found, as of which date."""

    as_of = models.DateField(_("as of"))
    language = models.CharField(_("language"), max_length=5)
    result = models.JSONField(_("result"), default=dict)
    content_digest = models.CharField(_("content digest"), max_length=64)
    analysed_at = models.DateTimeField(_("analysed at"), auto_now=True)

    class Meta:
        verbose_name = _("detection run")
        verbose_name_plural = _("detection runs")
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="detection_once")]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} as of {self.as_of}"
