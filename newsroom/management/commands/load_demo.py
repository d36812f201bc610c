import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from compliance.editorial import articles
from compliance.models import ContextBox
from newsroom.models import Article

DEMO = Path(__file__).resolve().parents[2] / "demo" / "articles.json"


class Command(BaseCommand):
    help = (
        "Create the demo articles (idempotent: existing slugs are left as they are), run detection on "
        "them and approve their visit boxes, as an editor would, so the demo pages show boxes."
    )

    def handle(self, **options):
        created = 0
        for item in json.loads(DEMO.read_text(encoding="utf-8")):
            article, was_created = Article.objects.get_or_create(
                slug=item["slug"],
                defaults={
                    "headline": item["headline"],
                    "standfirst": item["standfirst"],
                    "body": item["body"],
                    "language": item["language"],
                    "byline": item["byline"],
                    "status": item["status"],
                    "published_at": parse_datetime(item["published_at"]),
                },
            )
            created += was_created
            articles.refresh(article, timezone.localdate())
            ContextBox.objects.filter(
                object_id=article.pk,
                content_type__model="article",
                kind=ContextBox.Kind.VISIT,
                status=ContextBox.Status.SUGGESTED,
            ).update(status=ContextBox.Status.APPROVED)
        self.stdout.write(f"{created} demo article(s) created; their visit boxes are approved.")
