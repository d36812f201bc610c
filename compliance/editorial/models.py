"""The editorial layer's records about the host's articles: context boxes (with their reverse index
of facts), claim flags, detection runs and the state of each article's analysis."""

from datetime import date

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..facts.models import Person, State


class ArticleRef(models.Model):
    """Points at one of the host's articles without importing the host (COMPLIANCE_ARTICLE_MODEL)."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("article type"), on_delete=models.CASCADE, related_name="+"
    )
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

    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=Kind.choices,
        help_text=_("A visit box needs a person and a state, a person box a person only, a state box a state only."),
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="boxes",
        help_text=_("The wanted person the box is about."),
    )
    state = models.ForeignKey(
        State,
        verbose_name=_("state"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="boxes",
        help_text=_("The state the box is about (for a visit: the host)."),
    )
    slot = models.CharField(_("slot"), max_length=60, editable=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.SUGGESTED,
        db_index=True,
        help_text=_(
            "Readers see approved and pinned boxes only. Pinned boxes stay when the "
            "article is analysed again; rejected boxes never come back."
        ),
    )
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices, default=Origin.DETECTED)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Boxes are shown in this order, lowest first.")
    )
    language = models.CharField(
        _("language"), max_length=5, default="en", help_text=_("The language the box is written in (en or uk).")
    )
    as_of = models.DateField(_("as of"), null=True, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True, editable=False)
    title_override = models.CharField(
        _("title (override)"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to use the title written from the data."),
    )
    verdict_override = models.TextField(
        _("verdict wording (override)"),
        blank=True,
        help_text=_(
            "Leave empty to use the wording written from the data. Your words replace it until you empty this field."
        ),
    )
    salience = models.FloatField(_("salience"), default=0)
    built_at = models.DateTimeField(_("built at"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Who approved (or pinned) the box, and the text readers saw then: a rebuild that changes that text
    # marks the box "changed since approval" until an editor approves it again.
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)
    approved_text = models.TextField(_("text when approved"), blank=True, editable=False)
    changed_since_approval = models.DateTimeField(
        _("changed since approval"),
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("When the text readers see changed after the box was approved; empty once it is approved again."),
    )
    history = HistoricalRecords(excluded_fields=["data", "approved_text"])

    class Meta:
        verbose_name = _("context box")
        verbose_name_plural = _("context boxes")
        ordering = ["position", "-salience", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "slot"], name="box_once_per_article"),
            models.CheckConstraint(
                condition=(
                    Q(kind="visit", person__isnull=False, state__isnull=False)
                    | Q(kind="person", person__isnull=False, state__isnull=True)
                    | Q(kind="state", person__isnull=True, state__isnull=False)
                ),
                name="box_kind_matches_subject",
                violation_error_message=_(
                    "A visit box needs a person and a state, a person box a person only, a state box a state only."
                ),
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
        box = cls(
            kind=data["kind"], data=data, language=data["language"], pk=0, as_of=date.fromisoformat(data["as_of"])
        )
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
        OVERRIDDEN = "overridden", _("overridden")

    sentence = models.TextField(_("sentence"))
    kind = models.CharField(_("kind"), max_length=40)
    severity = models.CharField(_("severity"), max_length=10, default="error")
    claimed = models.CharField(_("claimed value"), max_length=200, blank=True)
    correct = models.CharField(_("correct value"), max_length=200, blank=True)
    correction = models.TextField(_("correction"))
    sources = models.JSONField(_("sources"), default=list, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.OPEN,
        db_index=True,
        help_text=_(
            "An open error flag stops the article's boxes from being approved and the "
            "article from being published until it is fixed, dismissed with a reason "
            "or overridden."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        help_text=_("Empty when the analysis found the sentence corrected."),
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True, editable=False)
    resolution_note = models.TextField(
        _("reason"), blank=True, help_text=_("Why the flag is dismissed or overridden (required for both).")
    )

    class Meta:
        verbose_name = _("claim flag")
        verbose_name_plural = _("claim flags")
        ordering = ["pk"]
        permissions = [("override_claimflag", _("Can publish over an open claim flag"))]

    def __str__(self):
        return self.correction

    @property
    def blocks(self) -> bool:
        """Whether it stops approval and publication: an open error."""
        return self.status == self.Status.OPEN and self.severity == "error"


class Analysis(ArticleRef):
    """The state of an article's analysis, for editors: queued, done (with what it found) or failed
    (with the reason). Nothing about an analysis fails silently."""

    class State(models.TextChoices):
        PENDING = "pending", _("pending")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    state = models.CharField(_("analysis"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True)
    reason = models.TextField(_("reason for the failure"), blank=True)
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    summary = models.JSONField(_("summary"), default=dict, blank=True)

    class Meta:
        verbose_name = _("article analysis")
        verbose_name_plural = _("article analyses")
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="analysis_once")]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} {self.state}"


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
