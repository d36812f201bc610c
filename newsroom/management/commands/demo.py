import os
import secrets
import subprocess
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand

from compliance.ops import roles

EDITOR = "editor"


class Command(BaseCommand):
    help = (
        "Set up the demo site (compile the translations, migrate, load the reference data and demo articles, create an editor account "
        "and print its credentials), then serve it. With REDIS_URL set, also start a Celery worker and beat."
    )

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-serve", action="store_true", help="Set up only.")

    def handle(self, addrport, no_serve, **options):
        call_command("compile_catalogues")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_reference")
        call_command("load_demo")
        password = self.editor_password()
        self.stdout.write(
            self.style.SUCCESS(
                f"Editor account: username {EDITOR!r}, password {password!r} (admin: http://{addrport}/admin/)"
            )
        )
        if no_serve:
            return
        workers = []
        if os.environ.get("REDIS_URL"):
            base = [sys.executable, "-m", "celery", "-A", "newsroom"]
            workers = [
                subprocess.Popen(base + ["worker", "-l", "info"]),
                subprocess.Popen(base + ["beat", "-l", "info"]),
            ]
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            for process in workers:
                process.terminate()

    def editor_password(self) -> str:
        User = get_user_model()
        password = secrets.token_urlsafe(12)
        user, _ = User.objects.get_or_create(username=EDITOR, defaults={"is_staff": True})
        user.is_staff = True
        user.set_password(password)
        user.save()
        user.groups.add(*Group.objects.filter(name__in=[roles.EDITORS, roles.FACT_CHECKERS]))
        return password
