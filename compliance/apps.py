from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "compliance"
    verbose_name = _("Warrants and compliance")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import roles

        post_migrate.connect(roles.ensure_roles, sender=self)
