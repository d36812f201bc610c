"""Public pages for readers. Include with a namespace: path("", include("compliance.reader.urls"))."""

from django.urls import path

from . import views

app_name = "compliance"

urlpatterns = [
    path("people/", views.people, name="people"),
    path("people/<int:pk>/", views.person, name="person"),
    path("people/<int:pk>/map/", views.map_page, name="map"),
    path("people/<int:pk>/map.svg", views.map_svg, name="map-svg"),
    path("people/<int:pk>/map/embed/", views.map_embed, name="map-embed"),
    path("states/", views.states, name="states"),
    path("states/<str:iso3>/", views.state, name="state"),
]
