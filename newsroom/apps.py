from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    default = True  # this module also holds the admin's
    name = "newsroom"
    verbose_name = _("Newsroom")


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """Django's admin, on the newsroom's site: the editors' desk on the index, the plumbing apart."""

    default = False
    default_site = "newsroom.sites.NewsroomAdminSite"
