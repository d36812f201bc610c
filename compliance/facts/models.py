"""Sourced, time-aware facts: sources, courts, persons, warrants, states and their treaty events,
visits and findings.

Models hold data and translate it into the pure rules' inputs; the rules live in `compliance.rules`.
"""

from datetime import date

from anyascii import anyascii
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from .. import rules
from ..rules import membership as m
from . import sourcing
from .links import http_url_validator

LANGUAGES = [("en", _("English")), ("uk", _("Ukrainian")), ("ru", _("Russian")), ("other", _("Other"))]


class Source(models.Model):
    class Tier(models.TextChoices):
        PRIMARY = "primary", _("primary")
        SECONDARY = "secondary", _("reputable secondary")
        UNUSABLE = "unusable", _("unusable")

    key = models.SlugField(
        _("key"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("Made from the title when left blank, then kept, so that links to the source stay stable."),
    )
    url = models.URLField(
        _("URL"),
        max_length=500,
        validators=[http_url_validator],
        help_text=_(
            "The address of the page or document you read. For a copy, give the copy's address here and the "
            "original's in the fields below."
        ),
    )
    title = models.CharField(
        _("title"),
        max_length=500,
        help_text=_("The title exactly as the page or document gives it, in its own language."),
    )
    publisher = models.CharField(
        _("publisher"),
        max_length=200,
        blank=True,
        help_text=_(
            "Who published it, e.g. International Criminal Court or Reuters, spelt the same way every time: two "
            "secondary sources count together only when their publishers differ."
        ),
    )
    published = models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_(
            "The publication date printed on the page. Leave blank when it gives none or only a month, and say so in "
            "the note."
        ),
    )
    accessed = models.DateField(
        _("accessed"),
        null=True,
        blank=True,
        help_text=_("The day you last opened the page and checked that it still says what you cite."),
    )
    archive_url = models.URLField(
        _("archive URL"),
        max_length=500,
        blank=True,
        validators=[http_url_validator],
        help_text=_(
            "Optional: a saved copy of the page in a web archive (e.g. the Wayback Machine), in case the original "
            "moves or disappears."
        ),
    )
    tier = models.CharField(
        _("tier"),
        max_length=10,
        choices=Tier.choices,
        default="",
        db_index=True,
        help_text=_(
            "Primary: the Court's own records, the UN depositary, official gazettes and government "
            "records, Security Council resolutions. Reputable secondary: wire services, established news "
            "outlets, recognised NGOs, academic publishers. Unusable: blogs, content farms, copies or "
            "mirrors, code repositories, search pages, social posts without their original."
        ),
    )
    original_publisher = models.CharField(
        _("original's publisher"), max_length=200, blank=True, help_text=_("For a copy: who published the original.")
    )
    original_title = models.CharField(
        _("original's title"), max_length=500, blank=True, help_text=_("For a copy: the original's title.")
    )
    original_url = models.URLField(
        _("original's URL"),
        max_length=500,
        blank=True,
        validators=[http_url_validator],
        help_text=_("For a copy: the original's address, if it is online."),
    )
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_(
            "Anything other editors should know about this source, e.g. a correction the publisher made later."
        ),
    )
    reference_key = models.CharField(
        _("reference key"), max_length=200, null=True, blank=True, unique=True, editable=False
    )
    reference_digest = models.CharField(_("reference digest"), max_length=64, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["publisher", "title"]

    def __str__(self):
        return f"{self.title} ({self.publisher})" if self.publisher else self.title

    def save(self, *args, **kwargs):
        if not self.key:
            self.key = self.key_from_title()
        super().save(*args, **kwargs)

    def key_from_title(self) -> str:
        """A slug of the title, in Latin letters whatever its script, made unique with -2, -3..."""
        base = slugify(anyascii(self.title))[:100].strip("-") or "source"
        key, n = base, 2
        while Source.objects.filter(key=key).exclude(pk=self.pk).exists():
            key, n = f"{base}-{n}", n + 1
        return key


class Citation(models.Model):
    """Attaches a source to any fact."""

    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        related_name="citations",
        help_text=_("The source that supports this fact. Search by title, publisher or key."),
    )
    content_type = models.ForeignKey(ContentType, verbose_name=_("content type"), on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(_("object ID"))
    fact = GenericForeignKey("content_type", "object_id")
    locator = models.CharField(_("locator"), max_length=300, blank=True, help_text=_("Page, paragraph or quotation."))

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        ordering = ["source__key"]
        constraints = [
            models.UniqueConstraint(fields=["source", "content_type", "object_id"], name="citation_once_per_fact")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        permissions = [("verify_fact", "Can mark facts verified"), ("import_fact", "Can import facts from files")]

    def __str__(self):
        return str(self.source)


class Fact(models.Model):
    """A record that cites its sources, can be verified by a fact-checker, and may come from the
    shipped reference dataset (`reference_key`, with the digest of the values last loaded)."""

    citations = GenericRelation(Citation, verbose_name=_("citations"))
    note = models.TextField(_("note"), blank=True, help_text=_("Caveats, and why a value was left blank."))
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True, editable=False)
    verified_against = models.ForeignKey(
        Source,
        verbose_name=_("verified against"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        help_text=_("The source the fact-checker compared the record with."),
    )
    reference_key = models.CharField(
        _("reference key"), max_length=200, null=True, blank=True, unique=True, editable=False
    )
    reference_digest = models.CharField(_("reference digest"), max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    class Meta:
        abstract = True

    @property
    def sources(self):
        return [c.source for c in self.citations.all()]

    @property
    def sourcing(self) -> "sourcing.Sourcing":
        """How well the record is sourced, computed from its sources' tiers (never stored)."""
        return sourcing.assess_fact(self, self.sources)

    @property
    def confirmed(self) -> bool:
        """Whether readers may see this record stated as fact (the sourcing rule)."""
        return self.sourcing.confirmed


class Court(Fact):
    code = models.SlugField(
        _("code"),
        max_length=20,
        unique=True,
        help_text=_("A short code for the court, e.g. ICC. The data files refer to the court by it."),
    )
    name = models.CharField(
        pgettext_lazy("not a person", "name"),
        max_length=200,
        help_text=_("The court's full name in English, as on its own website, e.g. International Criminal Court."),
    )
    url = models.URLField(
        _("URL"),
        blank=True,
        validators=[http_url_validator],
        help_text=_("The address of the court's official website."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("court")
        verbose_name_plural = _("courts")
        ordering = ["code"]

    def __str__(self):
        return self.name


class PersonQuerySet(models.QuerySet):
    def resolve(self, text: str) -> "Person":
        """A person by Wikidata QID, canonical name or any alias (case-insensitive)."""
        text = text.strip()
        by = Q(qid__iexact=text) | Q(name__iexact=text) | Q(aliases__text__iexact=text)
        matches = list(self.filter(by).distinct()[:2])
        if len(matches) != 1:
            raise self.model.DoesNotExist(
                f"No person matches {text!r}." if not matches else f"{text!r} matches several persons; use a QID."
            )
        return matches[0]


class Person(Fact):
    name = models.CharField(pgettext_lazy("person", "name"), max_length=200, help_text=_("Canonical name in English."))
    qid = models.CharField(
        _("Wikidata QID"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        help_text=_(
            "The person's Wikidata identifier, from the address of their Wikidata page (Q and digits, e.g. Q7747). "
            "Leave blank if they have none."
        ),
    )
    history = HistoricalRecords()
    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(qid__isnull=True) | Q(qid__regex=r"^Q[1-9][0-9]*$"),
                name="person_qid_format",
                violation_error_message=_("A Wikidata QID is Q followed by digits, e.g. Q7747."),
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.qid = self.qid or None
        super().save(*args, **kwargs)

    def name_in(self, language: str) -> str:
        for alias in self.aliases.all():
            if alias.kind == PersonAlias.Kind.NAME and alias.language == language:
                return alias.text
        return self.name

    def sought_on(self, on: date, warrants=None) -> bool:
        """Whether any of the person's warrants is still to be executed on a day (at large), rather than
        executed, withdrawn or ended (in custody, surrendered, convicted, deceased, ...)."""
        warrants = self.warrants.all() if warrants is None else warrants
        return any(w.status_on(on) not in rules.obligation.NOT_SOUGHT for w in warrants)


class PersonAlias(models.Model):
    class Kind(models.TextChoices):
        NAME = "name", _("name in this language")
        FULL = "full", _("full name")
        SURNAME = "surname", _("surname")
        TRANSLITERATION = "transliteration", _("transliteration")
        NICKNAME = "nickname", _("nickname")
        OTHER = "other", _("other")

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="aliases")
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=LANGUAGES,
        help_text=_("The language in which the name is written this way."),
    )
    text = models.CharField(
        _("text"),
        max_length=200,
        help_text=_(
            "The name exactly as written in that language, in its dictionary (nominative) form: the detector finds "
            "the inflected forms itself."
        ),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.OTHER,
        help_text=_(
            "What this form of the name is. Give each language one “name in this language”: it is the form readers see."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person alias")
        verbose_name_plural = _("person aliases")
        ordering = ["language", "kind", "text"]
        constraints = [models.UniqueConstraint(fields=["person", "language", "text"], name="person_alias_unique")]

    def __str__(self):
        return f"{self.text} ({self.language})"


class StateQuerySet(models.QuerySet):
    def resolve(self, text: str) -> "State":
        """A state by ISO code (alpha-2 or alpha-3), QID, name or alias (case-insensitive)."""
        text = text.strip()
        by = (
            Q(iso3__iexact=text)
            | Q(iso2__iexact=text)
            | Q(qid__iexact=text)
            | Q(name__iexact=text)
            | Q(aliases__text__iexact=text, aliases__kind__in=["name", "official", "short"])
        )
        matches = list(self.filter(by).distinct()[:2])
        if len(matches) != 1:
            raise self.model.DoesNotExist(
                f"No state matches {text!r}." if not matches else f"{text!r} matches several states; use an ISO code."
            )
        return matches[0]

    def with_events(self):
        return self.prefetch_related("treaty_events", "sc_obligations")


class State(Fact):
    class UNStatus(models.TextChoices):
        MEMBER = "member", _("UN member state")
        OBSERVER = "observer", _("UN observer state")
        OTHER = "other", _("other")

    iso2 = models.CharField(
        _("ISO 3166-1 alpha-2"),
        max_length=2,
        unique=True,
        help_text=_("The state's two-letter ISO 3166-1 code in capitals, e.g. TJ."),
    )
    iso3 = models.CharField(
        _("ISO 3166-1 alpha-3"),
        max_length=3,
        unique=True,
        help_text=_("The state's three-letter ISO 3166-1 code in capitals, e.g. TJK."),
    )
    name = models.CharField(
        pgettext_lazy("not a person", "name"), max_length=200, help_text=_("Short name in English.")
    )
    qid = models.CharField(
        _("Wikidata QID"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        help_text=_(
            "The state's Wikidata identifier, from the address of its Wikidata page (Q and digits, e.g. Q863)."
        ),
    )
    un_status = models.CharField(
        _("UN status"),
        max_length=10,
        choices=UNStatus.choices,
        default=UNStatus.MEMBER,
        help_text=_(
            "The state's standing at the United Nations: a member, an observer state (e.g. Palestine) or other (e.g. "
            "the Cook Islands)."
        ),
    )
    history = HistoricalRecords()
    objects = StateQuerySet.as_manager()

    class Meta:
        verbose_name = _("state")
        verbose_name_plural = _("states")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(iso2__regex=r"^[A-Z]{2}$"),
                name="state_iso2_format",
                violation_error_message=_("An ISO alpha-2 code is two capital letters."),
            ),
            models.CheckConstraint(
                condition=Q(iso3__regex=r"^[A-Z]{3}$"),
                name="state_iso3_format",
                violation_error_message=_("An ISO alpha-3 code is three capital letters."),
            ),
            models.CheckConstraint(
                condition=Q(qid__isnull=True) | Q(qid__regex=r"^Q[1-9][0-9]*$"),
                name="state_qid_format",
                violation_error_message=_("A Wikidata QID is Q followed by digits, e.g. Q863."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.qid = self.qid or None
        super().save(*args, **kwargs)

    def name_in(self, language: str) -> str:
        for alias in self.aliases.all():
            if alias.kind == StateAlias.Kind.NAME and alias.language == language:
                return alias.text
        return self.name

    def rule_events(self) -> list[m.TreatyEvent]:
        return [e for event in self.treaty_events.all() for e in event.as_rule_events()]

    def membership_on(self, on: date) -> rules.Membership:
        return rules.membership_on(self.rule_events(), on)

    def sc_duties(self) -> list[rules.SecurityCouncilDuty]:
        return [o.as_rule() for o in self.sc_obligations.all()]


class StateAlias(models.Model):
    class Kind(models.TextChoices):
        NAME = "name", _("name in this language")
        OFFICIAL = "official", _("official name")
        SHORT = "short", _("short or alternative name")
        DEMONYM = "demonym", _("demonym / adjective")
        CAPITAL = "capital", _("capital standing for the government")
        OTHER = "other", _("other")

    state = models.ForeignKey(State, verbose_name=_("state"), on_delete=models.CASCADE, related_name="aliases")
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=LANGUAGES,
        help_text=_("The language in which the name is written this way."),
    )
    text = models.CharField(
        _("text"),
        max_length=200,
        help_text=_(
            "The name exactly as written in that language, in its dictionary (nominative) form: the detector finds "
            "the inflected forms itself."
        ),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.OTHER,
        help_text=_(
            "What this word stands for. Give each language one “name in this language” (readers see it); enter a "
            "capital only as it is used for the government, as in “Moscow said”."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("state alias")
        verbose_name_plural = _("state aliases")
        ordering = ["language", "kind", "text"]
        constraints = [models.UniqueConstraint(fields=["state", "language", "text"], name="state_alias_unique")]

    def __str__(self):
        return f"{self.text} ({self.language})"


class TreatyEvent(Fact):
    """A dated act concerning the Rome Statute. `effective` records, as published, when a deposit
    entered into force or a notified withdrawal took effect; the rules also compute both and flag
    a disagreement."""

    class Kind(models.TextChoices):
        SIGNATURE = m.SIGNATURE, _("signature")
        DEPOSIT = m.DEPOSIT, _("deposit of instrument")
        DECLARATION_12_3 = m.DECLARATION_12_3, _("Art. 12(3) declaration")
        WITHDRAWAL_ANNOUNCED = m.WITHDRAWAL_ANNOUNCED, _("withdrawal announced (no legal effect)")
        WITHDRAWAL_NOTIFIED = m.WITHDRAWAL_NOTIFIED, _("withdrawal notified")
        WITHDRAWAL_REVOKED = m.WITHDRAWAL_REVOKED, _("withdrawal revoked")
        INSTRUMENT_WITHDRAWN = m.INSTRUMENT_WITHDRAWN, _("instrument withdrawn before entry into force")

    class Instrument(models.TextChoices):
        RATIFICATION = "ratification", _("ratification")
        ACCEPTANCE = "acceptance", _("acceptance")
        APPROVAL = "approval", _("approval")
        ACCESSION = "accession", _("accession")
        SUCCESSION = "succession", _("succession")

    state = models.ForeignKey(
        State,
        verbose_name=_("state"),
        on_delete=models.CASCADE,
        related_name="treaty_events",
        help_text=_("The state whose act this is."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=30,
        choices=Kind.choices,
        help_text=_(
            "What happened, as the UN depositary (for an Art. 12(3) declaration, the ICC Registrar) recorded it. A "
            "government's announcement of withdrawal is not a notification: enter it as announced."
        ),
    )
    date = models.DateField(
        _("date"),
        help_text=_(
            "The date on the depositary's record: the signature, the deposit of the instrument, or the receipt of a "
            "withdrawal notification or its revocation, never the day it was announced. For an Art. 12(3) "
            "declaration, the day it was lodged with the Registrar; for an announced withdrawal, the day of the "
            "announcement."
        ),
    )
    instrument = models.CharField(
        _("instrument"),
        max_length=20,
        choices=Instrument.choices,
        blank=True,
        help_text=_("Deposits only: the instrument as the depositary names it. Leave blank for every other event."),
    )
    effective = models.DateField(
        _("effective"),
        null=True,
        blank=True,
        help_text=_(
            "Deposit: entry into force as published (for a succession, the date of succession). Withdrawal notified: "
            "the date it took effect."
        ),
    )
    period_start = models.DateField(
        _("period start"), null=True, blank=True, help_text=_("Art. 12(3): start of the period covered.")
    )
    period_end = models.DateField(
        _("period end"), null=True, blank=True, help_text=_("Art. 12(3): end of the period covered.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("treaty event")
        verbose_name_plural = _("treaty events")
        ordering = ["state", "date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=m.DEPOSIT, instrument__gt="") | (~Q(kind=m.DEPOSIT) & Q(instrument="")),
                name="treaty_event_instrument_only_on_deposit",
                violation_error_message=_(
                    "A deposit needs its instrument (ratification, acceptance, approval or "
                    "accession); other events have none."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    Q(effective__isnull=True)
                    | Q(kind__in=[m.DEPOSIT, m.WITHDRAWAL_NOTIFIED], effective__gte=F("date"))
                    | Q(kind=m.DEPOSIT, instrument=m.SUCCESSION)
                ),
                name="treaty_event_effective_after_date",
                violation_error_message=_(
                    "A deposit cannot enter into force, nor a withdrawal take effect, before "
                    "the date of the deposit or notification (only a notification of "
                    "succession binds from an earlier date, the date of succession); only "
                    "those two carry an effective date."
                ),
            ),
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="treaty_event_period_order",
                violation_error_message=_("The period covered cannot end before it starts."),
            ),
            models.UniqueConstraint(fields=["state", "kind", "date"], name="treaty_event_unique"),
        ]

    def __str__(self):
        return f"{self.state}: {self.get_kind_display()} {self.date}"

    def as_rule_events(self) -> list[m.TreatyEvent]:
        if self.kind == m.DEPOSIT and self.instrument == m.SUCCESSION:
            # Bound from the date of succession the notification states, not under Art. 126.
            return [m.TreatyEvent(self.kind, self.date, self.instrument, effective=self.effective)]
        events = [m.TreatyEvent(self.kind, self.date, self.instrument, self.period_start, self.period_end)]
        if self.effective and self.kind == m.DEPOSIT:
            events.append(m.TreatyEvent(m.ENTRY_INTO_FORCE, self.effective))
        if self.effective and self.kind == m.WITHDRAWAL_NOTIFIED:
            events.append(m.TreatyEvent(m.WITHDRAWAL_EFFECTIVE, self.effective))
        return events


class SecurityCouncilObligation(Fact):
    state = models.ForeignKey(
        State,
        verbose_name=_("state"),
        on_delete=models.CASCADE,
        related_name="sc_obligations",
        help_text=_("The state the resolution obliges to cooperate with the Court."),
    )
    resolution = models.CharField(_("resolution"), max_length=60, help_text=_("e.g. S/RES/1593 (2005)"))
    situation = models.CharField(
        _("situation"),
        max_length=200,
        help_text=_("The situation the resolution refers to the Court, e.g. Darfur, Sudan."),
    )
    adopted = models.DateField(
        _("adopted"), help_text=_("The day the Security Council adopted the resolution, as printed on it.")
    )
    scope = models.TextField(_("scope"), blank=True, help_text=_("The operative words of the resolution."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Security Council obligation")
        verbose_name_plural = _("Security Council obligations")
        ordering = ["adopted"]
        constraints = [models.UniqueConstraint(fields=["state", "resolution"], name="sc_obligation_unique")]

    def __str__(self):
        return f"{self.resolution}: {self.state}"

    def as_rule(self) -> rules.SecurityCouncilDuty:
        return rules.SecurityCouncilDuty(self.resolution, self.situation, self.adopted)


class Office(models.Model):
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="offices")
    title = models.CharField(
        pgettext_lazy("office held", "title"),
        max_length=200,
        help_text=_("The office held, in English, e.g. President of Russia."),
    )
    state = models.ForeignKey(
        State,
        verbose_name=_("state"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The state the office belongs to; leave blank for an office in an international organisation."),
    )
    start = models.DateField(
        _("start"),
        null=True,
        blank=True,
        help_text=_("The day the person took office, from an official record; leave blank if it is not known."),
    )
    end = models.DateField(
        _("end"),
        null=True,
        blank=True,
        help_text=_("The day the person left office; leave blank while they still hold it."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="office_end_after_start",
                violation_error_message=_("An office cannot end before it starts."),
            )
        ]

    def __str__(self):
        return self.title


class WarrantQuerySet(models.QuerySet):
    def for_rules(self):
        return self.select_related("person", "court", "situation_state").prefetch_related("status_history", "charges")


class Warrant(Fact):
    key = models.SlugField(
        _("key"),
        max_length=120,
        unique=True,
        help_text=_(
            "A short, stable name for the warrant in lowercase letters, digits and hyphens, e.g. icc-putin. The data "
            "files refer to it, so do not change it once set."
        ),
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="warrants",
        help_text=_("The person the warrant is for."),
    )
    court = models.ForeignKey(
        Court,
        verbose_name=_("court"),
        on_delete=models.PROTECT,
        related_name="warrants",
        help_text=_("The court that issued the warrant."),
    )
    case_name = models.CharField(
        _("case name"),
        max_length=300,
        blank=True,
        help_text=_("The name of the case or situation as the Court's case page gives it."),
    )
    case_number = models.CharField(
        _("case number"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("The Court's case or situation number, e.g. ICC-01/22, from its case page or the warrant."),
    )
    situation = models.CharField(
        _("situation"),
        max_length=200,
        blank=True,
        help_text=_("The situation under investigation, as the Court names it, e.g. Situation in Ukraine."),
    )
    situation_state = models.ForeignKey(
        State,
        verbose_name=_("situation state"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The state whose situation the warrant concerns (for Art. 12(3) declarations)."),
    )
    issued = models.DateField(
        _("issued"),
        null=True,
        blank=True,
        help_text=_(
            "The date the Court issued the warrant, from the Court's record. Leave blank if it has not been made "
            "public, and say so in the note."
        ),
    )
    made_public = models.DateField(
        _("made public"),
        null=True,
        blank=True,
        help_text=_("When the warrant's existence was made public (sealed warrants)."),
    )
    history = HistoricalRecords()
    objects = WarrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("warrant")
        verbose_name_plural = _("warrants")
        ordering = ["issued"]
        constraints = [
            models.CheckConstraint(
                condition=Q(made_public__isnull=True) | Q(issued__isnull=True) | Q(made_public__gte=F("issued")),
                name="warrant_public_after_issue",
                violation_error_message=_("A warrant cannot be made public before it was issued."),
            )
        ]

    def __str__(self):
        return f"{self.court.code} warrant for {self.person} ({self.issued or 'date unknown'})"

    def status_on(self, on: date) -> str:
        if self.issued:
            return self.as_rule().status_on(on)
        # Date of issue not public: the recorded statuses still say where the person stands.
        past = sorted((s.date, s.status) for s in self.status_history.all() if s.date <= on)
        return past[-1][1] if past else ""

    def as_rule(self) -> rules.WarrantFacts:
        return rules.WarrantFacts(
            issued=self.issued,
            made_public=self.made_public,
            statuses=tuple((s.date, s.status) for s in self.status_history.all()),
            situation=self.situation,
            situation_state=self.situation_state.iso3 if self.situation_state_id else "",
            court=self.court.name,
        )


class Charge(models.Model):
    warrant = models.ForeignKey(Warrant, verbose_name=_("warrant"), on_delete=models.CASCADE, related_name="charges")
    crime = models.CharField(
        _("crime"), max_length=300, help_text=_("The crime as the warrant or the Court's announcement words it.")
    )
    article = models.CharField(
        _("Statute article"),
        max_length=60,
        blank=True,
        help_text=_("The article of the Rome Statute the charge rests on, e.g. 8(2)(a)(vii)."),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("A short summary of the charge in your own words, from the warrant or the Court's press release."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("charge")
        verbose_name_plural = _("charges")
        ordering = ["pk"]

    def __str__(self):
        return self.crime


class WarrantStatus(models.Model):
    class Status(models.TextChoices):
        AT_LARGE = "at_large", _("at large")
        IN_CUSTODY = "in_custody", _("in custody")
        SURRENDERED = "surrendered", _("surrendered")
        DECEASED = "deceased", _("deceased")
        WITHDRAWN = "withdrawn", _("withdrawn")
        CONVICTED = "convicted", _("convicted")
        SENTENCED = "sentenced", _("sentenced")
        ACQUITTED = "acquitted", _("acquitted")

    warrant = models.ForeignKey(
        Warrant, verbose_name=_("warrant"), on_delete=models.CASCADE, related_name="status_history"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        help_text=_(
            "Where the person stands from this date. Any status but at large means the person is no longer sought."
        ),
    )
    date = models.DateField(
        _("date"),
        help_text=_(
            "The day the status began, from the Court's record or a reliable report. When only the month is known, "
            "enter the next dated act and say so in the note."
        ),
    )
    note = models.CharField(
        _("note"),
        max_length=500,
        blank=True,
        help_text=_("Caveats, e.g. why this date was used when the exact day is not known."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("warrant status")
        verbose_name_plural = _("warrant statuses")
        ordering = ["date", "pk"]
        constraints = [models.UniqueConstraint(fields=["warrant", "date", "status"], name="warrant_status_unique")]

    def __str__(self):
        return f"{self.get_status_display()} since {self.date}"


class Visit(Fact):
    class Status(models.TextChoices):
        ANNOUNCED = "announced", _("announced")
        ONGOING = "ongoing", _("ongoing")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")

    class Outcome(models.TextChoices):
        NOT_ARRESTED = "not_arrested", _("not arrested")
        ARRESTED = "arrested", _("arrested")
        SURRENDERED = "surrendered", _("surrendered")
        RELEASED = "released", _("arrested, then released")

    key = models.SlugField(
        _("key"),
        max_length=120,
        unique=True,
        help_text=_(
            "A short, stable name for the visit in lowercase letters, digits and hyphens, e.g. putin-mng-2024. "
            "Findings and the data files refer to it, so do not change it once set."
        ),
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="visits",
        help_text=_("The person who travelled."),
    )
    state = models.ForeignKey(
        State,
        verbose_name=_("state"),
        on_delete=models.PROTECT,
        related_name="visits",
        help_text=_("The state visited. A stop-over or an overflight is not a visit."),
    )
    planned_start = models.DateField(
        _("planned start"),
        null=True,
        blank=True,
        help_text=_("The first day of the visit as announced beforehand, if it was."),
    )
    planned_end = models.DateField(
        _("planned end"),
        null=True,
        blank=True,
        help_text=_("The last day of the visit as announced beforehand, if it was."),
    )
    start = models.DateField(_("start"), null=True, blank=True, help_text=_("Actual first day."))
    end = models.DateField(_("end"), null=True, blank=True, help_text=_("Actual last day."))
    present_on = models.DateField(
        _("documented present on"),
        null=True,
        blank=True,
        help_text=_(
            "When the first and last days are not confirmed: a day the person is documented as being there "
            "(a meeting, a speech). The visit is judged on that day. Leave blank when the start is known."
        ),
    )
    occasion = models.CharField(
        _("occasion"),
        max_length=300,
        blank=True,
        help_text=_("Why the person came, in a few words, e.g. an official visit or a summit."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.ANNOUNCED,
        help_text=_("Where the visit stands; update it as reports come in."),
    )
    outcome = models.CharField(
        _("outcome"),
        max_length=20,
        choices=Outcome.choices,
        blank=True,
        help_text=_(
            "What happened to the person there. Leave blank while it is not known, or if the visit was cancelled."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="visit_end_after_start",
                violation_error_message=_("A visit cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True)
                | Q(planned_start__isnull=True)
                | Q(planned_end__gte=F("planned_start")),
                name="visit_planned_end_after_planned_start",
                violation_error_message=_("A visit cannot be planned to end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.person} in {self.state} ({self.first_day or 'date unknown'})"

    @property
    def first_day(self) -> date | None:
        """The day the visit is placed on: its first day, planned first day, or a documented day there."""
        return self.as_rule().first_day

    @property
    def last_day(self) -> date | None:
        return self.as_rule().last_day

    def as_rule(self) -> rules.VisitFacts:
        return rules.VisitFacts(
            start=self.start,
            end=self.end,
            planned_start=self.planned_start,
            planned_end=self.planned_end,
            cancelled=self.status == self.Status.CANCELLED,
            outcome=self.outcome,
            present_on=self.present_on,
        )


class Finding(Fact):
    class Result(models.TextChoices):
        NON_COMPLIANCE = "non_compliance", _("non-compliance found")
        NO_FINDING = "no_finding", _("no finding of non-compliance")

    class Referral(models.TextChoices):
        ASP = "asp", _("Assembly of States Parties")
        UNSC = "unsc", _("UN Security Council")
        DEFERRED = "deferred", _("decision on referral deferred")
        NONE = "none", _("no referral")

    class Appeal(models.TextChoices):
        NONE = "none", _("no appeal")
        PENDING = "pending", _("pending")
        LEAVE_REFUSED = "leave_refused", _("leave to appeal refused")
        DISMISSED = "dismissed", _("upheld on appeal")
        REVERSED = "reversed", _("reversed on appeal")
        PARTLY_REVERSED = "partly_reversed", _("partly reversed on appeal")

    # A finding is the Court's own act: readers are told of it only on the Court's record.
    NEEDS_PRIMARY_SOURCE = True

    key = models.SlugField(
        _("key"),
        max_length=120,
        unique=True,
        help_text=_(
            "A short, stable name for the finding in lowercase letters, digits and hyphens, e.g. icc-mng-2024-10-24. "
            "The data files refer to it, so do not change it once set."
        ),
    )
    court = models.ForeignKey(
        Court,
        verbose_name=_("court"),
        on_delete=models.PROTECT,
        related_name="findings",
        help_text=_("The court that made the decision."),
    )
    state = models.ForeignKey(
        State,
        verbose_name=_("state"),
        on_delete=models.PROTECT,
        related_name="findings",
        help_text=_("The state the decision concerns."),
    )
    visits = models.ManyToManyField(
        Visit,
        verbose_name=_("visits"),
        blank=True,
        related_name="findings",
        help_text=_("The visits the decision deals with."),
    )
    date = models.DateField(_("date"), help_text=_("The date of the decision, as on the Court's record."))
    reference = models.CharField(
        _("document reference"),
        max_length=120,
        blank=True,
        help_text=_("The decision's document number on the Court's record, e.g. ICC-01/22-90."),
    )
    chamber = models.CharField(
        _("chamber"),
        max_length=120,
        blank=True,
        help_text=_("The chamber that decided, as the decision names it, e.g. Pre-Trial Chamber II."),
    )
    title = models.CharField(
        _("title"), max_length=500, blank=True, help_text=_("The decision's title as the Court's record gives it.")
    )
    result = models.CharField(
        _("result"),
        max_length=20,
        choices=Result.choices,
        default=Result.NON_COMPLIANCE,
        help_text=_("What the Chamber decided: that the state failed to comply, or that it declined to find so."),
    )
    referral = models.CharField(
        _("referral"),
        max_length=10,
        choices=Referral.choices,
        default=Referral.NONE,
        help_text=_(
            "Whether the Chamber referred the matter to the Assembly of States Parties or the Security Council, or "
            "deferred that decision."
        ),
    )
    appeal_status = models.CharField(
        _("appeal"),
        max_length=20,
        choices=Appeal.choices,
        default=Appeal.NONE,
        help_text=_("What became of the decision on appeal, from the Appeals Chamber's record."),
    )
    appeal_date = models.DateField(
        _("appeal date"), null=True, blank=True, help_text=_("The date of the appeal decision.")
    )
    appeal_reference = models.CharField(
        _("appeal document reference"),
        max_length=120,
        blank=True,
        help_text=_("The appeal decision's document number on the Court's record."),
    )
    appeal_summary = models.TextField(
        _("appeal summary"),
        blank=True,
        help_text=_("What the Appeals Chamber held, in a sentence or two of your own words."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(appeal_date__isnull=True) | Q(appeal_date__gte=F("date")),
                name="finding_appeal_after_finding",
                violation_error_message=_("An appeal cannot be decided before the decision appealed."),
            ),
            models.CheckConstraint(
                condition=Q(result="non_compliance") | Q(referral="none"),
                name="finding_referral_needs_non_compliance",
                violation_error_message=_("Only a finding of non-compliance can be referred."),
            ),
        ]

    def __str__(self):
        return f"{self.get_result_display()}: {self.state} ({self.date})"

    def as_rule(self) -> rules.visit.FindingFacts:
        return rules.visit.FindingFacts(
            date=self.date,
            result=self.result,
            referral=self.referral,
            reference=self.reference,
            appeal_status=self.appeal_status,
            appeal_date=self.appeal_date,
        )
