"""Wagtail pages as the app's articles.

What the detector reads is what readers see: a live page's published content. A page that has never
been published is read from its latest revision (its draft), so editors get suggestions before they
publish; a live page's unpublished changes are read when they are published (publishing saves the
page, which queues its analysis again). A page is public while Wagtail serves it: live, its go-live
time passed, and not expired."""

import re
from html import unescape

from django.conf import settings
from django.db.models import Q
from django.utils.html import strip_tags

from ...editorial.host import ArticleAdapter

BLOCK_END = re.compile(r"(</(p|h\d|li|blockquote|pre)>|<br\s*/?>|<hr\s*/?>)", re.IGNORECASE)


def rich_text_to_plain(html: str) -> str:
    """Rich text as plain text, a blank line between paragraphs (the detector's paragraphs)."""
    text = unescape(strip_tags(BLOCK_END.sub(lambda m: m.group(0) + "\n\n", html)))
    return "\n\n".join(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())


def stream_to_plain(value) -> str:
    """A StreamField's text, block by block; context boxes placed in it are not part of the text."""
    from wagtail.blocks import RichTextBlock

    from .blocks import ContextBoxBlock

    parts = []
    for child in value:
        if isinstance(child.block, ContextBoxBlock):
            continue
        if isinstance(child.block, RichTextBlock):
            parts.append(rich_text_to_plain(child.value.source))
        else:
            parts.extend(str(text) for text in child.block.get_searchable_content(child.value))
    return "\n\n".join(p for p in parts if p and p.strip())


def language_of(page) -> str:
    """The page's locale's language ("en-gb" -> "en"); the site's language when it has none."""
    locale = getattr(page, "locale", None)
    code = getattr(locale, "language_code", "") or settings.LANGUAGE_CODE
    return code.split("-")[0].lower()


class PageAdapter(ArticleAdapter):
    def content(self, page):
        """The page as the detector reads it: its draft until first published, then what is live."""
        if not page.live and page.pk and page.latest_revision_id:
            return page.get_latest_revision_as_object()
        return page

    def field(self, article, name: str):
        if name == "language":
            return language_of(article)
        if name == "published_at":
            return article.first_published_at or article.go_live_at or None
        page = self.content(article)
        value = getattr(page, self.fields[name], "") or ""
        if hasattr(value, "raw_data") and hasattr(value, "stream_block"):  # a StreamField's value
            return stream_to_plain(value)
        if hasattr(value, "source"):  # a RichText value
            return rich_text_to_plain(value.source)
        if name == "body" and isinstance(value, str) and "<" in value:  # a RichTextField
            return rich_text_to_plain(value)
        return super().field(page, name)

    def is_public(self, article, now) -> bool:
        """Wagtail serves it to anyone: live, its go-live time passed, not expired, and not behind a
        password, a login or a group (a view restriction on it or on a page above it)."""
        if not article.live or getattr(article, "expired", False):
            return False
        if article.go_live_at and article.go_live_at > now:
            return False
        if article.expire_at and article.expire_at <= now:
            return False
        return not article.get_view_restrictions().exists()

    def public(self, queryset, now):
        return (
            queryset.live()
            .public()
            .filter(expired=False)
            .filter(Q(go_live_at__isnull=True) | Q(go_live_at__lte=now))
            .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
        )

    def url(self, article):
        return article.get_url() if article.live else None

    def find(self, ref: str):
        """A page by its id, or by the URL readers see it at."""
        ref = (ref or "").strip()
        manager = self.model._default_manager
        if ref.isascii() and ref.isdigit():
            return manager.filter(pk=int(ref)).first()
        from urllib.parse import urlsplit

        path = urlsplit(ref).path.rstrip("/")
        slug = path.rsplit("/", 1)[-1] if path else ""
        for page in manager.filter(slug=slug)[:5] if slug else ():
            if page.get_url() in (path + "/", path):
                return page
        return None
