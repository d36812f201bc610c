from datetime import datetime, timedelta

from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericStackedInline, GenericTabularInline
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.db.models import Case, Count, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.template.defaultfilters import truncatechars
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from .. import conf
from ..facts.admin import READER_CSS
from ..facts.models import LANGUAGES
from . import articles
from .models import ClaimFlag, ContextBox

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


def http_url(url) -> str:
    """The URL when it is http(s), else "": a javascript: or data: URL never becomes a link."""
    url = str(url or "").strip()
    return url if url.lower().startswith(("http://", "https://")) else ""


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
        return Case(When(content_type=article_content_type(), then=Subquery(same.values(names[name])[:1])),
                    default=Value(None), output_field=output)

    return queryset.annotate(article_headline=column("headline", models.CharField()),
                             article_published=column("published_at", models.DateTimeField()))


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
    return format_html('{} <a class="review-public" href="{}" target="_blank" rel="noopener noreferrer" title="{}">{} ↗</a>',
                       html, public_url, _("The article as readers see it, in a new tab"), _("on the site"))


class ArticleFilter(admin.SimpleListFilter):
    """One article's boxes or flags: the articles most recently given some, and any article by id
    (the queue links here)."""

    title = _("article")
    parameter_name = "article"
    LIMIT = 30

    def lookups(self, request, model_admin):
        model = articles.article_model()
        ids = list(model_admin.model.objects.filter(content_type=article_content_type()).order_by("-object_id")
                   .values_list("object_id", flat=True).distinct()[:self.LIMIT])
        found = model._default_manager.in_bulk(ids)
        return [(str(pk), truncatechars(articles.field(found[pk], "headline") or str(found[pk]), 60))
                for pk in ids if pk in found]

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
        return [("today", _("Today")), ("7d", _("Past 7 days")), ("30d", _("Past 30 days")),
                ("year", _("This year")), ("no", _("Not published yet"))]

    def queryset(self, request, queryset):
        value = self.value()
        now = timezone.now()
        midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
        since = {
            "today": midnight, "7d": midnight - timedelta(days=6),
            "30d": midnight - timedelta(days=29), "year": midnight.replace(month=1, day=1),
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
    extra = 0
    fields = ["kind", "person", "state", "status", "position", "language", "title_override", "verdict_override",
              "preview"]
    readonly_fields = ["preview"]
    autocomplete_fields = ["person", "state"]
    verbose_name = _("context box")
    verbose_name_plural = _("context boxes (suggested boxes go live only when approved or pinned)")

    class Media:
        css = READER_CSS

    @admin.display(description=_("as readers will see it"))
    def preview(self, obj):
        if not obj.pk or not obj.data:
            return _("Built when you save.")
        return render_box(obj)


class ClaimFlagInline(GenericTabularInline):
    model = ClaimFlag
    extra = 0
    can_delete = False
    fields = ["severity_label", "sentence", "correction", "source_links", "status"]
    readonly_fields = ["severity_label", "sentence", "correction", "source_links"]
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


class ReviewMixin:
    """What the review queue and the claim flags share: the article column and filter."""

    def annotate(self, queryset):
        return with_article_columns(queryset)

    def get_queryset(self, request):
        # Annotated before ordering: the default order is by annotations.
        queryset = self.annotate(self.model._default_manager.get_queryset()).prefetch_related("article")
        ordering = self.get_ordering(request)
        return queryset.order_by(*ordering) if ordering else queryset

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
            self.message_user(request, _("Nothing changed: every selected row was already “%(status)s”.")
                              % {"status": label}, messages.WARNING)


@admin.register(ContextBox)
class ContextBoxAdmin(ReviewMixin, SimpleHistoryAdmin):
    """The review queue: suggested boxes first, newest article first."""

    list_display = ["article_column", "kind", "subject", "as_of", "status", "open_flag_count", "preview_row"]
    list_display_links = ["subject"]
    list_filter = ["status", "kind", code_filter("language", _("language"), LANGUAGE_NAMES), PublishedFilter,
                   OpenFlagsFilter, "origin", ArticleFilter]
    search_fields = ["article_headline", "person__name", "person__aliases__text", "state__name", "state__iso3",
                     "state__aliases__text"]
    list_select_related = ["person", "state"]
    list_per_page = 50
    date_hierarchy = "as_of"
    actions = ["approve", "pin", "reject"]
    readonly_fields = ["article_link", "subject", "kind", "person", "state", "language_name", "origin", "as_of",
                       "built_at", "last_review", "preview", "box_sources", "article_claims"]
    fieldsets = [
        (None, {"fields": ["article_link", "subject", "kind", "status", "last_review", "position"]}),
        (_("As readers will see it"), {"fields": ["preview", "box_sources"]}),
        (_("Wording"), {"fields": ["title_override", "verdict_override"],
                        "description": _("Leave empty to use the wording generated from the data.")}),
        (_("Flagged claims in this article"), {"fields": ["article_claims"]}),
        (_("Record"), {"fields": ["person", "state", "language_name", "origin", "as_of", "built_at"],
                       "classes": ["collapse"]}),
    ]

    class Media:
        css = READER_CSS

    def has_add_permission(self, request):
        return False

    def annotate(self, queryset):
        open_flags = (ClaimFlag.objects.filter(content_type=OuterRef("content_type"), object_id=OuterRef("object_id"),
                                               status=ClaimFlag.Status.OPEN)
                      .order_by().values("content_type").annotate(n=Count("pk")).values("n"))
        return super().annotate(queryset).annotate(
            open_flags=Coalesce(Subquery(open_flags, output_field=models.IntegerField()), 0),
            queue_rank=Case(When(status=ContextBox.Status.SUGGESTED, then=Value(0)), default=Value(1),
                            output_field=models.IntegerField()),
        ).prefetch_related("person__aliases", "state__aliases")

    def get_ordering(self, request):
        # Suggested first; then the newest article (drafts, not yet published, count as newest).
        return ["queue_rank", F("article_published").desc(nulls_first=True), "-object_id", "position", "pk"]

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj._change_reason = f"set to {obj.status} in the review queue"
        super().save_model(request, obj, form, change)

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
        url = reverse("admin:compliance_claimflag_changelist") + "?" + urlencode(
            {"article": obj.object_id, "status__exact": ClaimFlag.Status.OPEN})
        return format_html('<a class="review-flags" href="{}">{}</a>', url, obj.open_flags)

    @admin.display(description=_("preview"))
    def preview_row(self, obj):
        if not obj.data:
            return "-"
        return format_html('<details class="review-preview"><summary>{}</summary>{}<h4>{}</h4>{}</details>',
                           _("Show"), render_box(obj), _("Sources (open in a new tab)"),
                           source_links(obj.data.get("sources")))

    @admin.display(description=_("as readers will see it"))
    def preview(self, obj):
        if not obj.pk or not obj.data:
            return _("Built when you save.")
        return format_html('<div class="review-box">{}</div>', render_box(obj))

    @admin.display(description=_("sources (open in a new tab)"))
    def box_sources(self, obj):
        return source_links(obj.data.get("sources")) if obj.pk else "-"

    @admin.display(description=_("open claim flags"))
    def article_claims(self, obj):
        if not obj.pk:
            return "-"
        flags = ClaimFlag.objects.filter(content_type_id=obj.content_type_id, object_id=obj.object_id,
                                         status=ClaimFlag.Status.OPEN)
        rows = [format_html('<li><a href="{}">{}</a><br><q>{}</q><br>{}</li>',
                            reverse("admin:compliance_claimflag_change", args=[flag.pk]), flag.correction,
                            flag.sentence, source_links(flag.sources)) for flag in flags]
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
            "status": status, "when": when, "user": changed.history_user.get_username()}

    def _set(self, request, queryset, status, message):
        def save(box):
            box.status = status
            box._change_reason = f"set to {status} in the review queue"
            box.save(update_fields=["status", "updated_at"])  # never the data a rebuild may be writing

        self._bulk_status(request, queryset, status, message, save=save)

    @admin.action(description=_("Approve: show to readers"), permissions=["change"])
    def approve(self, request, queryset):
        self._set(request, queryset, ContextBox.Status.APPROVED, lambda n: ngettext(
            "%(count)d box approved: readers see it now.", "%(count)d boxes approved: readers see them now.", n)
            % {"count": n})

    @admin.action(description=_("Pin: show to readers, keep through re-detection"), permissions=["change"])
    def pin(self, request, queryset):
        self._set(request, queryset, ContextBox.Status.PINNED, lambda n: ngettext(
            "%(count)d box pinned: readers see it, and re-detection keeps it.",
            "%(count)d boxes pinned: readers see them, and re-detection keeps them.", n) % {"count": n})

    @admin.action(description=_("Reject: never show"), permissions=["change"])
    def reject(self, request, queryset):
        self._set(request, queryset, ContextBox.Status.REJECTED, lambda n: ngettext(
            "%(count)d box rejected: readers will not see it.", "%(count)d boxes rejected: readers will not see them.",
            n) % {"count": n})


@admin.register(ClaimFlag)
class ClaimFlagAdmin(ReviewMixin, admin.ModelAdmin):
    """Sentences whose checkable fact disagrees with the data, with the correct fact and its sources."""

    list_display = ["sentence_column", "correction", "correct_sources", "severity_label", "status", "kind_label",
                    "article_column", "created_at"]
    list_filter = ["status", code_filter("severity", _("severity"), SEVERITIES),
                   code_filter("kind", _("kind"), CLAIM_KINDS), ArticleFilter]
    search_fields = ["sentence", "correction", "claimed", "correct", "article_headline"]
    readonly_fields = ["article_link", "sentence", "claimed", "correct", "correction", "correct_sources",
                       "kind_label", "severity_label", "created_at"]
    fieldsets = [
        (None, {"fields": ["status"]}),
        (_("What the article says"), {"fields": ["article_link", "sentence", "claimed"]}),
        (_("What the data says"), {"fields": ["correct", "correction", "correct_sources"]}),
        (_("Record"), {"fields": ["kind_label", "severity_label", "created_at"]}),
    ]
    actions = ["mark_fixed", "dismiss"]
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def get_ordering(self, request):
        return [F("article_published").desc(nulls_first=True), "-object_id", "pk"]

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
        self._bulk_status(request, queryset, ClaimFlag.Status.FIXED, lambda n: ngettext(
            "%(count)d flag marked fixed.", "%(count)d flags marked fixed.", n) % {"count": n}, save=self._saver(
            ClaimFlag.Status.FIXED))

    @admin.action(description=_("Dismiss"), permissions=["change"])
    def dismiss(self, request, queryset):
        self._bulk_status(request, queryset, ClaimFlag.Status.DISMISSED, lambda n: ngettext(
            "%(count)d flag dismissed.", "%(count)d flags dismissed.", n) % {"count": n}, save=self._saver(
            ClaimFlag.Status.DISMISSED))

    @staticmethod
    def _saver(status):
        def save(flag):
            flag.status = status
            flag.save(update_fields=["status"])

        return save
