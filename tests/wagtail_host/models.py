from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from compliance.contrib.wagtail.blocks import ContextBoxBlock


class NewsPage(Page):
    standfirst = models.TextField(blank=True)
    body = StreamField([("paragraph", blocks.RichTextBlock()), ("context_box", ContextBoxBlock())], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("standfirst"), FieldPanel("body")]
    template = "wagtail_host/news_page.html"
