from django.core.management.base import BaseCommand
from django.utils import timezone

from ...editorial import articles
from ...editorial.models import Detection


class Command(BaseCommand):
    help = (
        "Run detection over every stored article (the whole archive) and store boxes and claims. "
        "Resumable: articles whose text and date have not changed since their last run are skipped "
        "(use --all to redo them)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Redo articles already analysed.")
        parser.add_argument("--batch", type=int, default=200)

    def handle(self, all, batch, **options):
        model = articles.article_model()
        today = timezone.localdate()
        done = (
            {}
            if all
            else {
                d.object_id: d.content_digest
                for d in Detection.objects.filter(
                    content_type__app_label=model._meta.app_label, content_type__model=model._meta.model_name
                )
            }
        )
        queryset = model._default_manager.order_by("pk")
        total = queryset.count()
        created = changed = skipped = 0
        for index, article in enumerate(queryset.iterator(chunk_size=batch), start=1):
            text = articles.parts(article)
            digest = articles.content_digest(
                *text.values(), articles.field(article, "language") or "en", articles.article_date(article, today)
            )
            if done.get(article.pk) == digest:
                skipped += 1
            else:
                result = articles.refresh(article, today)
                created += result.created
                changed += result.changed
            self._progress(index, total)
        self.stdout.write(
            f"\n{total} articles: {created} boxes created, {changed} changed, "
            f"{skipped} articles unchanged since their last run."
        )

    def _progress(self, index, total):
        width = 30
        filled = width * index // max(total, 1)
        self.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {index}/{total}", ending="")
        self.stdout.flush()
