"""The newsroom's admin site: Django's, with the compliance app's desk (what waits for an editor, on
the index) and its plumbing models grouped apart from the newsroom's work."""

from django.contrib import admin

from compliance.editorial.desk import DeskAdminSiteMixin


class NewsroomAdminSite(DeskAdminSiteMixin, admin.AdminSite):
    pass
