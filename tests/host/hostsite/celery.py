"""The host's Celery app, as any Django project has one (compliance only defines @shared_task)."""

from celery import Celery

app = Celery("hostsite")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
