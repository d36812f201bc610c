from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    headline = models.CharField(_("headline"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=True)
    standfirst = models.TextField(_("standfirst"), blank=True)
    body = models.TextField(_("body"))
    language = models.CharField(_("language"), max_length=5,
                                choices=[("en", "English"), ("uk", "Українська"), ("ru", "Русский")], default="en")
    byline = models.CharField(_("byline"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
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

    def get_absolute_url(self):
        return reverse("newsroom:article", kwargs={"slug": self.slug})

    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.split("\n\n") if p.strip()] or [self.body]
