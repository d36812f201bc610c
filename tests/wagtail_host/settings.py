import importlib.util
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = os.environ.get("SECRET_KEY", "wagtail-host-tests-only-" + "x" * 40)
DEBUG = True
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Without Wagtail (the extra not installed) the site still starts, and its tests skip.
WAGTAIL = importlib.util.find_spec("wagtail") is not None

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "import_export",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "compliance",
] + (
    [
        "wagtail.sites",
        "wagtail.users",
        "wagtail.documents",
        "wagtail.images",
        "wagtail.search",
        "wagtail.admin",
        "wagtail",
        "modelcluster",
        "taggit",
        "compliance.contrib.wagtail",
        "wagtail_host",
    ]
    if WAGTAIL
    else []
)
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "wagtail_host.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("HOST_DB", str(BASE_DIR / "host.sqlite3")),
    }
}
USE_TZ = True
TIME_ZONE = "UTC"
USE_I18N = True
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("uk", "Українська")]
STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("STATIC_ROOT", str(BASE_DIR / "static-collected"))
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media"))
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SILENCED_SYSTEM_CHECKS = ["compliance.W001"]  # one process in these tests
CELERY_TASK_ALWAYS_EAGER = True  # no broker here: background work runs in-process
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

WAGTAIL_SITE_NAME = "Wagtail host"
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

if WAGTAIL:
    COMPLIANCE_ARTICLE_MODEL = "wagtail_host.NewsPage"
    COMPLIANCE_ARTICLE_ADAPTER = "compliance.contrib.wagtail.adapter.PageAdapter"
    COMPLIANCE_ARTICLE_FIELDS = {
        "headline": "title",
        "standfirst": "standfirst",
        "body": "body",
        "language": "locale",
        "published_at": "first_published_at",
    }
COMPLIANCE_BASE_TEMPLATE = "wagtail_host/base.html"


class _NoMigrations(dict):
    def __contains__(self, app_label):
        return True

    def __getitem__(self, app_label):
        return None


# Tables are created from the models, as `pytest --nomigrations` does, so this test host's page model
# needs no migration file of its own; its tests make Wagtail's root page, site and locales themselves.
MIGRATION_MODULES = _NoMigrations()
