"""Incremental sync: every change to the data in a stable order, with deletions (tombstones), read
from the audit trail. A partner keeps the opaque cursor of the last page and asks for what came after."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.core import signing
from django.db.models import Q
from django.http import JsonResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from ...facts.models import Finding, Person, Source, State, TreatyEvent, Visit, Warrant
from .access import FeedAccess

# (name in the feed, model, natural key, detail route or None)
TRACKED = [
    ("source", Source, "key", "compliance-api:source-detail"),
    ("state", State, "iso3", "compliance-api:state-detail"),
    ("treaty_event", TreatyEvent, None, None),
    ("person", Person, None, "compliance-api:person-detail"),
    ("warrant", Warrant, "key", "compliance-api:warrant-detail"),
    ("visit", Visit, "key", "compliance-api:visit-detail"),
    ("finding", Finding, "key", "compliance-api:finding-detail"),
]
ACTIONS = {"+": "created", "~": "updated", "-": "deleted"}
SALT = "compliance.changes"


@dataclass(frozen=True)
class Position:
    at: datetime
    model: int
    history_id: int

    def token(self) -> str:
        return signing.dumps([self.at.isoformat(), self.model, self.history_id], salt=SALT, compress=True)

    @classmethod
    def parse(cls, token: str) -> "Position":
        try:
            at, model, history_id = signing.loads(token, salt=SALT)
            return cls(datetime.fromisoformat(at), int(model), int(history_id))
        except (signing.BadSignature, ValueError, TypeError):
            raise ValidationError({"cursor": "Not a cursor this feed gave out."}) from None


def changes_after(position: Position | None, limit: int) -> list[dict]:
    found = []
    for order, (name, model, key_field, route) in enumerate(TRACKED):
        history = model.history.all()
        if position is not None:
            if order > position.model:
                history = history.filter(history_date__gte=position.at)
            elif order < position.model:
                history = history.filter(history_date__gt=position.at)
            else:
                history = history.filter(
                    Q(history_date__gt=position.at) | Q(history_date=position.at, history_id__gt=position.history_id)
                )
        for record in history.order_by("history_date", "history_id")[:limit]:
            found.append((record.history_date, order, record.history_id, name, key_field, route, record))
    found.sort(key=lambda item: item[:3])
    items = []
    for at, order, history_id, name, key_field, route, record in found[:limit]:
        key = getattr(record, key_field) if key_field else record.id
        if name == "person":
            key = record.qid or record.id
        url = None
        if route and record.history_type != "-":
            url = reverse(route, kwargs={key_field or "pk": key if key_field else record.id})
        items.append(
            {
                "cursor": Position(at, order, history_id).token(),
                "type": name,
                "id": record.id,
                "key": key,
                "action": ACTIONS[record.history_type],
                "at": at.isoformat(),
                "url": url,
                "reason": record.history_change_reason or "",
            }
        )
    return items


class ChangesView(FeedAccess, APIView):
    """Every change to the data after `cursor`, oldest first, deletions included. Poll with the
    `next_cursor` of the last page until `more` is false."""

    @extend_schema(
        parameters=[
            OpenApiParameter("cursor", str, description="Opaque; from next_cursor of the previous page."),
            OpenApiParameter("limit", OpenApiTypes.INT, description="1 to 1000 (default 200)."),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        raw_limit = request.query_params.get("limit", "200")
        if not (raw_limit.isascii() and raw_limit.isdigit()) or not 1 <= int(raw_limit) <= 1000:
            raise ValidationError({"limit": "Use a whole number from 1 to 1000."})
        limit = int(raw_limit)
        cursor = request.query_params.get("cursor")
        items = changes_after(Position.parse(cursor) if cursor else None, limit + 1)
        more = len(items) > limit
        items = items[:limit]
        return Response({"changes": items, "more": more, "next_cursor": items[-1]["cursor"] if items else cursor})


class AtomChanges(Feed):
    feed_type = Atom1Feed
    title = "Warrants, treaties and visits: changes"
    description = "The latest changes to the data behind the context boxes."

    def link(self):
        return reverse("compliance-api:changes")

    def items(self):
        return list(reversed(recent()))

    def item_title(self, item):
        return f"{item['type']} {item['key']} {item['action']}"

    def item_description(self, item):
        return item["reason"] or item["action"]

    def item_link(self, item):
        return item["url"] or reverse("compliance-api:changes") + f"#{item['type']}-{item['id']}"

    def item_guid(self, item):
        return item["cursor"]

    def item_pubdate(self, item):
        return datetime.fromisoformat(item["at"])


def recent(count: int = 50) -> list[dict]:
    """The last `count` changes, oldest first."""
    found = []
    for order, (_name, model, _key_field, _route) in enumerate(TRACKED):
        for record in model.history.order_by("-history_date", "-history_id")[:count]:
            found.append((record.history_date, order, record.history_id))
    found.sort()
    if not found:
        return []
    position = Position(*found[-count - 1]) if len(found) > count else None
    items = changes_after(position, count + 1)
    return items[-count:]


def json_feed(request):
    items = recent()
    base = request.build_absolute_uri("/")[:-1]
    return JsonResponse(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": AtomChanges.title,
            "home_page_url": base + "/",
            "feed_url": request.build_absolute_uri(),
            "items": [
                {
                    "id": i["cursor"],
                    "title": f"{i['type']} {i['key']} {i['action']}",
                    "content_text": i["reason"] or i["action"],
                    "date_published": i["at"],
                    **({"url": base + i["url"]} if i["url"] else {}),
                }
                for i in reversed(items)
            ],
        }
    )
