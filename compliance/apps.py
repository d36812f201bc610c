from django.apps import AppConfig, apps
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "compliance"
    verbose_name = _("Warrants and compliance")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, conf, roles, schedules, signals, tasks  # noqa: F401 - checks and tasks register themselves
        from .models import Finding

        post_migrate.connect(roles.ensure_roles, sender=self)
        if "django_celery_beat" in settings.INSTALLED_APPS:
            post_migrate.connect(schedules.install, sender=self)
        from .api import caching

        for name in [*signals.FACT_REFS, "Source", "Court", "Office", "Citation"]:
            model = self.get_model(name)
            if name in signals.FACT_REFS:
                post_save.connect(signals.fact_changed, sender=model, dispatch_uid=f"fact-saved-{name}")
                post_delete.connect(signals.fact_changed, sender=model, dispatch_uid=f"fact-deleted-{name}")
            post_save.connect(caching.bump, sender=model, dispatch_uid=f"feed-version-{name}")
            post_delete.connect(caching.bump, sender=model, dispatch_uid=f"feed-unversion-{name}")
        for name in ("Court", "Citation", "Source"):
            for signal in (post_save, post_delete):
                signal.connect(signals.feed_input_changed, sender=self.get_model(name),
                               dispatch_uid=f"feed-input-{name}-{id(signal)}")
        for name in ("PersonAlias", "StateAlias"):
            model = self.get_model(name)
            post_save.connect(signals.touch_owner, sender=model, dispatch_uid=f"touch-{name}")
            post_delete.connect(signals.touch_owner, sender=model, dispatch_uid=f"untouch-{name}")
        m2m_changed.connect(signals.finding_visits_changed, sender=Finding.visits.through,
                            dispatch_uid="finding-visits")
        m2m_changed.connect(caching.bump, sender=Finding.visits.through, dispatch_uid="feed-version-finding-visits")
        article = conf.get("ARTICLE_MODEL")
        if article:
            post_save.connect(signals.article_saved, sender=apps.get_model(article),
                              dispatch_uid="compliance-analyse-article")
