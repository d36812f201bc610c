"""The two editorial roles, as groups. Created (and kept in step) after every migrate."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

EDITORS = "Editors"
FACT_CHECKERS = "Fact-checkers"

EDITED_MODELS = (
    "source", "citation", "court", "person", "personalias", "office", "warrant", "charge", "warrantstatus",
    "state", "statealias", "treatyevent", "securitycouncilobligation", "visit", "finding",
    "contextbox", "claimflag", "proposedchange",
)


def role_permissions():
    from django.contrib.auth.models import Permission

    compliance = Permission.objects.filter(content_type__app_label="compliance")
    editors = compliance.filter(content_type__model__in=EDITED_MODELS).exclude(codename="verify_fact")
    viewers = compliance.filter(codename__startswith="view_")
    return {
        EDITORS: list(editors) + list(Permission.objects.filter(content_type__app_label="newsroom")),
        FACT_CHECKERS: list(viewers) + list(compliance.filter(codename="verify_fact")),
    }


def ensure_roles(sender=None, apps=global_apps, using="default", **kwargs):
    from django.contrib.auth.models import Group

    for config in global_apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using)
    for name, permissions in role_permissions().items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.add(*permissions)
