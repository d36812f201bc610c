"""Context boxes in Wagtail (`pip install 'django-icc-compliance[wagtail]'`).

- Add "compliance.contrib.wagtail" to INSTALLED_APPS (after "compliance" and Wagtail's apps).
- Put `compliance.contrib.wagtail.blocks.ContextBoxBlock()` in a page's StreamField: editors place a
  box for a visit, a person or a state (chosen with a chooser), or the page's own approved boxes; it
  renders with the readers' template, compliance/box.html.
- Point the app at the page model: COMPLIANCE_ARTICLE_MODEL = "news.NewsPage",
  COMPLIANCE_ARTICLE_ADAPTER = "compliance.contrib.wagtail.adapter.PageAdapter", and
  COMPLIANCE_ARTICLE_FIELDS = {"headline": "title", "standfirst": "search_description", "body": "body",
  "language": "locale", "published_at": "first_published_at"} (name your own fields). Publishing a
  page queues its analysis: the detector's suggestions reach the review queue, and a page is public
  only while Wagtail serves it (live, its go-live time passed, not expired). Boxes are in the page's
  locale's language (Wagtail's locales, which wagtail-localize manages when installed).
"""
