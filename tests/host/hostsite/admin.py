from django.contrib import admin

from compliance.admin import ArticleBoxesAdminMixin

from .models import Story


@admin.register(Story)
class StoryAdmin(ArticleBoxesAdminMixin, admin.ModelAdmin):
    list_display = ["title", "released", "embargoed"]
