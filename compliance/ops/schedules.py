"""Default periodic schedules, kept in the database (django-celery-beat) where editors can change
them. Installed after migrate; never overwrites a schedule an editor changed."""

import json

DEFAULTS = [
    # name, task, every (minutes)
    ("Refresh statuses as dates pass", "compliance.tasks.refresh_dates", 60),
    ("Dispatch pending work (outbox)", "compliance.tasks.dispatch_outbox", 1),
    ("Sync the depositary's status table", "compliance.tasks.sync_untc", 24 * 60),
    ("Sync the Court's list of defendants", "compliance.tasks.sync_icc_defendants", 24 * 60),
]


def install(sender=None, **kwargs):
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    for name, task, minutes in DEFAULTS:
        if PeriodicTask.objects.filter(name=name).exists():
            continue
        interval, _ = IntervalSchedule.objects.get_or_create(every=minutes, period=IntervalSchedule.MINUTES)
        PeriodicTask.objects.create(name=name, task=task, interval=interval, args=json.dumps([]))
