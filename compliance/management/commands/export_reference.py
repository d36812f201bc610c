from pathlib import Path

from django.core.management.base import BaseCommand

from ...facts import dataset


class Command(BaseCommand):
    help = "Write the whole dataset to DIRECTORY in the format load_reference reads (see reference/FORMAT.md)."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, directory, **options):
        for path in dataset.write(dataset.export(), directory):
            self.stdout.write(str(path))
