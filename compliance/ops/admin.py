"""Operations in the admin: task runs, the outbox, the change log."""
from django.contrib import admin, messages
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


@admin.register(TaskRun)
class TaskRunAdmin(ReadOnlyAdmin):
    list_display = ["name", "last_started", "last_success", "last_error_at", "short_error", "done_through"]

    @admin.display(description=_("last error"))
    def short_error(self, obj):
        return (obj.last_error or "")[:120]


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
        return {"done": _("done"), "dead": _("given up"), "sent": _("sent, not done yet"),
                "pending": _("waiting to be sent")}[obj.state]

    def has_resend_permission(self, request):
        return request.user.has_perm("compliance.change_outboxmessage")

    @admin.action(description=_("Send again"), permissions=["resend"])
    def send_again(self, request, queryset):
        count = outbox.resend(queryset)
        self.message_user(request, ngettext("%(count)d message will be sent again.",
                                            "%(count)d messages will be sent again.", count) % {"count": count},
                          messages.SUCCESS)


@admin.register(ChangeLog)
class ChangeLogAdmin(ReadOnlyAdmin):
    """What changed in stored boxes after publication, and why."""

    list_display = ["created_at", "reason", "box", "fact"]
    search_fields = ["reason", "fact"]
    date_hierarchy = "created_at"
