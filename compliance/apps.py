from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "compliance"
    verbose_name = _("Warrants and compliance")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, tasks, wiring  # noqa: F401 - the checks and the tasks register themselves

        wiring.register(self)
