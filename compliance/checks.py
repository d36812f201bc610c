"""System checks: one per requirement of the host, each with an id and a hint that names the fix.

compliance.E001  COMPLIANCE_ARTICLE_MODEL is set and names an installed model
compliance.E002  COMPLIANCE_ARTICLE_FIELDS maps every part, to attributes the model has
compliance.E003  COMPLIANCE_ARTICLE_ADAPTER can be imported and is an ArticleAdapter
compliance.E004  the apps the app needs are installed
compliance.E005  COMPLIANCE_BASE_TEMPLATE exists
compliance.W001  with DEBUG off, the default cache is shared by every process
compliance.W002  a Celery app is configured (otherwise background work runs in the web process)
"""

from django.apps import apps
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.module_loading import import_string

from . import conf

REQUIRED_APPS = {
    "django.contrib.contenttypes": "generic relations to the host's articles and to cited facts",
    "django.contrib.auth": "permissions and who verified a fact",
    "django.contrib.admin": "the editors' desk",
    "django.contrib.staticfiles": "the boxes' stylesheet",
    "simple_history": "the history of every fact",
    "import_export": "CSV and spreadsheet import of facts",
    "rest_framework": "the partner feed",
    "django_filters": "the partner feed's filters",
    "drf_spectacular": "the partner feed's OpenAPI schema and docs",
}

PER_PROCESS_CACHES = ("django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.dummy.DummyCache")


@checks.register()
def article_model_check(app_configs, **kwargs):
    try:
        conf.article_model()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), hint="e.g. COMPLIANCE_ARTICLE_MODEL = 'news.Article'", id="compliance.E001")]
    return []


@checks.register()
def article_fields_check(app_configs, **kwargs):
    model = conf.article_model(required=False)
    try:
        fields = conf.article_fields()
    except ImproperlyConfigured as error:
        return [
            checks.Error(
                str(error), hint="See 'Installing the app into your own CMS' in the README.", id="compliance.E002"
            )
        ]
    if model is None:
        return []
    names = {f.name for f in model._meta.get_fields()}
    missing = sorted(attr for attr in fields.values() if attr not in names and not hasattr(model, attr))
    if missing:
        return [
            checks.Error(
                f"{model._meta.label} has no attribute(s) {', '.join(missing)}.",
                hint="Map each part to one of its attributes with COMPLIANCE_ARTICLE_FIELDS.",
                id="compliance.E002",
            )
        ]
    return []


@checks.register()
def article_adapter_check(app_configs, **kwargs):
    from .editorial.host import ArticleAdapter

    path = conf.get("ARTICLE_ADAPTER")
    try:
        cls = import_string(path)
    except ImportError:
        return [
            checks.Error(
                f"COMPLIANCE_ARTICLE_ADAPTER = {path!r} cannot be imported.",
                hint="Name a subclass of compliance.editorial.host.ArticleAdapter.",
                id="compliance.E003",
            )
        ]
    if not (isinstance(cls, type) and issubclass(cls, ArticleAdapter)):
        return [
            checks.Error(
                f"COMPLIANCE_ARTICLE_ADAPTER = {path!r} is not an ArticleAdapter.",
                hint="Subclass compliance.editorial.host.ArticleAdapter.",
                id="compliance.E003",
            )
        ]
    return []


@checks.register()
def installed_apps_check(app_configs, **kwargs):
    return [
        checks.Error(
            f"{app!r} is not in INSTALLED_APPS; the compliance app needs it for {why}.",
            hint=f"Add {app!r} to INSTALLED_APPS.",
            id="compliance.E004",
        )
        for app, why in REQUIRED_APPS.items()
        if not apps.is_installed(app)
    ]


@checks.register(checks.Tags.templates)
def base_template_check(app_configs, **kwargs):
    name = conf.get("BASE_TEMPLATE")
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return [
            checks.Error(
                f"COMPLIANCE_BASE_TEMPLATE = {name!r} does not exist.",
                hint="Name your site's base template; it must have a 'content' block.",
                id="compliance.E005",
            )
        ]
    return []


@checks.register(checks.Tags.caches)
def shared_cache_check(app_configs, **kwargs):
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if not settings.DEBUG and backend in PER_PROCESS_CACHES:
        return [
            checks.Warning(
                f"The default cache ({backend.rsplit('.', 1)[-1]}) lives in each process: rate limits are counted per "
                "process, and cached responses and maps are not shared.",
                hint="Use a cache every process shares, e.g. django.core.cache.backends.redis.RedisCache.",
                id="compliance.W001",
            )
        ]
    return []


@checks.register()
def celery_app_check(app_configs, **kwargs):
    import celery

    app = celery.current_app
    app = getattr(app, "_get_current_object", lambda: app)()
    if getattr(app, "main", None) is None and not app.conf.broker_url and not app.conf.task_always_eager:
        return [
            checks.Warning(
                "No Celery app is configured: articles are analysed and boxes refreshed only as the outbox runs in-process.",
                hint="Create a Celery app in your project (see the README) with a broker, or set "
                "CELERY_TASK_ALWAYS_EAGER = True to run tasks in the web process on purpose.",
                id="compliance.W002",
            )
        ]
    return []
