"""The two editorial roles, as groups. Created (and kept in step) after every migrate.

The permission matrix (tests/test_permissions.py checks every cell through the admin):

| action                         | anonymous | staff, no group | Fact-checker | Editor | superuser |
|--------------------------------|-----------|-----------------|--------------|--------|-----------|
| view facts, boxes, claims      | login     | no              | yes          | yes    | yes       |
| add, change, delete facts      | login     | no              | no           | yes    | yes       |
| import facts (CSV/XLSX)        | login     | no              | no           | yes    | yes       |
| export facts                   | login     | no              | yes          | yes    | yes       |
| mark facts verified            | login     | no              | yes          | no     | yes       |
| approve, pin, reject boxes     | login     | no              | no           | yes    | yes       |
| override an open claim flag    | login     | no              | no           | no     | yes       |
| API keys, webhooks, deliveries | login     | no              | no           | no     | yes       |

Signing secrets and API keys are shown once, to whoever creates them, and never again to anyone.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

EDITORS = "Editors"
FACT_CHECKERS = "Fact-checkers"

EDITED_MODELS = (
    "source",
    "citation",
    "court",
    "person",
    "personalias",
    "office",
    "warrant",
    "charge",
    "warrantstatus",
    "state",
    "statealias",
    "treatyevent",
    "securitycouncilobligation",
    "visit",
    "finding",
    "contextbox",
    "claimflag",
    "proposedchange",
)
# Partners' credentials and where the app sends data: managed by superusers (or whoever they grant).
KEY_MODELS = ("apikey", "webhooksubscription", "webhookdelivery")
IMPORT = "import_fact"  # on Citation's content type, like verify_fact: one permission for every fact
VERIFY = "verify_fact"
# Publishing over an open error flag: a named permission, granted to people, not to the Editors role.
OVERRIDE = "override_claimflag"


def role_permissions():
    from django.contrib.auth.models import Permission

    compliance = Permission.objects.filter(content_type__app_label="compliance")
    editors = compliance.filter(content_type__model__in=EDITED_MODELS).exclude(codename__in=(VERIFY, OVERRIDE))
    viewers = compliance.filter(codename__startswith="view_").exclude(content_type__model__in=KEY_MODELS)
    from .. import conf

    article = conf.article_model(required=False)  # editors also write the host's articles
    host = (
        Permission.objects.filter(
            content_type__app_label=article._meta.app_label, content_type__model=article._meta.model_name
        )
        if article
        else []
    )
    return {
        EDITORS: list(editors) + list(viewers) + list(host),
        FACT_CHECKERS: list(viewers) + list(compliance.filter(codename=VERIFY)),
    }


def ensure_roles(sender=None, apps=global_apps, using="default", **kwargs):
    from django.contrib.auth.models import Group

    for config in global_apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using)
    for name, permissions in role_permissions().items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(permissions)  # in step: a permission a role no longer has is taken away
