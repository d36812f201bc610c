import copy
from datetime import datetime, timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.contenttypes.admin import GenericStackedInline, GenericTabularInline
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Case, Count, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import truncatechars
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import formats, timezone, translation
from django.utils.html import escape, format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from .. import conf
from ..facts import links
from ..facts.admin import READER_CSS
from ..facts.models import LANGUAGES
from . import articles
from .models import Analysis, ClaimFlag, ContextBox

CLAIM_KINDS = {
    "treaty_signature": _("date of signature"),
    "treaty_deposit": _("date of ratification or accession"),
    "membership": _("membership of the Rome Statute"),
    "visit_date": _("date of a visit"),
    "warrant_date": _("date of a warrant"),
    "warrant_charges": _("charges in a warrant"),
}
SEVERITIES = {"error": _("error"), "note": _("note")}
LANGUAGE_NAMES = dict(LANGUAGES)
LIVE = (ContextBox.Status.APPROVED, ContextBox.Status.PINNED)
OVERRIDE_PERMISSION = "compliance.override_claimflag"


def http_url(url) -> str:
    """The URL when it is http(s), else "": a javascript: or data: URL never becomes a link."""
    return links.safe_url(str(url or "").strip())


def source_links(sources) -> str:
    """Each source as its title, linking to its URL in a new tab."""
    items = []
    for source in sources or []:
        title = source.get("title") or source.get("url") or source.get("key") or "?"
        url = http_url(source.get("url"))
        if url:
            link = format_html('<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>', url, title)
        else:
            link = format_html("{}", title)
        publisher = source.get("publisher")
        items.append(format_html("<li>{}{}</li>", link, format_html(", {}", publisher) if publisher else ""))
    if not items:
        return format_html('<strong class="review-missing">{}</strong>', _("no sources"))
    return format_html('<ul class="review-sources">{}</ul>', format_html_join("", "{}", ((item,) for item in items)))


def render_box(box) -> str:
    """The box exactly as readers see it: the template the article page includes for each box."""
    return render_to_string("compliance/box.html", {"box": box})


def preview_frame(url: str, title, *, width: int = 375, height: int = 560) -> str:
    """A page readers would see, in an isolated frame (its own document and the readers' styles, nothing
    of the admin's), with buttons to see it at a phone's width (375 px) and a desktop's (1280 px)."""
    return format_html(
        '<div class="preview-frame" data-width="{w}">'
        '<p class="preview-widths" role="group" aria-label="{label}">'
        '<button type="button" class="button" data-width="375" aria-pressed="{p375}">{phone}</button> '
        '<button type="button" class="button" data-width="1280" aria-pressed="{p1280}">{desktop}</button> '
        '<a href="{url}" target="_blank" rel="noopener">{open} ↗</a></p>'
        '<div class="preview-viewport"><iframe src="{url}" title="{title}" loading="lazy" '
        'style="width:{w}px;height:{h}px"></iframe></div></div>',
        w=width,
        h=height,
        url=url,
        title=title,
        label=_("Preview width"),
        phone=_("Phone (375 px)"),
        desktop=_("Desktop (1280 px)"),
        open=_("Open in a new tab"),
        p375="true" if width == 375 else "false",
        p1280="true" if width == 1280 else "false",
    )


def box_preview_url(box) -> str:
    return reverse("admin:compliance_contextbox_preview", args=[box.pk])


def blocking_flags_for(obj):
    """The open error flags of the article a box or flag belongs to."""
    return ClaimFlag.objects.filter(
        content_type_id=obj.content_type_id, object_id=obj.object_id, status=ClaimFlag.Status.OPEN, severity="error"
    )


def refuse_live_status(box, status):
    """The error to show when `status` would put `box` live while its article has an open error flag."""
    if status not in LIVE or box.status == status or not box.object_id:
        return None
    flags = list(blocking_flags_for(box)[:3])
    if not flags:
        return None
    return ValidationError(
        _(
            "The article has an open error flag (“%(sentence)s”). Fix the sentence, dismiss the flag with a reason, "
            "or have someone allowed to override it do so; then approve the box."
        ),
        params={"sentence": truncatechars(flags[0].sentence, 120)},
        code="flagged",
    )


def named_widgets(form) -> None:
    """Give every field's widget its label as its accessible name: a tabular inline shows labels only as
    column headings, and a split date-time field labels only its first input."""
    for field in form.fields.values():
        label = str(field.label or "")
        widget = getattr(field.widget, "widget", field.widget)  # inside the admin's related-field wrapper
        if isinstance(widget, forms.MultiWidget):
            parts = [_("date"), _("time")] if isinstance(widget, forms.SplitDateTimeWidget) else []
            for n, sub in enumerate(widget.widgets):
                sub.attrs.setdefault("aria-label", f"{label}: {parts[n]}" if n < len(parts) else label)
        elif label:
            widget.attrs.setdefault("aria-label", label)


class NamedWidgetsForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        named_widgets(self)


class BoxForm(NamedWidgetsForm):
    """A box's form (inline and in the queue): no approval while the article has an open error flag."""

    def clean(self):
        data = super().clean()
        error = refuse_live_status(self.instance, data.get("status"))
        if error is not None:
            self.add_error("status", error)
        return data


class FlagForm(NamedWidgetsForm):
    """A flag's form: dismissing needs a reason; overriding needs a reason and the permission."""

    user = None  # set by the admin

    def clean(self):
        data = super().clean()
        status, note = data.get("status"), (data.get("resolution_note") or "").strip()
        if "status" in self.changed_data:
            if status in (ClaimFlag.Status.DISMISSED, ClaimFlag.Status.OVERRIDDEN) and not note:
                self.add_error("resolution_note", _("Say why: the reason is kept with your name and the time."))
            if status == ClaimFlag.Status.OVERRIDDEN and not (self.user and self.user.has_perm(OVERRIDE_PERMISSION)):
                self.add_error("status", _("Only someone allowed to publish over open flags may override one."))
        return data


def record_resolution(flag, user) -> None:
    """Who changed a flag's status, and when (the form saved the status and the reason)."""
    if flag.status == ClaimFlag.Status.OPEN:
        flag.resolved_by, flag.resolved_at = None, None
    else:
        flag.resolved_by, flag.resolved_at = user, timezone.now()
    flag.save(update_fields=["resolved_by", "resolved_at"])


def article_content_type():
    return ContentType.objects.get_for_model(articles.article_model())


def with_article_columns(queryset):
    """Annotate boxes or claim flags with their article's headline and publication time, so that the
    queue can be ordered, searched and filtered by them in the database."""
    model = articles.article_model()
    names = conf.get("ARTICLE_FIELDS")
    same = model._default_manager.filter(pk=OuterRef("object_id")).order_by()

    def column(name, output):
        try:
            model._meta.get_field(names[name])
        except (KeyError, FieldDoesNotExist):
            return Value(None, output_field=output)
        return Case(
            When(content_type=article_content_type(), then=Subquery(same.values(names[name])[:1])),
            default=Value(None),
            output_field=output,
        )

    return queryset.annotate(
        article_headline=column("headline", models.CharField()),
        article_published=column("published_at", models.DateTimeField()),
    )


def article_published_expression():
    """The article's publication time as an expression, so a queue's ordering works on any queryset of
    its model (a foreign key's choices, the change log's links), annotated or not."""
    model = articles.article_model()
    name = conf.get("ARTICLE_FIELDS")["published_at"]
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return Value(None, output_field=models.DateTimeField())
    same = model._default_manager.filter(pk=OuterRef("object_id")).order_by()
    return Case(
        When(content_type=article_content_type(), then=Subquery(same.values(name)[:1])),
        default=Value(None),
        output_field=models.DateTimeField(),
    )


def article_admin_url(obj) -> str:
    content_type = ContentType.objects.get_for_id(obj.content_type_id)
    try:
        return reverse(f"admin:{content_type.app_label}_{content_type.model}_change", args=[obj.object_id])
    except NoReverseMatch:
        return ""


def is_published(when) -> bool:
    """Whether readers can see an article published `when` (a datetime or a date; empty: a draft)."""
    if not when:
        return False
    if isinstance(when, datetime):
        return when <= (timezone.now() if timezone.is_aware(when) else datetime.now())
    return True


def article_cell(obj) -> str:
    """The article's headline, linking to its admin page, and a link to the page readers see (new tab)."""
    article = obj.article
    if article is None:
        return format_html('<span class="review-missing">{}</span>', _("article deleted"))
    headline = articles.field(article, "headline") or str(article)
    admin_url = article_admin_url(obj)
    html = format_html('<a href="{}">{}</a>', admin_url, headline) if admin_url else format_html("{}", headline)
    if not is_published(articles.field(article, "published_at")):
        return format_html('{} <span class="review-draft">({})</span>', html, _("not published yet"))
    try:
        public_url = article.get_absolute_url()
    except (AttributeError, NoReverseMatch):
        return html
    return format_html(
        '{} <a class="review-public" href="{}" target="_blank" rel="noopener noreferrer" title="{}">{} ↗</a>',
        html,
        public_url,
        _("The article as readers see it, in a new tab"),
        _("on the site"),
    )


class ArticleFilter(admin.SimpleListFilter):
    """One article's boxes or flags: the articles most recently given some, and any article by id
    (the queue links here)."""

    title = _("article")
    parameter_name = "article"
    LIMIT = 30

    def lookups(self, request, model_admin):
        model = articles.article_model()
        ids = list(
            model_admin.model.objects.filter(content_type=article_content_type())
            .order_by("-object_id")
            .values_list("object_id", flat=True)
            .distinct()[: self.LIMIT]
        )
        found = model._default_manager.in_bulk(ids)
        return [
            (str(pk), truncatechars(articles.field(found[pk], "headline") or str(found[pk]), 60))
            for pk in ids
            if pk in found
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if not value.isdigit():
            return queryset.none()
        return queryset.filter(content_type=article_content_type(), object_id=int(value))


class PublishedFilter(admin.SimpleListFilter):
    """When the article was published (drafts: not yet)."""

    title = _("article published")
    parameter_name = "published"

    def lookups(self, request, model_admin):
        return [
            ("today", _("Today")),
            ("7d", _("Past 7 days")),
            ("30d", _("Past 30 days")),
            ("year", _("This year")),
            ("no", _("Not published yet")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        now = timezone.now()
        midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
        since = {
            "today": midnight,
            "7d": midnight - timedelta(days=6),
            "30d": midnight - timedelta(days=29),
            "year": midnight.replace(month=1, day=1),
        }.get(value)
        if since is not None:
            return queryset.filter(article_published__gte=since, article_published__lte=now)
        if value == "no":
            return queryset.filter(models.Q(article_published__isnull=True) | models.Q(article_published__gt=now))
        return queryset


class OpenFlagsFilter(admin.SimpleListFilter):
    title = _("open claim flags")
    parameter_name = "open_flags"

    def lookups(self, request, model_admin):
        return [("yes", _("The article has open claim flags")), ("no", _("No open claim flags"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(open_flags__gt=0)
        if self.value() == "no":
            return queryset.filter(open_flags=0)
        return queryset


class ChangedSinceApprovalFilter(admin.SimpleListFilter):
    title = _("changed since approval")
    parameter_name = "changed"

    def lookups(self, request, model_admin):
        return [("yes", _("Changed since approval")), ("no", _("Unchanged"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(changed_since_approval__isnull=False)
        if self.value() == "no":
            return queryset.filter(changed_since_approval__isnull=True)
        return queryset


class ApprovedByFilter(admin.SimpleListFilter):
    title = _("approved by")
    parameter_name = "approved_by"

    def lookups(self, request, model_admin):
        return [("me", _("Me"))]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(approved_by=request.user)
        return queryset


def code_filter(field: str, title, labels: dict):
    """A filter on a code field, showing each code present by its translated label."""

    class CodeFilter(admin.SimpleListFilter):
        parameter_name = field

        def lookups(self, request, model_admin):
            codes = model_admin.model.objects.order_by(field).values_list(field, flat=True).distinct()
            return [(code, labels.get(code, code)) for code in codes]

        def queryset(self, request, queryset):
            return queryset if self.value() is None else queryset.filter(**{field: self.value()})

    CodeFilter.title = title
    CodeFilter.__name__ = f"{field.title()}Filter"
    return CodeFilter


class ContextBoxInline(GenericStackedInline):
    model = ContextBox
    form = BoxForm
    extra = 0
    fields = [
        "kind",
        "person",
        "state",
        "status",
        "approval",
        "position",
        "language",
        "title_override",
        "verdict_override",
        "preview",
    ]
    readonly_fields = ["preview", "approval"]
    autocomplete_fields = ["person", "state"]
    verbose_name = _("context box")
    verbose_name_plural = _("context boxes (suggested boxes go live only when approved or pinned)")

    @admin.display(description=_("as readers will see it"))
    def preview(self, obj):
        if not obj.pk or not obj.data:
            return _("Built when you save.")
        return preview_frame(box_preview_url(obj), _("The box as readers will see it"))

    @admin.display(description=_("approval"))
    def approval(self, obj):
        return approval_text(obj)


def approval_text(box) -> str:
    """Who approved the box and when; and whether its text changed since."""
    if not box.pk or not box.approved_at:
        return "-"
    when = formats.date_format(timezone.localtime(box.approved_at), "DATETIME_FORMAT")
    who = box.approved_by.get_username() if box.approved_by else _("someone")
    text = format_html("{}", _("Approved by %(user)s on %(when)s.") % {"user": who, "when": when})
    if box.changed_since_approval:
        changed = formats.date_format(timezone.localtime(box.changed_since_approval), "DATETIME_FORMAT")
        text = format_html(
            '{} <strong class="review-changed">{}</strong>',
            text,
            _("Changed since approval (%(when)s): review it and approve it again.") % {"when": changed},
        )
    return text


class ClaimFlagInline(GenericTabularInline):
    model = ClaimFlag
    form = FlagForm
    extra = 0
    can_delete = False
    fields = ["severity_label", "sentence", "correction", "source_links", "status", "resolution_note", "resolution"]
    readonly_fields = ["severity_label", "sentence", "correction", "source_links", "resolution"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = type("FlagForm", (formset.form,), {"user": request.user})
        return formset

    @admin.display(description=_("resolved"))
    def resolution(self, obj):
        return resolution_text(obj)

    verbose_name = _("flagged claim")
    verbose_name_plural = _("flagged claims (for editors only; never shown to readers)")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("severity"))
    def severity_label(self, obj):
        return SEVERITIES.get(obj.severity, obj.severity)

    @admin.display(description=_("sources"))
    def source_links(self, obj):
        return source_links(obj.sources)


class AnalysisFilter(admin.SimpleListFilter):
    """For the host's article list: articles by the state of their analysis."""

    title = _("analysis")
    parameter_name = "analysis"

    def lookups(self, request, model_admin):
        return list(Analysis.State.choices)

    def queryset(self, request, queryset):
        if self.value() not in Analysis.State.values:
            return queryset
        ids = Analysis.objects.filter(
            content_type=ContentType.objects.get_for_model(queryset.model), state=self.value()
        ).values("object_id")
        return queryset.filter(pk__in=ids)


def resolution_text(flag) -> str:
    """Who closed a flag, when, and why."""
    if flag.status == ClaimFlag.Status.OPEN or not flag.resolved_at:
        return "-"
    when = formats.date_format(timezone.localtime(flag.resolved_at), "DATETIME_FORMAT")
    who = flag.resolved_by.get_username() if flag.resolved_by else _("the analysis")
    text = _("%(status)s by %(user)s on %(when)s.") % {
        "status": flag.get_status_display().capitalize(),
        "user": who,
        "when": when,
    }
    return format_html("{}{}", text, format_html(" {}", flag.resolution_note) if flag.resolution_note else "")


def highlighted(text: str, sentences) -> str:
    """The text, escaped, its paragraphs kept, with each of `sentences` marked."""
    spans = []
    for sentence in sentences:
        start = text.find(sentence) if sentence else -1
        if start >= 0 and not any(start < end and start + len(sentence) > begin for begin, end in spans):
            spans.append((start, start + len(sentence)))
    out, at = [], 0
    for begin, end in sorted(spans):
        out.append(escape(text[at:begin]))
        out.append(format_html('<mark class="flagged-claim">{}</mark>', text[begin:end]))
        at = end
    out.append(escape(text[at:]))
    html = "".join(out)
    paragraphs = [p.strip() for p in html.split("\n\n") if p.strip()]
    return mark_safe("".join(f"<p>{p}</p>".replace("\n", "<br>") for p in paragraphs))


def analysis_summary(analysis) -> str:
    """What the article's analysis found, or why it failed, in the editor's words."""
    if analysis is None:
        return str(_("Not analysed yet."))
    if analysis.state == Analysis.State.FAILED:
        return str(_("Analysis failed: %(reason)s") % {"reason": analysis.reason})
    if analysis.state == Analysis.State.PENDING:
        return str(_("Analysis queued: the boxes and flags appear here when it has run (reload the page)."))
    found = analysis.summary or {}
    boxes = ngettext("%(count)d box suggested", "%(count)d boxes suggested", found.get("suggested", 0)) % {
        "count": found.get("suggested", 0)
    }
    flags = ngettext("%(count)d claim flagged", "%(count)d claims flagged", found.get("open_flags", 0)) % {
        "count": found.get("open_flags", 0)
    }
    return str(_("Analysis done: %(boxes)s, %(flags)s.") % {"boxes": boxes, "flags": flags})


class ArticleBoxesAdminMixin:
    """Mix into the host's article admin: boxes and flagged claims inline, boxes built on save; the
    analysis's state and what it found after each save (with a retry when it failed); the body with its
    flagged sentences marked; a preview of the article as readers will see it; and no publication while
    an error flag is open."""

    compliance_inlines = [ContextBoxInline, ClaimFlagInline]
    change_form_template = "admin/compliance/article_change_form.html"

    def get_inlines(self, request, obj):
        return [*super().get_inlines(request, obj), *self.compliance_inlines]

    # The list: the analysis's state

    @admin.display(description=_("analysis"))
    def analysis_state(self, obj):
        analysis = articles.analysis_of(obj)
        if analysis is None:
            return "-"
        label = analysis.get_state_display()
        if analysis.state == Analysis.State.FAILED:
            return format_html('<strong class="analysis-failed" title="{}">{}</strong>', analysis.reason, label)
        return label

    # Publication waits for the flags

    def is_being_published(self, article) -> bool:
        """Whether saving `article` (not saved yet) makes it public, now or at its publication time.
        A host with a workflow field overrides this."""
        return bool(conf.adapter().published_at(article))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        admin_self = self

        class GatedForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                named_widgets(self)

            def clean(self):
                data = super().clean()
                candidate = copy.copy(self.instance)
                for name, value in data.items():
                    if name in {f.name for f in candidate._meta.concrete_fields}:
                        setattr(candidate, name, value)
                if candidate.pk and admin_self.is_being_published(candidate):
                    text = " ".join(str(v) for v in articles.parts(candidate).values())
                    still = [f for f in articles.blocking_flags(candidate) if f.sentence in text]
                    if still:
                        raise ValidationError(
                            ngettext(
                                "This article cannot be published while a claim flag is open: “%(sentence)s” "
                                "Correct the sentence, or dismiss or override the flag below with a reason.",
                                "This article cannot be published while %(count)d claim flags are open, the first: "
                                "“%(sentence)s” Correct the sentences, or dismiss or override the flags below with "
                                "a reason.",
                                len(still),
                            )
                            % {"count": len(still), "sentence": still[0].sentence},
                            code="flagged",
                        )
                return data

        GatedForm.__name__ = form.__name__
        return GatedForm

    # Saving: approvals recorded, flags resolved with who and when, manual boxes built

    def save_formset(self, request, form, formset, change):
        if formset.model is ContextBox:
            going_live = [
                f.instance
                for f in formset.forms
                if "status" in f.changed_data
                and f.cleaned_data.get("status") in LIVE
                and not f.cleaned_data.get("DELETE")
            ]
        if formset.model is ClaimFlag:
            resolved = [f.instance for f in formset.forms if "status" in f.changed_data]
        super().save_formset(request, form, formset, change)
        if formset.model is ContextBox:
            today = timezone.localdate()
            for box in formset.queryset.filter(data={}):
                box.origin = ContextBox.Origin.MANUAL
                box.language = box.language or getattr(form.instance, "language", "en")
                articles.rebuild(box, today)
            for box in going_live:
                if box.pk:
                    box.refresh_from_db()
                    articles.approve(box, request.user, box.status, reason=f"set to {box.status} on the article")
        if formset.model is ClaimFlag:
            for flag in resolved:
                record_resolution(flag, request.user)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id and request.method == "GET":
            extra_context = {**(extra_context or {}), **self.compliance_context(request, object_id)}
        response = super().changeform_view(request, object_id, form_url, extra_context)
        # Saved and committed (and, without a broker, analysed): say what the analysis found.
        saved = getattr(request, "_compliance_saved", None)
        if saved is not None and request.method == "POST" and response.status_code in (301, 302):
            self.report_analysis(request, saved)
        return response

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        request._compliance_saved = obj

    def report_analysis(self, request, article):
        analysis = articles.analysis_of(article)
        text = analysis_summary(analysis)
        if analysis is not None and analysis.state == Analysis.State.FAILED:
            self.message_user(
                request,
                format_html('{} <a href="{}#analysis">{}</a>', text, self.change_url(article), _("Retry")),
                messages.ERROR,
            )
        else:
            level = messages.WARNING if analysis and (analysis.summary or {}).get("errors") else messages.INFO
            self.message_user(request, text, level)

    def change_url(self, article) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[article.pk])

    def compliance_context(self, request, object_id) -> dict:
        article = self.get_object(request, object_id)
        if article is None:
            return {}
        flags = ClaimFlag.objects.filter(
            content_type=ContentType.objects.get_for_model(article), object_id=article.pk, status=ClaimFlag.Status.OPEN
        )
        analysis = articles.analysis_of(article)
        body = articles.field(article, "body")
        try:
            public_url = article.get_absolute_url()
        except (AttributeError, NoReverseMatch):
            public_url = ""
        return {
            "compliance_analysis": analysis,
            "compliance_analysis_text": analysis_summary(analysis),
            "compliance_retry_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_analyse", args=[article.pk]
            ),
            "compliance_flagged_body": highlighted(body, [f.sentence for f in flags]) if flags else "",
            "compliance_open_flags": flags,
            "compliance_preview": preview_frame(
                public_url, _("The article as readers will see it"), width=375, height=900
            )
            if public_url
            else "",
        }

    # Retry

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/analyse/", self.admin_site.admin_view(self.analyse_view), name="%s_%s_analyse" % info
            ),
            *super().get_urls(),
        ]

    def analyse_view(self, request, object_id):
        """Run the article's analysis again (POST only); the result is reported as after a save."""
        article = self.get_object(request, object_id)
        if article is None:
            return HttpResponseRedirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"))
        if request.method != "POST" or not self.has_change_permission(request, article):
            raise PermissionDenied
        with transaction.atomic():
            articles.queue_analysis(article)
        self.report_analysis(request, article)
        return HttpResponseRedirect(self.change_url(article) + "#analysis")


class ReviewMixin:
    """What the review queue and the claim flags share: the article column and filter."""

    def annotate(self, queryset):
        return with_article_columns(queryset)

    def get_queryset(self, request):
        # Annotated before ordering: the default order is by annotations.
        queryset = self.annotate(self.model._default_manager.get_queryset()).prefetch_related("article")
        ordering = self.get_ordering(request)
        return queryset.order_by(*ordering) if ordering else queryset

    def get_search_results(self, request, queryset, search_term):
        # A search across aliases can match a row twice. Keep one row each with a subquery rather than
        # DISTINCT: PostgreSQL refuses DISTINCT with the queue's ORDER BY expressions.
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if may_have_duplicates:
            results = queryset.filter(pk__in=results.values("pk"))
        return results, False

    @admin.display(description=_("article"), ordering="article_headline")
    def article_column(self, obj):
        return article_cell(obj)

    @admin.display(description=_("article"))
    def article_link(self, obj):
        return article_cell(obj) if obj.pk else "-"

    def _bulk_status(self, request, queryset, status, message, *, save):
        """Set `status` on the selected rows that do not have it yet; say how many changed."""
        if not self.has_change_permission(request):
            self.message_user(request, _("You may not change these records."), messages.ERROR)
            return
        rows = list(queryset.exclude(status=status))
        with transaction.atomic():
            for row in rows:
                save(row)
        if rows:
            self.message_user(request, message(len(rows)), messages.SUCCESS)
        else:
            label = self.model.Status(status).label
            self.message_user(
                request,
                _("Nothing changed: every selected row was already “%(status)s”.") % {"status": label},
                messages.WARNING,
            )


@admin.register(ContextBox)
class ContextBoxAdmin(ReviewMixin, SimpleHistoryAdmin):
    """The review queue: suggested boxes first, newest article first."""

    form = BoxForm
    list_display = [
        "article_column",
        "kind",
        "subject",
        "as_of",
        "status",
        "open_flag_count",
        "changed_column",
        "preview_row",
    ]
    list_display_links = ["subject"]
    list_filter = [
        "status",
        "kind",
        code_filter("language", _("language"), LANGUAGE_NAMES),
        PublishedFilter,
        OpenFlagsFilter,
        ChangedSinceApprovalFilter,
        ApprovedByFilter,
        "origin",
        ArticleFilter,
    ]
    search_fields = [
        "article_headline",
        "person__name",
        "person__aliases__text",
        "state__name",
        "state__iso3",
        "state__aliases__text",
    ]
    list_select_related = ["person", "state"]
    list_per_page = 50
    date_hierarchy = "as_of"
    actions = ["approve", "pin", "reject"]
    readonly_fields = [
        "article_link",
        "subject",
        "kind",
        "person",
        "state",
        "language_name",
        "origin",
        "as_of",
        "built_at",
        "last_review",
        "approval",
        "preview",
        "box_sources",
        "article_claims",
        "change_entries",
    ]
    fieldsets = [
        (None, {"fields": ["article_link", "subject", "kind", "status", "last_review", "approval", "position"]}),
        (_("As readers will see it"), {"fields": ["preview", "box_sources"]}),
        (
            _("Wording"),
            {
                "fields": ["title_override", "verdict_override"],
                "description": _("Leave empty to use the wording generated from the data."),
            },
        ),
        (_("Flagged claims in this article"), {"fields": ["article_claims"]}),
        (_("Changes after a fact was edited"), {"fields": ["change_entries"]}),
        (
            _("Record"),
            {"fields": ["person", "state", "language_name", "origin", "as_of", "built_at"], "classes": ["collapse"]},
        ),
    ]

    class Media:
        css = READER_CSS

    def has_add_permission(self, request):
        return False

    def get_urls(self):
        return [
            path(
                "<int:pk>/preview/", self.admin_site.admin_view(self.preview_view), name="compliance_contextbox_preview"
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, pk):
        """The box alone, in the site's page with the readers' styles: what the admin's frames show."""
        box = get_object_or_404(ContextBox, pk=pk)
        if not self.has_view_permission(request, box):
            raise PermissionDenied
        response = TemplateResponse(
            request, "admin/compliance/box_preview.html", {"box": box, "base_template": conf.get("BASE_TEMPLATE")}
        )
        response["X-Robots-Tag"] = "noindex"
        response["Cache-Control"] = "private, no-store"
        response["X-Frame-Options"] = "SAMEORIGIN"  # the admin's own frames show it
        return response

    def annotate(self, queryset):
        open_flags = (
            ClaimFlag.objects.filter(
                content_type=OuterRef("content_type"), object_id=OuterRef("object_id"), status=ClaimFlag.Status.OPEN
            )
            .order_by()
            .values("content_type")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            super()
            .annotate(queryset)
            .annotate(
                open_flags=Coalesce(Subquery(open_flags, output_field=models.IntegerField()), 0),
            )
            .prefetch_related("person__aliases", "state__aliases")
        )

    def get_ordering(self, request):
        # Suggested first; then the newest article (drafts, not yet published, count as newest). As
        # expressions, not annotations: other admins order a foreign key's choices with this too.
        rank = Case(
            When(status=ContextBox.Status.SUGGESTED, then=Value(0)),
            default=Value(1),
            output_field=models.IntegerField(),
        )
        return [rank.asc(), article_published_expression().desc(nulls_first=True), "-object_id", "position", "pk"]

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj._change_reason = f"set to {obj.status} in the review queue"
            if obj.status in LIVE:
                articles.approve(obj, request.user, obj.status, reason=obj._change_reason)
                return
        super().save_model(request, obj, form, change)

    @admin.display(description=_("changed since approval"), ordering="changed_since_approval")
    def changed_column(self, obj):
        if not obj.changed_since_approval:
            return ""
        return format_html('<strong class="review-changed">{}</strong>', _("changed since approval"))

    @admin.display(description=_("approval"))
    def approval(self, obj):
        return approval_text(obj)

    @admin.display(description=_("change log"))
    def change_entries(self, obj):
        if not obj.pk:
            return "-"
        rows = [
            format_html(
                '<li><a href="{}">{}</a>: {}</li>',
                reverse("admin:compliance_changelog_change", args=[entry.pk]),
                formats.date_format(timezone.localtime(entry.created_at), "DATETIME_FORMAT"),
                entry.reason,
            )
            for entry in obj.changes.order_by("-created_at")[:20]
        ]
        if not rows:
            return _("None.")
        return format_html('<ul class="review-claims">{}</ul>', format_html_join("", "{}", ((r,) for r in rows)))

    @admin.display(description=_("subject"), ordering="person__name")
    def subject(self, obj):
        language = (translation.get_language() or "en")[:2]
        names = [subject.name_in(language) for subject in (obj.person, obj.state) if subject is not None]
        return " — ".join(names) or "-"

    @admin.display(description=_("language"))
    def language_name(self, obj):
        return LANGUAGE_NAMES.get(obj.language, obj.language)

    @admin.display(description=_("open claim flags"), ordering="open_flags")
    def open_flag_count(self, obj):
        if not obj.open_flags:
            return "0"
        url = (
            reverse("admin:compliance_claimflag_changelist")
            + "?"
            + urlencode({"article": obj.object_id, "status__exact": ClaimFlag.Status.OPEN})
        )
        return format_html('<a class="review-flags" href="{}">{}</a>', url, obj.open_flags)

    @admin.display(description=_("preview"))
    def preview_row(self, obj):
        if not obj.data:
            return "-"
        return format_html(
            '<details class="review-preview"><summary>{}</summary>{}<h4>{}</h4>{}</details>',
            _("Show"),
            preview_frame(box_preview_url(obj), _("The box as readers will see it")),
            _("Sources (open in a new tab)"),
            source_links(obj.data.get("sources")),
        )

    @admin.display(description=_("as readers will see it"))
    def preview(self, obj):
        if not obj.pk or not obj.data:
            return _("Built when you save.")
        return preview_frame(box_preview_url(obj), _("The box as readers will see it"))

    @admin.display(description=_("sources (open in a new tab)"))
    def box_sources(self, obj):
        return source_links(obj.data.get("sources")) if obj.pk else "-"

    @admin.display(description=_("open claim flags"))
    def article_claims(self, obj):
        if not obj.pk:
            return "-"
        flags = ClaimFlag.objects.filter(
            content_type_id=obj.content_type_id, object_id=obj.object_id, status=ClaimFlag.Status.OPEN
        )
        rows = [
            format_html(
                '<li><a href="{}">{}</a><br><q>{}</q><br>{}</li>',
                reverse("admin:compliance_claimflag_change", args=[flag.pk]),
                flag.correction,
                flag.sentence,
                source_links(flag.sources),
            )
            for flag in flags
        ]
        if not rows:
            return _("None.")
        return format_html('<ul class="review-claims">{}</ul>', format_html_join("", "{}", ((row,) for row in rows)))

    @admin.display(description=_("last status change"))
    def last_review(self, obj):
        """Who set the current status, and when (from the history)."""
        if not obj.pk:
            return "-"
        history = obj.history.order_by("history_date", "history_id")
        before = history.exclude(status=obj.status).last()  # the last record with another status
        since = history.filter(status=obj.status)
        if before is not None:
            since = since.filter(history_date__gt=before.history_date)
        changed = since.select_related("history_user").first()  # the record that set the current one
        if changed is None:
            return "-"
        when = formats.date_format(timezone.localtime(changed.history_date), "DATETIME_FORMAT")
        status = ContextBox.Status(changed.status).label
        if changed.history_user is None:
            return _("“%(status)s” since %(when)s, set automatically.") % {"status": status, "when": when}
        return _("“%(status)s” since %(when)s, set by %(user)s.") % {
            "status": status,
            "when": when,
            "user": changed.history_user.get_username(),
        }

    def _set(self, request, queryset, status, message):
        if status in LIVE:
            blocked = [box for box in queryset.exclude(status=status) if blocking_flags_for(box).exists()]
            if blocked:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d box not approved: its article has an open error flag. Fix the sentence, or dismiss "
                        "or override the flag with a reason, first.",
                        "%(count)d boxes not approved: their articles have open error flags. Fix the sentences, or "
                        "dismiss or override the flags with a reason, first.",
                        len(blocked),
                    )
                    % {"count": len(blocked)},
                    messages.ERROR,
                )
                queryset = queryset.exclude(pk__in=[box.pk for box in blocked])
                if not queryset.exclude(status=status).exists():
                    return

        def save(box):
            if status in LIVE:
                articles.approve(box, request.user, status, reason=f"set to {status} in the review queue")
                return
            box.status = status
            box._change_reason = f"set to {status} in the review queue"
            box.save(update_fields=["status", "updated_at"])  # never the data a rebuild may be writing

        self._bulk_status(request, queryset, status, message, save=save)

    @admin.action(description=_("Approve: show to readers"), permissions=["change"])
    def approve(self, request, queryset):
        self._set(
            request,
            queryset,
            ContextBox.Status.APPROVED,
            lambda n: (
                ngettext(
                    "%(count)d box approved: readers see it now.", "%(count)d boxes approved: readers see them now.", n
                )
                % {"count": n}
            ),
        )

    @admin.action(description=_("Pin: show to readers, keep through re-detection"), permissions=["change"])
    def pin(self, request, queryset):
        self._set(
            request,
            queryset,
            ContextBox.Status.PINNED,
            lambda n: (
                ngettext(
                    "%(count)d box pinned: readers see it, and re-detection keeps it.",
                    "%(count)d boxes pinned: readers see them, and re-detection keeps them.",
                    n,
                )
                % {"count": n}
            ),
        )

    @admin.action(description=_("Reject: never show"), permissions=["change"])
    def reject(self, request, queryset):
        self._set(
            request,
            queryset,
            ContextBox.Status.REJECTED,
            lambda n: (
                ngettext(
                    "%(count)d box rejected: readers will not see it.",
                    "%(count)d boxes rejected: readers will not see them.",
                    n,
                )
                % {"count": n}
            ),
        )


class FlagActionForm(ActionForm):
    reason = forms.CharField(label=_("Reason (to dismiss or override)"), required=False, max_length=500)


class OpenErrorsFilter(admin.SimpleListFilter):
    title = _("blocks publication")
    parameter_name = "blocking"

    def lookups(self, request, model_admin):
        return [("yes", _("Open errors"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(status=ClaimFlag.Status.OPEN, severity="error")
        return queryset


@admin.register(ClaimFlag)
class ClaimFlagAdmin(ReviewMixin, admin.ModelAdmin):
    """Sentences whose checkable fact disagrees with the data, with the correct fact and its sources.
    An open error stops the article's boxes from being approved and the article from being published
    until it is fixed, dismissed with a reason, or overridden (with the permission) with a reason."""

    form = FlagForm
    action_form = FlagActionForm
    list_display = [
        "sentence_column",
        "correction",
        "correct_sources",
        "severity_label",
        "status",
        "kind_label",
        "article_column",
        "resolution",
        "created_at",
    ]
    list_filter = [
        "status",
        OpenErrorsFilter,
        code_filter("severity", _("severity"), SEVERITIES),
        code_filter("kind", _("kind"), CLAIM_KINDS),
        ArticleFilter,
    ]
    search_fields = ["sentence", "correction", "claimed", "correct", "article_headline"]
    readonly_fields = [
        "article_link",
        "sentence",
        "claimed",
        "correct",
        "correction",
        "correct_sources",
        "kind_label",
        "severity_label",
        "created_at",
        "resolution",
    ]
    fieldsets = [
        (None, {"fields": ["status", "resolution_note", "resolution"]}),
        (_("What the article says"), {"fields": ["article_link", "sentence", "claimed"]}),
        (_("What the data says"), {"fields": ["correct", "correction", "correct_sources"]}),
        (_("Record"), {"fields": ["kind_label", "severity_label", "created_at"]}),
    ]
    actions = ["mark_fixed", "dismiss", "override"]
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def get_ordering(self, request):
        return [article_published_expression().desc(nulls_first=True), "-object_id", "pk"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "status" in form.changed_data:
            record_resolution(obj, request.user)

    def has_override_permission(self, request):
        return request.user.has_perm(OVERRIDE_PERMISSION)

    @admin.display(description=_("resolved"))
    def resolution(self, obj):
        return resolution_text(obj)

    @admin.display(description=_("sentence in the article"), ordering="sentence")
    def sentence_column(self, obj):
        return truncatechars(obj.sentence, 200)

    @admin.display(description=_("sources of the correct fact"))
    def correct_sources(self, obj):
        return source_links(obj.sources)

    @admin.display(description=_("kind"), ordering="kind")
    def kind_label(self, obj):
        return CLAIM_KINDS.get(obj.kind, obj.kind)

    @admin.display(description=_("severity"), ordering="severity")
    def severity_label(self, obj):
        return SEVERITIES.get(obj.severity, obj.severity)

    @admin.action(description=_("Mark fixed in the text"), permissions=["change"])
    def mark_fixed(self, request, queryset):
        self._bulk_status(
            request,
            queryset,
            ClaimFlag.Status.FIXED,
            lambda n: ngettext("%(count)d flag marked fixed.", "%(count)d flags marked fixed.", n) % {"count": n},
            save=self._saver(request, ClaimFlag.Status.FIXED),
        )

    @admin.action(description=_("Dismiss (give the reason)"), permissions=["change"])
    def dismiss(self, request, queryset):
        if not self._reason(request):
            return
        self._bulk_status(
            request,
            queryset,
            ClaimFlag.Status.DISMISSED,
            lambda n: ngettext("%(count)d flag dismissed.", "%(count)d flags dismissed.", n) % {"count": n},
            save=self._saver(request, ClaimFlag.Status.DISMISSED),
        )

    @admin.action(description=_("Override: publish anyway (give the reason)"), permissions=["override"])
    def override(self, request, queryset):
        if not self._reason(request):
            return
        self._bulk_status(
            request,
            queryset,
            ClaimFlag.Status.OVERRIDDEN,
            lambda n: ngettext("%(count)d flag overridden.", "%(count)d flags overridden.", n) % {"count": n},
            save=self._saver(request, ClaimFlag.Status.OVERRIDDEN),
        )

    def _reason(self, request) -> str:
        reason = (request.POST.get("reason") or "").strip()
        if not reason:
            self.message_user(
                request,
                _("Nothing changed: write the reason in the box beside the action, then run it again."),
                messages.ERROR,
            )
        return reason

    @staticmethod
    def _saver(request, status):
        note = (request.POST.get("reason") or "").strip()

        def save(flag):
            articles.resolve_flag(flag, status, request.user, note)

        return save
