from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from ...facts import dataset
from ...feed import stored


class Command(BaseCommand):
    help = (
        "Load the sourced reference dataset shipped with the app (or another folder in the same format). "
        "Idempotent; never overwrites a record an editor changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", type=Path, default=dataset.REFERENCE_DIR)
        parser.add_argument("--dry-run", action="store_true", help="Report what would change; change nothing.")

    def handle(self, directory, dry_run, **options):
        try:
            report = dataset.load(dataset.read(directory), dry_run=dry_run)
        except dataset.DatasetError as error:
            raise CommandError(str(error)) from error
        lines = report.lines("would " if dry_run else "")
        verbose = options["verbosity"] > 1 or dry_run
        for line in lines if verbose else lines[-1:]:
            self.stdout.write(line)
        if not dry_run:  # rows loaded in bulk bypass the signals that keep the feed's stored visits
            if report.changed:
                stored.forget(Q())
            today = timezone.localdate()
            stored.store(stored.stale(today), today)
