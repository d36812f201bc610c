from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from . import links, resources, review, sourcing, verdicts
from .models import (
    Charge,
    Citation,
    Court,
    Finding,
    Office,
    Person,
    PersonAlias,
    SecurityCouncilObligation,
    Source,
    State,
    StateAlias,
    TreatyEvent,
    Visit,
    Warrant,
    WarrantStatus,
)

# The stylesheet readers get, so that previews in the admin look as the boxes do on the site.
READER_CSS = {"all": ["compliance/boxes.css"]}


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
        url = links.safe_url(obj.source.url)
        if not url:  # not http(s): shown as text, never a link
            return obj.source.url or "-"
        return format_html('<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>', url, url)


class ReasonedForm(forms.ModelForm):
    change_reason = forms.CharField(
        label=_("Why this change?"),
        required=False,
        max_length=100,
        help_text=_("Kept in the history with your name and the time."),
    )


class VerifyForm(forms.Form):
    """A fact-checker verifies a record against one of its own sources (primary or reputable secondary)."""

    source = forms.ModelChoiceField(
        label=_("Verified against"),
        queryset=Source.objects.none(),
        help_text=_("The source you compared the record with."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=60,
        help_text=_("Kept in the history with your name, the time and the source."),
    )

    def __init__(self, *args, fact, **kwargs):
        super().__init__(*args, **kwargs)
        self.fact = fact
        usable = [s.pk for s in fact.sources if s.tier in (sourcing.PRIMARY, sourcing.SECONDARY)]
        self.fields["source"].queryset = Source.objects.filter(pk__in=usable).order_by("tier", "publisher", "title")
        best = sourcing.best(fact.sources, limit=1)
        if best:
            self.fields["source"].initial = best[0].pk
        self.fields["source"].label_from_instance = lambda s: f"{s} [{s.get_tier_display()}]"

    def clean(self):
        if not self.fact.confirmed:
            raise forms.ValidationError(
                _(
                    "This record is below the sourcing rule: add a primary source or two "
                    "independent reputable ones before verifying it."
                )
            )
        return super().clean()


class FactAdmin(resources.GuardedImportExportAdmin, SimpleHistoryAdmin):
    form = ReasonedForm
    inlines = [CitationInline]
    readonly_fields = [
        "sourcing_grade",
        "verified_by",
        "verified_at",
        "verified_against",
        "reference_key",
        "updated_at",
    ]
    actions = ["mark_verified"]

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/verify/",
                self.admin_site.admin_view(self.verify_view),
                name=f"{opts.app_label}_{opts.model_name}_verify",
            ),
            *super().get_urls(),
        ]

    def verify_view(self, request, object_id):
        """Verification is a human act: the fact-checker picks the source they checked the record
        against; who, when and which source are saved through the model, so the history keeps them."""
        from django.contrib.admin.utils import unquote
        from django.core.exceptions import PermissionDenied
        from django.http import Http404, HttpResponseRedirect
        from django.urls import reverse

        if not self.has_verify_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("No such record."))
        form = VerifyForm(request.POST if request.method == "POST" else None, fact=obj)
        if request.method == "POST" and form.is_valid():
            source, note = form.cleaned_data["source"], form.cleaned_data["note"]
            obj.verified_by, obj.verified_at, obj.verified_against = request.user, timezone.now(), source
            obj._change_reason = (f"verified against {source.key}" + (f": {note}" if note else ""))[:100]
            obj.save()
            self.message_user(
                request,
                _("%(record)s verified against %(source)s.") % {"record": obj, "source": source},
                messages.SUCCESS,
            )
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Verify: %(record)s") % {"record": obj},
            "form": form,
            "object": obj,
            "opts": self.model._meta,
            "grade": self.sourcing_grade(obj),
        }
        return TemplateResponse(request, "admin/compliance/verify.html", context)

    @admin.display(description=_("sourcing"))
    def sourcing_grade(self, obj):
        if not obj.pk:
            return "-"
        assessed = obj.sourcing
        labels = {
            sourcing.CONFIRMED_PRIMARY: _("meets the rule: a primary source"),
            sourcing.CONFIRMED_SECONDARY: _("meets the rule: two independent reputable secondary sources"),
            sourcing.UNCONFIRMED: _("below the rule: readers do not see it"),
        }
        if not assessed.confirmed:
            return labels[assessed.grade]
        return format_html(
            '{} · <a href="{}">{}</a>', labels[assessed.grade], "../verify/", _("verify against a source…")
        )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(source_count=Count("citations", distinct=True))

    def save_model(self, request, obj, form, change):
        obj._change_reason = form.cleaned_data.get("change_reason") or None
        super().save_model(request, obj, form, change)

    def has_verify_permission(self, request):
        return request.user.has_perm("compliance.verify_fact")

    @admin.action(description=_("Mark selected as verified by me, against their best source"), permissions=["verify"])
    def mark_verified(self, request, queryset):
        """Verification is a human act: who, when and against which source, saved through the model so
        the history keeps it. Only records that meet the sourcing rule can be verified."""
        count, refused = 0, []
        for obj in queryset.prefetch_related("citations__source"):
            best = sourcing.best(obj.sources, limit=1)
            if not obj.confirmed or not best:
                refused.append(str(obj))
                continue
            obj.verified_by, obj.verified_at, obj.verified_against = request.user, timezone.now(), best[0]
            obj._change_reason = f"verified against {best[0].key}"
            obj.save()
            count += 1
        if refused:
            self.message_user(
                request,
                _(
                    "Not verified, being below the sourcing rule (add a primary source or two "
                    "independent reputable ones first): %(records)s"
                )
                % {"records": "; ".join(refused[:20])},
                messages.WARNING,
            )
        self.message_user(
            request,
            ngettext("%(count)d record marked verified.", "%(count)d records marked verified.", count)
            % {"count": count},
            messages.SUCCESS,
        )

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
class SourceAdmin(resources.GuardedImportExportAdmin, SimpleHistoryAdmin):
    resource_classes = [resources.SourceResource]
    list_display = ["key", "title", "publisher", "tier", "published", "accessed", "cited"]
    search_fields = ["key", "title", "publisher", "url", "original_publisher"]
    list_filter = ["tier", "publisher"]

    def get_urls(self):
        # The "needs sourcing" work queue, at a stable URL: admin:compliance_source_needs_sourcing.
        return [
            path(
                "needs-sourcing/",
                self.admin_site.admin_view(self.needs_sourcing),
                name="compliance_source_needs_sourcing",
            ),
            path(
                "needs-verifying/",
                self.admin_site.admin_view(self.needs_verifying),
                name="compliance_source_needs_verifying",
            ),
            *super().get_urls(),
        ]

    def needs_verifying(self, request):
        """Facts that meet the sourcing rule but no fact-checker has verified, most-read first (the
        published articles whose boxes show them): the fact-checkers' queue."""
        if not request.user.has_perm("compliance.verify_fact"):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        models = (Court, Person, Warrant, State, TreatyEvent, SecurityCouncilObligation, Visit, Finding)
        rows = review.unverified(models)
        counts = review.published_article_counts()
        for row in rows:
            row["articles"] = counts.get(row["fact"], 0)
            row["url"] = f"../../{row['model']}/{row['pk']}/verify/"
        rows.sort(key=lambda r: (-r["articles"], r["model"], r["label"]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Facts to verify"),
            "rows": rows,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/compliance/needs_verifying.html", context)

    def needs_sourcing(self, request):
        """Facts below the sourcing rule, most-read first (the published articles whose boxes would
        show them)."""
        if not self.has_view_permission(request):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        models = (Court, Person, Warrant, State, TreatyEvent, SecurityCouncilObligation, Visit, Finding)
        rows = review.below_rule(models)
        counts = review.published_article_counts()
        for row in rows:
            row["articles"] = counts.get(row["fact"], 0)
            row["url"] = f"../../{row['model']}/{row['pk']}/change/"
        rows.sort(key=lambda r: (-r["articles"], r["model"], r["label"]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Facts that need sourcing"),
            "rows": rows,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/compliance/needs_sourcing.html", context)

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
        return format_html_join("", "<div>{}: {}</div>", ((c.content_type.name, c.fact) for c in citations)) or "-"


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
        status = obj.status_on(timezone.localdate())
        return dict(WarrantStatus.Status.choices).get(status, status.replace("_", " ")) if status else "-"


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
            html += format_html(
                '<p style="color:#b00"><strong>{}</strong></p>{}',
                _("Check these entries:"),
                reasons_html(membership.discrepancies),
            )
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
        status = dict(Visit.Status.choices).get(verdict.status, verdict.status)
        return format_html("<p>{}: <strong>{}</strong></p>{}", _("Status"), status, reasons_html(verdict.reasons))


@admin.register(Finding)
class FindingAdmin(FactAdmin):
    resource_classes = [resources.FindingResource]
    list_display = ["state", "date", "result", "referral", "appeal_status", "reference", "sources", "verified"]
    list_filter = ["result", "referral", "appeal_status", "court"]
    search_fields = ["key", "reference", "title", "state__name", "state__iso3"]
    autocomplete_fields = ["state", "court", "visits"]
    date_hierarchy = "date"


# --- boxes and claims on the host's articles -----------------------------------------------------
#
# Editors review what detection suggested: the context boxes (approve, pin or reject each, with a
# preview exactly as readers will see it) and the flagged claims (fix the text, or dismiss). Every
# text an editor or a source typed is escaped: HTML is built with format_html and templates only.
