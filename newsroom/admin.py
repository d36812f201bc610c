from django.contrib import admin

from compliance.admin import AnalysisFilter, ArticleBoxesAdminMixin
from newsroom.models import Article


@admin.register(Article)
class ArticleAdmin(ArticleBoxesAdminMixin, admin.ModelAdmin):
    list_display = ["headline", "language", "status", "published_at", "byline", "analysis_state"]
    list_filter = ["status", "language", AnalysisFilter]
    search_fields = ["headline", "standfirst", "body", "byline"]
    prepopulated_fields = {"slug": ["headline"]}
    date_hierarchy = "published_at"

    def is_being_published(self, article) -> bool:
        return article.status == Article.Status.PUBLISHED
