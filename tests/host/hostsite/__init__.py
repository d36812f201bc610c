"""A minimal host for the compliance app: not the demo newsroom. Its stories have no slug, call their
parts by other names, and are public when released and not embargoed. The wheel test installs the
built package beside a copy of this folder; tests/host runs part of the suite against it."""

from .celery import app as celery_app

__all__ = ["celery_app"]
