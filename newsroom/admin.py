from django.contrib import admin

from compliance.admin import ArticleBoxesAdminMixin
from newsroom.models import Article


@admin.register(Article)
class ArticleAdmin(ArticleBoxesAdminMixin, admin.ModelAdmin):
    list_display = ["headline", "language", "status", "published_at", "byline"]
    list_filter = ["status", "language"]
    search_fields = ["headline", "standfirst", "body", "byline"]
    prepopulated_fields = {"slug": ["headline"]}
    date_hierarchy = "published_at"
