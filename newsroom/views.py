from django.http import JsonResponse
from django.utils.cache import patch_vary_headers
from django.utils.decorators import method_decorator
from django.views.defaults import page_not_found
from django.views.generic import DetailView, ListView

from compliance.ops.limits import limited
from newsroom.models import Article


@method_decorator(limited("page"), name="dispatch")
class ArticleListView(ListView):
    paginate_by = 20
    template_name = "newsroom/article_list.html"

    def get_queryset(self):
        return Article.objects.published()


@method_decorator(limited("page"), name="dispatch")
class ArticleDetailView(DetailView):
    """An article readers may see; a draft (or a scheduled article) only for editors who may change it,
    at the same address, as readers will see it once published. Anonymous readers get a 404."""

    template_name = "newsroom/article_detail.html"

    def is_editor(self) -> bool:
        user = self.request.user
        return user.is_authenticated and user.is_staff and user.has_perm("newsroom.change_article")

    def get_queryset(self):
        return Article.objects.all() if self.is_editor() else Article.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = not Article.objects.published().filter(pk=self.object.pk).exists()
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context["is_preview"]:
            response["Cache-Control"] = "private, no-store"
            response["X-Robots-Tag"] = "noindex"
        if self.is_editor():
            response["X-Frame-Options"] = "SAMEORIGIN"  # the admin's preview frame shows it
            patch_vary_headers(response, ["Cookie"])
        return response


def not_found(request, exception=None):
    """JSON for the partner feed, the site's page for readers."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return page_not_found(request, exception)
