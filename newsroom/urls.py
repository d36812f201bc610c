from django.contrib import admin
from django.urls import include, path

from newsroom import views

app_name = "newsroom"

article_patterns = [
    path("", views.ArticleListView.as_view(), name="articles"),
    path("articles/<str:slug>/", views.ArticleDetailView.as_view(), name="article"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("compliance.feed.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("compliance.reader.urls")),
    path("", include((article_patterns, "newsroom"))),
]

handler404 = "newsroom.views.not_found"
