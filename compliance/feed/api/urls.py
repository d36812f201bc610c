from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.routers import DefaultRouter

from . import changes, download, embed, views

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
    path("changes.atom", changes.AtomChanges(), name="changes-atom"),
    path("changes.json", changes.json_feed, name="changes-json"),
    path("download/", download.index, name="download"),
    path("download/<str:name>", download.file, name="download-file"),
    path("embed/box/", embed.box_page, name="embed-box"),
    path("oembed/", embed.oembed, name="oembed"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularRedocView.as_view(url_name="compliance-api:schema"), name="docs"),
    path("", include(router.urls)),
]
