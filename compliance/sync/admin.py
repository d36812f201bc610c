from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..facts.links import safe_url
from . import sources
from .models import ProposedChange


@admin.register(ProposedChange)
class ProposedChangeAdmin(admin.ModelAdmin):
    """What the public sources say differently from the data. Accepting writes the fact with its
    source; nothing changes until an editor decides."""

    list_display = ["summary", "origin", "status", "created_at", "source_link"]
    list_filter = ["status", "origin"]
    search_fields = ["summary", "key", "evidence"]
    readonly_fields = [
        "origin",
        "key",
        "summary",
        "current",
        "proposed",
        "evidence",
        "source_link",
        "status",
        "created_at",
        "decided_by",
        "decided_at",
    ]
    fields = readonly_fields
    actions = ["accept", "reject"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("source"))
    def source_link(self, obj):
        url = safe_url(obj.source_url)
        return (
            format_html('<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>', url, obj.origin)
            if url
            else obj.origin
        )

    @admin.action(description=_("Accept: write these facts"), permissions=["change"])
    def accept(self, request, queryset):

        done = 0
        for change in queryset.filter(status=ProposedChange.Status.PENDING):
            try:
                sources.apply(change, request.user)
                done += 1
            except (ValueError, ValidationError) as error:
                self.message_user(request, f"{change}: {error}", messages.ERROR)
        self.message_user(
            request,
            ngettext("%(count)d change accepted.", "%(count)d changes accepted.", done) % {"count": done},
            messages.SUCCESS,
        )

    @admin.action(description=_("Reject"), permissions=["change"])
    def reject(self, request, queryset):
        count = queryset.filter(status=ProposedChange.Status.PENDING).update(
            status=ProposedChange.Status.REJECTED, decided_by=request.user, decided_at=timezone.now()
        )
        self.message_user(
            request,
            ngettext("%(count)d change rejected.", "%(count)d changes rejected.", count) % {"count": count},
            messages.SUCCESS,
        )
