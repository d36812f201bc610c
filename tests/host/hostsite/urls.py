from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("stories/<int:pk>/", views.story, name="story"),
    path("api/v1/", include("compliance.feed.api.urls")),
    path("", include("compliance.reader.urls")),
]
