import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = os.environ.get("SECRET_KEY", "hostsite-tests-only-" + "x" * 40)
DEBUG = os.environ.get("DEBUG", "1") == "1"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1", "news.example.org"]

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
    "hostsite",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
ROOT_URLCONF = "hostsite.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
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
STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("STATIC_ROOT", str(BASE_DIR / "static-collected"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    },
}
# One process in these tests; a production host shares a cache between processes (compliance.W001).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SILENCED_SYSTEM_CHECKS = ["compliance.W001"]
CELERY_TASK_ALWAYS_EAGER = True  # no broker in this host: background work runs in-process
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Note: no REST_FRAMEWORK settings at all; the feed declares its own keys and limits.

COMPLIANCE_ARTICLE_MODEL = "hostsite.Story"
COMPLIANCE_ARTICLE_FIELDS = {
    "headline": "title",
    "standfirst": "dek",
    "body": "text",
    "language": "lang",
    "published_at": "released",
}
COMPLIANCE_ARTICLE_ADAPTER = "hostsite.adapters.StoryAdapter"
COMPLIANCE_BASE_TEMPLATE = "hostsite/base.html"
