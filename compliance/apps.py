from django.apps import AppConfig, apps
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "compliance"
    verbose_name = _("Warrants and compliance")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import conf, roles, signals
        from .models import PersonAlias, StateAlias

        post_migrate.connect(roles.ensure_roles, sender=self)
        for alias in (PersonAlias, StateAlias):
            post_save.connect(signals.touch_owner, sender=alias, dispatch_uid=f"touch-{alias.__name__}")
            post_delete.connect(signals.touch_owner, sender=alias, dispatch_uid=f"untouch-{alias.__name__}")
        article = conf.get("ARTICLE_MODEL")
        if article:
            post_save.connect(signals.schedule_analysis, sender=apps.get_model(article),
                              dispatch_uid="compliance-analyse-article")
