from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceWagtailConfig(AppConfig):
    name = "compliance.contrib.wagtail"
    label = "compliance_wagtail"
    verbose_name = _("Context boxes in Wagtail")
