import re

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def normalise_newlines(text: str) -> str:
    """Text as typed: browsers send "\r\n" (and old Macs "\r"); store and split on "\n" only."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if text else text


BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    headline = models.CharField(
        _("headline"), max_length=300, help_text=_("The article's title, as readers see it at the top of the page.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        allow_unicode=True,
        help_text=_(
            "The last part of the article's address; made from the headline. Changing "
            "it after publication breaks links to the article."
        ),
    )
    standfirst = models.TextField(
        _("standfirst"), blank=True, help_text=_("One or two sentences under the headline that sum up the story.")
    )
    body = models.TextField(_("body"), help_text=_("The story. Leave an empty line between paragraphs."))
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=[("en", "English"), ("uk", "Українська"), ("ru", "Русский")],
        default="en",
        help_text=_("The language the article is written in; its boxes follow it."),
    )
    byline = models.CharField(_("byline"), max_length=200, blank=True, help_text=_("Who wrote it."))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_(
            "A draft is seen only by editors, at its address. Published: readers see it "
            "from its publication time; not while a claim flag is open."
        ),
    )
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("When readers may see it (needed to publish). The boxes' facts are as of this date."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="article_published_has_date",
                violation_error_message=_("A published article needs its publication date and time."),
            )
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        for name in ("headline", "standfirst", "body", "byline"):
            setattr(self, name, normalise_newlines(getattr(self, name)))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("newsroom:article", kwargs={"slug": self.slug})

    def paragraphs(self) -> list[str]:
        """The body's paragraphs: separated by an empty line, however the line endings were typed."""
        body = normalise_newlines(self.body or "")
        return [p.strip() for p in BLANK_LINE.split(body) if p.strip()] or [body]
