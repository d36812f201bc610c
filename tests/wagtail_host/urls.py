from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("compliance.feed.api.urls")),
    path("", include("compliance.reader.urls")),
]

if settings.WAGTAIL:
    from wagtail import urls as wagtail_urls
    from wagtail.admin import urls as wagtailadmin_urls

    urlpatterns = [path("cms/", include(wagtailadmin_urls)), *urlpatterns, path("", include(wagtail_urls))]
