import shutil
import subprocess
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def catalogues() -> list[Path]:
    """Every .po of the project's own apps and LOCALE_PATHS (not of installed packages)."""
    base = Path(settings.BASE_DIR).resolve()
    dirs = [Path(p) for p in settings.LOCALE_PATHS]
    dirs += [
        Path(app.path) / "locale"
        for app in apps.get_app_configs()
        if Path(app.path).resolve().is_relative_to(base) and "site-packages" not in Path(app.path).parts
    ]
    return sorted({po.resolve() for d in dirs if d.is_dir() for po in d.glob("*/LC_MESSAGES/*.po")})


class Command(BaseCommand):
    help = "Compile the project's gettext catalogues (.po -> .mo) with msgfmt, checking their format strings."

    def handle(self, **options):
        msgfmt = shutil.which("msgfmt")
        found = catalogues()
        if msgfmt is None:
            self.stderr.write(
                "msgfmt (GNU gettext) is not installed: using the compiled catalogues in the "
                "repository. Install gettext to compile them from the .po files."
            )
            return
        for po in found:
            result = subprocess.run(
                [msgfmt, "--check-format", "-o", str(po.with_suffix(".mo")), str(po)], capture_output=True, text=True
            )
            if result.returncode:
                raise CommandError(f"{po}: {result.stderr.strip()}")
        if options["verbosity"] > 1:
            self.stdout.write(f"Compiled {len(found)} catalogue(s).")
