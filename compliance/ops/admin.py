"""Operations in the admin: task runs (with "run now"), the outbox, the change log."""

import difflib

from celery import current_app
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import outbox
from .models import ChangeLog, OutboxMessage, TaskRun


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# The tasks an editor may run at once from Task runs: name shown, task, its run record's name.
RUNNABLE = {
    "sync_untc": (_("Sync the depositary's status table"), "compliance.tasks.sync_untc"),
    "sync_icc_defendants": (_("Sync the Court's list of defendants"), "compliance.tasks.sync_icc_defendants"),
    "refresh_dates": (_("Refresh statuses as dates pass"), "compliance.tasks.refresh_dates"),
}


def run_now(name: str):
    """Run one of RUNNABLE in this process, now, with no broker and no retries; return (ok, text)."""
    task = current_app.tasks[RUNNABLE[name][1]]
    result = task.apply(retries=task.max_retries or 0, throw=False)
    if result.failed():
        error = result.result
        return False, f"{type(error).__name__}: {error}"
    return True, result.result


@admin.register(TaskRun)
class TaskRunAdmin(ReadOnlyAdmin):
    list_display = ["name", "last_started", "last_success", "last_error_at", "short_error", "done_through"]
    change_list_template = "admin/compliance/taskrun/change_list.html"

    @admin.display(description=_("last error"))
    def short_error(self, obj):
        return (obj.last_error or "")[:120]

    def has_run_permission(self, request):
        return request.user.has_perm("compliance.change_taskrun") or request.user.has_perm(
            "compliance.change_proposedchange"
        )

    def get_urls(self):
        return [
            path("run/<str:name>/", self.admin_site.admin_view(self.run_view), name="compliance_taskrun_run"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        runnable = (
            [
                {"name": name, "label": label, "url": reverse("admin:compliance_taskrun_run", args=[name])}
                for name, (label, _task) in RUNNABLE.items()
            ]
            if self.has_run_permission(request)
            else []
        )
        return super().changelist_view(request, {**(extra_context or {}), "runnable": runnable})

    def run_view(self, request, name):
        """Run a sync task now, in this process (it needs no broker); say what it did or why it failed."""
        if request.method != "POST" or name not in RUNNABLE or not self.has_run_permission(request):
            raise PermissionDenied
        ok, result = run_now(name)
        label = RUNNABLE[name][0]
        if ok:
            self.message_user(
                request, _("“%(task)s” ran: %(result)s") % {"task": label, "result": result}, messages.SUCCESS
            )
        else:
            self.message_user(
                request, _("“%(task)s” failed: %(error)s") % {"task": label, "error": result}, messages.ERROR
            )
        return HttpResponseRedirect(reverse("admin:compliance_taskrun_changelist"))


class OutboxStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", _("not done yet")), ("dead", _("given up")), ("done", _("done"))]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(done_at=None, dead_at=None)
        if self.value() == "dead":
            return queryset.filter(done_at=None).exclude(dead_at=None)
        if self.value() == "done":
            return queryset.exclude(done_at=None)
        return queryset


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    list_display = ["task", "args", "created_at", "state_label", "dispatched_at", "done_at", "attempts", "last_error"]
    list_filter = [OutboxStateFilter]
    actions = ["send_again"]

    @admin.display(description=_("state"))
    def state_label(self, obj):
        return {
            "done": _("done"),
            "dead": _("given up"),
            "sent": _("sent, not done yet"),
            "pending": _("waiting to be sent"),
        }[obj.state]

    def has_resend_permission(self, request):
        return request.user.has_perm("compliance.change_outboxmessage")

    @admin.action(description=_("Send again"), permissions=["resend"])
    def send_again(self, request, queryset):
        count = outbox.resend(queryset)
        self.message_user(
            request,
            ngettext("%(count)d message will be sent again.", "%(count)d messages will be sent again.", count)
            % {"count": count},
            messages.SUCCESS,
        )


def word_diff(before: str, after: str) -> str:
    """The two texts word by word: removed words struck through, added words marked."""
    old, new = before.split(), after.split()
    parts = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(format_html("{}", " ".join(old[a1:a2])))
            continue
        if a2 > a1:
            parts.append(format_html("<del>{}</del>", " ".join(old[a1:a2])))
        if b2 > b1:
            parts.append(format_html("<ins>{}</ins>", " ".join(new[b1:b2])))
    return format_html_join(" ", "{}", ((p,) for p in parts))


def fact_link(ref: str) -> str:
    """A fact reference ("state:12") as a link to the fact's admin page."""
    model, _sep, pk = (ref or "").partition(":")
    try:
        return format_html('<a href="{}">{}</a>', reverse(f"admin:compliance_{model}_change", args=[pk]), ref)
    except NoReverseMatch:
        return ref or "-"


def article_link(box) -> str:
    """The box's article, linking to its admin page (and to the page readers see, when it has one)."""
    if box is None:
        return format_html("{}", _("box deleted"))
    content_type = ContentType.objects.get_for_id(box.content_type_id)
    article = content_type.get_object_for_this_type(pk=box.object_id) if content_type.model_class() else None
    if article is None:
        return format_html("{}", _("article deleted"))
    try:
        url = reverse(f"admin:{content_type.app_label}_{content_type.model}_change", args=[box.object_id])
    except NoReverseMatch:
        return format_html("{}", article)
    return format_html('<a href="{}">{}</a>', url, article)


@admin.register(ChangeLog)
class ChangeLogAdmin(ReadOnlyAdmin):
    """What changed in stored boxes after a fact was edited, who set it off, and what readers see now."""

    list_display = ["created_at", "who", "fact_column", "reason", "box_column", "article_column"]
    list_select_related = ["changed_by", "box"]
    search_fields = ["reason", "fact", "trigger", "before", "after"]
    date_hierarchy = "created_at"
    fields = [
        "created_at",
        "who",
        "fact_column",
        "reason",
        "box_column",
        "article_column",
        "difference",
        "before",
        "after",
    ]
    readonly_fields = fields

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("compliance.view_changelog") or request.user.has_perm("compliance.view_contextbox")

    @admin.display(description=_("who"))
    def who(self, obj):
        if obj.changed_by_id:
            return obj.changed_by.get_username()
        return obj.trigger or _("a scheduled task")

    @admin.display(description=_("fact"), ordering="fact")
    def fact_column(self, obj):
        return fact_link(obj.fact)

    @admin.display(description=_("box"))
    def box_column(self, obj):
        if obj.box_id is None:
            return _("box deleted")
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:compliance_contextbox_change", args=[obj.box_id]), obj.box
        )

    @admin.display(description=_("article"))
    def article_column(self, obj):
        return article_link(obj.box)

    @admin.display(description=_("what readers see, changed"))
    def difference(self, obj):
        if not obj.before and not obj.after:
            return _("Not recorded for this entry.")
        return format_html('<div class="changelog-diff">{}</div>', word_diff(obj.before, obj.after))
