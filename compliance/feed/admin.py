from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..ops.admin import ReadOnlyAdmin
from .models import ApiKey, WebhookDelivery, WebhookSubscription


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
        self.message_user(
            request,
            format_html(
                _("Key for {}: <code>{}</code>. Copy it now: it is not stored and cannot be shown again."),
                key.name,
                raw,
            ),
            messages.WARNING,
        )


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
    """The signing secret is shown once, to whoever creates the subscription, in the message after
    saving; it is never displayed again, to anyone."""

    list_display = ["__str__", "active", "created_at"]
    list_filter = ["active"]
    autocomplete_fields = ["persons", "states"]
    readonly_fields = ["created_at"]
    fields = ["api_key", "url", "persons", "states", "active", "created_at"]
    inlines = [WebhookDeliveryInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            self.message_user(
                request,
                format_html(
                    _("Signing secret for {}: <code>{}</code>. Give it to the partner now: it is not shown again."),
                    obj.url,
                    obj.secret,
                ),
                messages.WARNING,
            )


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "status", "attempts", "response_code", "created_at", "delivered_at"]
    list_filter = ["status"]
