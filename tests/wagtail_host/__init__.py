"""A Wagtail site as the compliance app's host: news pages with a StreamField body that may hold
context boxes. Its tests run with DJANGO_SETTINGS_MODULE=wagtail_host.settings PYTHONPATH=tests
(scripts/test.sh); without Wagtail installed they skip."""
