from django.apps import apps
from django.core import checks

from . import conf


@checks.register()
def article_model_check(app_configs, **kwargs):
    label = conf.get("ARTICLE_MODEL")
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return [checks.Error(f"COMPLIANCE_ARTICLE_MODEL = {label!r} is not an installed model.",
                             hint="Set it to your article model, as 'app_label.ModelName'.", id="compliance.E001")]
    missing = [f for f in conf.get("ARTICLE_FIELDS").values() if not hasattr(model, f)
               and f not in {field.name for field in model._meta.get_fields()}]
    if missing:
        return [checks.Error(f"{label} has no field(s) {', '.join(missing)}.",
                             hint="Map them with COMPLIANCE_ARTICLE_FIELDS.", id="compliance.E002")]
    return []
