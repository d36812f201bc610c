from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from ...ops.limits import limited
from . import changes, docs, download, embed, views

app_name = "compliance-api"

router = DefaultRouter()
router.register("persons", views.PersonViewSet, basename="person")
router.register("warrants", views.WarrantViewSet, basename="warrant")
router.register("states", views.StateViewSet, basename="state")
router.register("visits", views.VisitViewSet, basename="visit")
router.register("findings", views.FindingViewSet, basename="finding")
router.register("sources", views.SourceViewSet, basename="source")

urlpatterns = [
    path("obligations/", views.ObligationView.as_view(), name="obligations"),
    path("boxes/", views.BoxView.as_view(), name="boxes"),
    path("changes/", changes.ChangesView.as_view(), name="changes"),
    path("changes.atom", limited("feed")(changes.AtomChanges()), name="changes-atom"),
    path("changes.json", limited("feed", json=True)(changes.json_feed), name="changes-json"),
    path("download/", download.index, name="download"),
    path("download/<str:name>", download.file, name="download-file"),
    path("embed/box/", embed.box_page, name="embed-box"),
    path("oembed/", embed.oembed, name="oembed"),
    path("", include("compliance.feed.api.match")),  # match/ and reconcile/ for partners' own lists
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.RedocView.as_view(url_name="compliance-api:schema"), name="docs"),
    path("", include(router.urls)),
]
