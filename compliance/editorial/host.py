"""The host's articles, as the app sees them: read through an adapter, never by importing the host.

The default adapter reads the attributes named in COMPLIANCE_ARTICLE_FIELDS and calls an article
public when its `published_at` is set and not in the future. A host with another notion of
"public" (an embargo flag, a workflow state, Wagtail's `live`) subclasses it, overrides
`is_public` and `public`, and names the subclass in COMPLIANCE_ARTICLE_ADAPTER. Every surface that
readers or partners reach (pages, the API, embeds, oEmbed, feeds) asks the adapter."""

from datetime import date, datetime
from functools import cached_property
from urllib.parse import urlsplit

from django.core.exceptions import FieldDoesNotExist
from django.urls import NoReverseMatch
from django.utils import timezone


class ArticleAdapter:
    def __init__(self, model, fields: dict[str, str]):
        self.model = model
        self.fields = fields

    def field(self, article, name: str):
        """A part of the article (headline, standfirst, body, language, published_at); "" when empty.
        Line endings are normalised, whatever the browser sent."""
        value = getattr(article, self.fields[name], "") or ""
        if callable(value):
            value = value() or ""
        if isinstance(value, str):
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return value

    def published_at(self, article):
        return self.field(article, "published_at") or None

    def is_public(self, article, now: datetime) -> bool:
        """Whether readers and partners may see the article (and so its boxes) at `now`."""
        when = self.published_at(article)
        if not when:
            return False
        if isinstance(when, datetime):
            if timezone.is_naive(when) and timezone.is_aware(now):
                when = timezone.make_aware(when)
            return when <= now
        if isinstance(when, date):
            return when <= timezone.localdate(now)
        return False

    def public(self, queryset, now: datetime):
        """The public articles of `queryset`, as a queryset where the model allows it."""
        name = self.fields["published_at"]
        if self._is_db_field(name):
            return queryset.filter(**{f"{name}__isnull": False, f"{name}__lte": now})
        return queryset.filter(pk__in=[a.pk for a in queryset if self.is_public(a, now)])

    @cached_property
    def slug_field(self) -> str | None:
        return "slug" if self._is_db_field("slug") else None

    def _is_db_field(self, name: str) -> bool:
        try:
            self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        return True

    def find(self, ref: str):
        """An article by its id, or by the URL (or path) readers see it at; None when there is none."""
        ref = (ref or "").strip()
        manager = self.model._default_manager
        if ref.isascii() and ref.isdigit():
            return manager.filter(pk=int(ref)).first()
        path = urlsplit(ref).path.rstrip("/")
        if not path:
            return None
        slug = path.rsplit("/", 1)[-1]
        if self.slug_field and slug:
            for article in manager.filter(**{self.slug_field: slug})[:5]:
                if self.url(article) in (None, path + "/", path):
                    return article
        return None

    def url(self, article) -> str | None:
        try:
            return article.get_absolute_url()
        except (AttributeError, NoReverseMatch):
            return None
