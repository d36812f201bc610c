from django.views.generic import DetailView, ListView

from .models import Article


class ArticleListView(ListView):
    queryset = Article.objects.published()
    paginate_by = 20
    template_name = "newsroom/article_list.html"


class ArticleDetailView(DetailView):
    queryset = Article.objects.published()
    template_name = "newsroom/article_detail.html"
