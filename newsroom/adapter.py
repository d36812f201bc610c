"""How the compliance app reads the newsroom's articles: public means published (not a draft) and its
publication time has come, as for the site's own pages, so no draft's box reaches the API or an embed."""

from compliance.editorial.host import ArticleAdapter


class NewsroomArticles(ArticleAdapter):
    def is_public(self, article, now) -> bool:
        return article.status == article.Status.PUBLISHED and super().is_public(article, now)

    def public(self, queryset, now):
        return super().public(queryset.filter(status="published"), now)
