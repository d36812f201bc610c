from django.http import JsonResponse
from django.views.defaults import page_not_found
from django.views.generic import DetailView, ListView

from newsroom.models import Article


class ArticleListView(ListView):
    paginate_by = 20
    template_name = "newsroom/article_list.html"

    def get_queryset(self):
        return Article.objects.published()


class ArticleDetailView(DetailView):
    template_name = "newsroom/article_detail.html"

    def get_queryset(self):
        return Article.objects.published()


def not_found(request, exception=None):
    """JSON for the partner feed, the site's page for readers."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return page_not_found(request, exception)
