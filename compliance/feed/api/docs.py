"""The API's documentation page, served whole from this site: ReDoc's script from the installed
drf-spectacular-sidecar package (add "drf_spectacular_sidecar" to INSTALLED_APPS), no web fonts, no CDN,
so the docs work offline and make no request to another host."""

from django.templatetags.static import static
from drf_spectacular.views import SpectacularRedocView


class RedocView(SpectacularRedocView):
    template_name = "compliance/api_docs.html"

    @staticmethod
    def _redoc_standalone():
        return static("drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js")
