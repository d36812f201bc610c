from django.views.generic import DetailView, ListView

from .models import Article


class ArticleListView(ListView):
    paginate_by = 20
    template_name = "newsroom/article_list.html"

    def get_queryset(self):
        return Article.objects.published()


class ArticleDetailView(DetailView):
    template_name = "newsroom/article_detail.html"

    def get_queryset(self):
        return Article.objects.published()
