from compliance.editorial.host import ArticleAdapter


class StoryAdapter(ArticleAdapter):
    """A story is public once released, unless it is under embargo."""

    def is_public(self, article, now):
        return not article.embargoed and super().is_public(article, now)

    def public(self, queryset, now):
        return super().public(queryset.filter(embargoed=False), now)
