from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.contrib.contenttypes.admin import GenericStackedInline, GenericTabularInline
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from . import articles, resources, verdicts
from .models import (
    ApiKey, ChangeLog, Charge, Citation, ClaimFlag, ContextBox, Court, Finding, OutboxMessage, ProposedChange, TaskRun, Office, Person, PersonAlias, SecurityCouncilObligation, Source, State,
    StateAlias, TreatyEvent, Visit, Warrant, WarrantStatus, WebhookDelivery, WebhookSubscription,
)


class CitationInline(GenericTabularInline):
    model = Citation
    extra = 0
    autocomplete_fields = ["source"]
    fields = ["source", "locator", "link"]
    readonly_fields = ["link"]
    verbose_name = _("source")
    verbose_name_plural = _("sources")

    @admin.display(description=_("link"))
    def link(self, obj):
        if not obj.pk:
            return "-"
        return format_html('<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>', obj.source.url, obj.source.url)


class ReasonedForm(forms.ModelForm):
    change_reason = forms.CharField(
        label=_("Why this change?"), required=False, max_length=100,
        help_text=_("Kept in the history with your name and the time."),
    )


class FactAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    form = ReasonedForm
    inlines = [CitationInline]
    readonly_fields = ["verified_by", "verified_at", "reference_key", "updated_at"]
    actions = ["mark_verified"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(source_count=Count("citations", distinct=True))

    def save_model(self, request, obj, form, change):
        obj._change_reason = form.cleaned_data.get("change_reason") or None
        super().save_model(request, obj, form, change)

    def has_verify_permission(self, request):
        return request.user.has_perm("compliance.verify_fact")

    @admin.action(description=_("Mark selected as verified by me"), permissions=["verify"])
    def mark_verified(self, request, queryset):
        count = queryset.update(verified_by=request.user, verified_at=timezone.now())
        self.message_user(request, _("%(count)d record(s) marked verified.") % {"count": count}, messages.SUCCESS)

    @admin.display(description=_("sources"), ordering="source_count")
    def sources(self, obj):
        return obj.source_count or format_html('<strong style="color:#b00">{}</strong>', _("none"))

    @admin.display(description=_("verified"), boolean=True, ordering="verified_at")
    def verified(self, obj):
        return obj.verified_at is not None


def reasons_html(reasons):
    return format_html(
        "<ul>{}</ul>",
        format_html_join("", "<li>{} <em>({})</em></li>", ((r.text, r.article or "-") for r in reasons)),
    )


@admin.register(Source)
class SourceAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [resources.SourceResource]
    list_display = ["key", "title", "publisher", "published", "accessed", "cited"]
    search_fields = ["key", "title", "publisher", "url"]
    list_filter = ["publisher"]
    date_hierarchy = "accessed"
    readonly_fields = ["reference_key", "cited_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(cited_count=Count("citations"))

    @admin.display(description=_("cited"), ordering="cited_count")
    def cited(self, obj):
        return obj.cited_count

    @admin.display(description=_("cited by"))
    def cited_by(self, obj):
        citations = obj.citations.select_related("content_type")[:200]
        return format_html_join(
            "", "<div>{}: {}</div>", ((c.content_type.name, c.fact) for c in citations)
        ) or "-"


@admin.register(Court)
class CourtAdmin(FactAdmin):
    list_display = ["code", "name", "sources", "verified"]
    search_fields = ["code", "name"]


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 1


class OfficeInline(admin.TabularInline):
    model = Office
    extra = 0
    autocomplete_fields = ["state"]


@admin.register(Person)
class PersonAdmin(FactAdmin):
    resource_classes = [resources.PersonResource]
    list_display = ["name", "qid", "warrant_count", "sources", "verified"]
    search_fields = ["name", "qid", "aliases__text"]
    list_filter = ["warrants__court", "warrants__status_history__status"]
    inlines = [PersonAliasInline, OfficeInline, CitationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(warrant_total=Count("warrants", distinct=True))

    @admin.display(description=_("warrants"), ordering="warrant_total")
    def warrant_count(self, obj):
        return obj.warrant_total


class ChargeInline(admin.TabularInline):
    model = Charge
    extra = 0


class WarrantStatusInline(admin.TabularInline):
    model = WarrantStatus
    extra = 0


@admin.register(Warrant)
class WarrantAdmin(FactAdmin):
    resource_classes = [resources.WarrantResource]
    list_display = ["person", "court", "case_number", "issued", "made_public", "status_today", "sources", "verified"]
    list_filter = ["court", "status_history__status", "situation"]
    search_fields = ["key", "case_name", "case_number", "situation", "person__name", "person__aliases__text"]
    autocomplete_fields = ["person", "court", "situation_state"]
    date_hierarchy = "issued"
    inlines = [ChargeInline, WarrantStatusInline, CitationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "court").prefetch_related("status_history")

    @admin.display(description=_("status today"))
    def status_today(self, obj):
        return obj.status_on(timezone.localdate()).replace("_", " ")


class StateAliasInline(admin.TabularInline):
    model = StateAlias
    extra = 1


class TreatyEventInline(admin.TabularInline):
    model = TreatyEvent
    extra = 0
    fields = ["kind", "date", "instrument", "effective", "period_start", "period_end", "note"]


class SecurityCouncilObligationInline(admin.TabularInline):
    model = SecurityCouncilObligation
    extra = 0
    fields = ["resolution", "situation", "adopted", "scope"]


@admin.register(State)
class StateAdmin(FactAdmin):
    resource_classes = [resources.StateResource]
    list_display = ["name", "iso3", "iso2", "un_status", "party_today", "sources", "verified"]
    list_filter = ["un_status", "treaty_events__kind"]
    search_fields = ["name", "iso2", "iso3", "qid", "aliases__text"]
    inlines = [StateAliasInline, TreatyEventInline, SecurityCouncilObligationInline, CitationInline]
    readonly_fields = ["membership_today", *FactAdmin.readonly_fields]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("treaty_events")

    @admin.display(description=_("party today"), boolean=True)
    def party_today(self, obj):
        return obj.membership_on(timezone.localdate()).state_party

    @admin.display(description=_("membership today (computed)"))
    def membership_today(self, obj):
        if not obj.pk:
            return "-"
        membership = obj.membership_on(timezone.localdate())
        html = reasons_html(membership.reasons)
        if membership.discrepancies:
            html += format_html('<p style="color:#b00"><strong>{}</strong></p>{}', _("Check these entries:"),
                                reasons_html(membership.discrepancies))
        return html


@admin.register(TreatyEvent)
class TreatyEventAdmin(FactAdmin):
    resource_classes = [resources.TreatyEventResource]
    list_display = ["state", "kind", "date", "instrument", "effective", "sources", "verified"]
    list_filter = ["kind", "instrument"]
    search_fields = ["state__name", "state__iso3", "note"]
    autocomplete_fields = ["state"]
    date_hierarchy = "date"


@admin.register(SecurityCouncilObligation)
class SecurityCouncilObligationAdmin(FactAdmin):
    list_display = ["resolution", "state", "situation", "adopted", "sources", "verified"]
    autocomplete_fields = ["state"]
    search_fields = ["resolution", "situation", "state__name"]


@admin.register(Visit)
class VisitAdmin(FactAdmin):
    resource_classes = [resources.VisitResource]
    list_display = ["person", "state", "start", "end", "status", "outcome", "sources", "verified"]
    list_filter = ["status", "outcome", "state"]
    search_fields = ["key", "person__name", "person__aliases__text", "state__name", "state__iso3", "occasion"]
    autocomplete_fields = ["person", "state"]
    date_hierarchy = "start"
    readonly_fields = ["verdict_today", *FactAdmin.readonly_fields]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "state")

    @admin.display(description=_("verdict today (computed)"))
    def verdict_today(self, obj):
        if not obj.pk:
            return "-"
        verdict = verdicts.visit_verdict(obj, timezone.localdate())
        return format_html("<p>{}: <strong>{}</strong></p>{}", _("Status"), verdict.status, reasons_html(verdict.reasons))


@admin.register(Finding)
class FindingAdmin(FactAdmin):
    resource_classes = [resources.FindingResource]
    list_display = ["state", "date", "result", "referral", "appeal_status", "reference", "sources", "verified"]
    list_filter = ["result", "referral", "appeal_status", "court"]
    search_fields = ["key", "reference", "title", "state__name", "state__iso3"]
    autocomplete_fields = ["state", "court", "visits"]
    date_hierarchy = "date"


# --- boxes and claims on the host's articles -----------------------------------------------------


class ContextBoxInline(GenericStackedInline):
    model = ContextBox
    extra = 0
    fields = ["kind", "person", "state", "status", "position", "language", "title_override", "verdict_override",
              "preview"]
    readonly_fields = ["preview"]
    autocomplete_fields = ["person", "state"]
    verbose_name = _("context box")
    verbose_name_plural = _("context boxes (suggested boxes go live only when approved or pinned)")

    @admin.display(description=_("as readers will see it"))
    def preview(self, obj):
        if not obj.pk or not obj.data:
            return _("Built when you save.")
        return render_to_string("compliance/box.html", {"box": obj})


class ClaimFlagInline(GenericTabularInline):
    model = ClaimFlag
    extra = 0
    can_delete = False
    fields = ["severity", "sentence", "correction", "source_links", "status"]
    readonly_fields = ["severity", "sentence", "correction", "source_links"]
    verbose_name = _("flagged claim")
    verbose_name_plural = _("flagged claims (for editors only; never shown to readers)")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("sources"))
    def source_links(self, obj):
        return format_html_join(" ", '<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>',
                                ((s["url"], s["title"]) for s in obj.sources))


class ArticleBoxesAdminMixin:
    """Mix into the host's article admin: boxes and flagged claims inline, boxes built on save."""

    compliance_inlines = [ContextBoxInline, ClaimFlagInline]

    def get_inlines(self, request, obj):
        return [*super().get_inlines(request, obj), *self.compliance_inlines]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is ContextBox:
            today = timezone.localdate()
            for box in formset.queryset.filter(data={}):
                box.origin = ContextBox.Origin.MANUAL
                box.language = box.language or getattr(form.instance, "language", "en")
                articles.rebuild(box, today)


@admin.register(ContextBox)
class ContextBoxAdmin(SimpleHistoryAdmin):
    """The review queue."""

    list_display = ["__str__", "kind", "status", "article_link", "as_of", "language", "origin", "built_at"]
    list_filter = ["status", "kind", "language", "origin"]
    search_fields = ["person__name", "state__name", "state__iso3"]
    list_select_related = ["person", "state"]
    readonly_fields = ["kind", "person", "state", "article_link", "as_of", "built_at", "preview"]
    fields = ["kind", "person", "state", "article_link", "status", "position", "title_override", "verdict_override",
              "as_of", "built_at", "preview"]
    actions = ["approve", "pin", "reject"]
    date_hierarchy = "as_of"

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("article"))
    def article_link(self, obj):
        article = obj.article
        if article is None:
            return "-"
        url = getattr(article, "get_absolute_url", lambda: "")()
        return format_html('<a href="{}">{}</a>', url, article) if url else str(article)

    @admin.display(description=_("as readers will see it"))
    def preview(self, obj):
        return render_to_string("compliance/box.html", {"box": obj})

    def _set(self, request, queryset, status):
        count = 0
        for box in queryset:
            box.status = status
            box._change_reason = f"set to {status} in the review queue"
            box.save()
            count += 1
        self.message_user(request, _("%(count)d box(es) set to %(status)s.") % {"count": count, "status": status})

    @admin.action(description=_("Approve: show to readers"), permissions=["change"])
    def approve(self, request, queryset):
        self._set(request, queryset, ContextBox.Status.APPROVED)

    @admin.action(description=_("Pin: show to readers, keep through re-detection"), permissions=["change"])
    def pin(self, request, queryset):
        self._set(request, queryset, ContextBox.Status.PINNED)

    @admin.action(description=_("Reject: never show"), permissions=["change"])
    def reject(self, request, queryset):
        self._set(request, queryset, ContextBox.Status.REJECTED)


@admin.register(ClaimFlag)
class ClaimFlagAdmin(admin.ModelAdmin):
    list_display = ["correction", "severity", "status", "kind", "created_at"]
    list_filter = ["status", "severity", "kind"]
    search_fields = ["sentence", "correction"]
    readonly_fields = ["sentence", "kind", "severity", "claimed", "correct", "correction", "sources", "created_at"]
    fields = ["status", *readonly_fields]
    actions = ["mark_fixed", "dismiss"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Mark fixed in the text"), permissions=["change"])
    def mark_fixed(self, request, queryset):
        queryset.update(status=ClaimFlag.Status.FIXED)

    @admin.action(description=_("Dismiss"), permissions=["change"])
    def dismiss(self, request, queryset):
        queryset.update(status=ClaimFlag.Status.DISMISSED)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TaskRun)
class TaskRunAdmin(ReadOnlyAdmin):
    list_display = ["name", "last_started", "last_success", "last_error_at", "short_error", "done_through"]

    @admin.display(description=_("last error"))
    def short_error(self, obj):
        return (obj.last_error or "")[:120]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    list_display = ["task", "args", "created_at", "dispatched_at", "attempts", "last_error"]
    list_filter = [("dispatched_at", admin.EmptyFieldListFilter)]


@admin.register(ChangeLog)
class ChangeLogAdmin(ReadOnlyAdmin):
    """What changed in stored boxes after publication, and why."""

    list_display = ["created_at", "reason", "box", "fact"]
    search_fields = ["reason", "fact"]
    date_hierarchy = "created_at"


@admin.register(ProposedChange)
class ProposedChangeAdmin(admin.ModelAdmin):
    """What the public sources say differently from the data. Accepting writes the fact with its
    source; nothing changes until an editor decides."""

    list_display = ["summary", "origin", "status", "created_at", "source_link"]
    list_filter = ["status", "origin"]
    search_fields = ["summary", "key", "evidence"]
    readonly_fields = ["origin", "key", "summary", "current", "proposed", "evidence", "source_link", "status",
                       "created_at", "decided_by", "decided_at"]
    fields = readonly_fields
    actions = ["accept", "reject"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("source"))
    def source_link(self, obj):
        return format_html('<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>', obj.source_url,
                           obj.origin) if obj.source_url else obj.origin

    @admin.action(description=_("Accept: write these facts"), permissions=["change"])
    def accept(self, request, queryset):
        from . import sync

        done = 0
        for change in queryset.filter(status=ProposedChange.Status.PENDING):
            try:
                sync.apply(change, request.user)
                done += 1
            except (ValueError, ValidationError) as error:
                self.message_user(request, f"{change}: {error}", messages.ERROR)
        self.message_user(request, _("%(count)d change(s) accepted.") % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Reject"), permissions=["change"])
    def reject(self, request, queryset):
        count = queryset.filter(status=ProposedChange.Status.PENDING).update(
            status=ProposedChange.Status.REJECTED, decided_by=request.user, decided_at=timezone.now())
        self.message_user(request, _("%(count)d change(s) rejected.") % {"count": count}, messages.SUCCESS)


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Staff issue keys here; the key is shown once, in the message after saving."""

    list_display = ["name", "prefix", "rate", "active", "created_at", "last_used"]
    list_filter = ["active"]
    search_fields = ["name", "prefix"]
    fields = ["name", "rate", "active", "prefix", "created_at", "last_used"]
    readonly_fields = ["prefix", "created_at", "last_used"]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        key, raw = ApiKey.issue(obj.name, obj.rate)
        obj.pk, obj.prefix = key.pk, key.prefix
        self.message_user(request, format_html(
            _("Key for {}: <code>{}</code>. Copy it now: it is not stored and cannot be shown again."), key.name, raw),
            messages.WARNING)


class WebhookDeliveryInline(admin.TabularInline):
    model = WebhookDelivery
    extra = 0
    can_delete = False
    fields = ["created_at", "status", "attempts", "response_code", "response_excerpt"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "active", "created_at"]
    list_filter = ["active"]
    autocomplete_fields = ["persons", "states"]
    readonly_fields = ["secret", "created_at"]
    fields = ["api_key", "url", "persons", "states", "active", "secret", "created_at"]
    inlines = [WebhookDeliveryInline]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "status", "attempts", "response_code", "created_at", "delivered_at"]
    list_filter = ["status"]
