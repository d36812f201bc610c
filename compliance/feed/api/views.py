"""The partner feed: read-only, filtered, paginated, cached. Every answer is built by the same code
as the article boxes and `manage.py explain`."""

from datetime import date

from django.db.models import F, Max, Prefetch
from django.utils import timezone
from django.utils.http import http_date
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.filters import OrderingFilter, SearchFilter
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from ...editorial import articles, boxes
from ...editorial.models import ContextBox
from ...editorial.wording import BOX_LANGUAGES
from ...facts import verdicts
from ...facts.models import Finding, Person, Source, State, Visit, Warrant
from .. import stored
from .. import versioning as caching
from . import filters, renderers, serializers
from .access import FeedAccess
from .middleware import not_modified, wants_json
from .pagination import Pagination

AS_OF = OpenApiParameter("as_of", OpenApiTypes.DATE, description="The date the answer is true as of (default: today).")


def parse_date(request, name: str, default: date | None = None, required: bool = False) -> date:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        if required:
            raise ValidationError({name: "This parameter is required (YYYY-MM-DD)."})
        return default
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ValidationError({name: f"{raw!r} is not a date; write it as YYYY-MM-DD."}) from None


class Filters(DjangoFilterBackend):
    """django-filter, skipped when the request names none of the filterset's parameters (building
    its form would cost more than the rest of a cached page, and filter nothing)."""

    def filter_queryset(self, request, queryset, view):
        filterset = getattr(view, "filterset_class", None)
        if filterset is not None and not any(name in request.query_params for name in filterset.base_filters):
            return queryset
        return super().filter_queryset(request, queryset, view)


class Ordering(OrderingFilter):
    """`?ordering=field` or `-field`, with records that have no value last either way, on every
    database (PostgreSQL would put them first when descending, SQLite last), and ties broken by id
    so that pages never overlap or skip."""

    def filter_queryset(self, request, queryset, view):
        ordering = [name for name in self.get_ordering(request, queryset, view) or [] if name.lstrip("-") != "pk"]
        return queryset.order_by(
            *[
                F(name[1:]).desc(nulls_last=True) if name.startswith("-") else F(name).asc(nulls_last=True)
                for name in ordering
            ],
            "pk",
        )


class FeedViewSet(FeedAccess, viewsets.ReadOnlyModelViewSet):
    pagination_class = Pagination
    renderer_classes = [renderers.JSONRenderer, BrowsableAPIRenderer]
    filter_backends = [Filters, SearchFilter, Ordering]
    ordering = ["pk"]
    cache_seconds = 60

    def dispatch(self, request, *args, **kwargs):
        """A conditional GET whose ETag still matches is answered before authentication and throttling:
        it costs next to nothing and reveals nothing, so, as on GitHub's API, it does not count
        against a rate limit."""
        return not_modified(request, self.cache_seconds) or super().dispatch(request, *args, **kwargs)

    @staticmethod
    def _json(request) -> bool:
        return wants_json(request)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        etag = getattr(self, "_etag", None)
        if etag and response.status_code == 200 and hasattr(response, "render"):
            modified = getattr(self, "_last_modified", None)
            if modified:
                response["Last-Modified"] = http_date(modified.timestamp())
            response.render()
            response["ETag"] = etag
            caching.store(etag, response.content, response.get("Last-Modified"))
        if request.method in ("GET", "HEAD") and response.status_code in (200, 304):
            response["Cache-Control"] = f"public, max-age={self.cache_seconds}"
            response["Vary"] = "Accept, Authorization, Origin"
        return response

    def _from_cache(self, request):
        """A 304 or the stored body when the data has not changed since; else None (and the response
        about to be rendered is stored under its ETag)."""
        if not self._json(request):
            return None
        etag = caching.etag_for(request)
        cached = caching.cached_response(request, etag)
        if cached is None:
            self._etag = etag
        return cached

    def list(self, request, *args, **kwargs):
        cached = self._from_cache(request)
        if cached is not None:
            return cached
        queryset = self.filter_queryset(self.get_queryset())  # once: the filterset costs a form per pass
        if hasattr(queryset.model, "updated_at"):
            self._last_modified = queryset.aggregate(latest=Max("updated_at"))["latest"]
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.page_data(page))

    def page_data(self, page) -> list:
        return self.get_serializer(page, many=True).data

    def retrieve(self, request, *args, **kwargs):
        return self._from_cache(request) or super().retrieve(request, *args, **kwargs)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "as_of": self.as_of}

    @property
    def as_of(self) -> date:
        if not hasattr(self, "_as_of"):
            self._as_of = parse_date(self.request, "as_of", timezone.localdate())
        return self._as_of


def citations():
    from ...facts.models import Citation

    return Prefetch("citations", queryset=Citation.objects.select_related("source"))


class SourceViewSet(FeedViewSet):
    queryset = Source.objects.all()
    serializer_class = serializers.SourceSerializer
    lookup_field = "key"
    search_fields = ["key", "title", "publisher"]
    ordering_fields = ["key", "published", "accessed"]


class PersonViewSet(FeedViewSet):
    queryset = Person.objects.prefetch_related("aliases", Prefetch("offices__state"), "warrants", citations())
    serializer_class = serializers.PersonSerializer
    filterset_class = filters.PersonFilter
    search_fields = ["name", "qid", "aliases__text"]
    ordering_fields = ["name", "updated_at"]


class WarrantViewSet(FeedViewSet):
    queryset = Warrant.objects.select_related("person", "court", "situation_state").prefetch_related(
        "charges", "status_history", citations()
    )
    serializer_class = serializers.WarrantSerializer
    filterset_class = filters.WarrantFilter
    lookup_field = "key"
    search_fields = ["person__name", "person__aliases__text", "case_name", "case_number", "situation"]
    ordering_fields = ["issued", "made_public", "updated_at"]


@extend_schema(parameters=[AS_OF])
class StateViewSet(FeedViewSet):
    queryset = State.objects.all()
    serializer_class = serializers.StateSerializer
    filterset_class = filters.StateFilter
    lookup_field = "iso3"
    lookup_value_regex = "[A-Za-z]{3}"
    search_fields = ["name", "iso2", "iso3", "aliases__text"]
    ordering_fields = ["name", "iso3", "updated_at"]

    def get_queryset(self):
        from ...facts.models import TreatyEvent

        events = Prefetch("treaty_events", queryset=TreatyEvent.objects.prefetch_related(citations()))
        return State.objects.prefetch_related("aliases", events, citations())

    def get_object(self):
        code = self.kwargs["iso3"].upper()
        state = self.get_queryset().filter(iso3=code).first()
        if state is None:
            raise NotFound(f"No state with ISO alpha-3 code {code!r}.")
        return state


@extend_schema(parameters=[AS_OF])
class VisitViewSet(FeedViewSet):
    """Visits with their verdicts as of `as_of`. Each is served from its stored document when one was
    built for that date (the tasks keep today's current), else built on the spot by the same code."""

    serializer_class = serializers.VisitSerializer
    filterset_class = filters.VisitFilter
    lookup_field = "key"
    search_fields = ["person__name", "person__aliases__text", "state__name", "occasion"]
    ordering_fields = ["start", "planned_start", "updated_at"]

    def get_queryset(self):
        return Visit.objects.select_related("person", "state")

    def paginate_queryset(self, queryset):
        """The page is chosen among the ids alone (no joins to walk past for a deep page); its rows are
        then read as stored documents."""
        ids = list(self.paginator.page_slice(queryset.values_list("pk", flat=True), self.request))
        return stored.documents(ids, self.as_of, raw=True)

    def page_data(self, page) -> list:
        return page

    def retrieve(self, request, *args, **kwargs):
        return self._from_cache(request) or Response(stored.documents([self.get_object().pk], self.as_of, raw=True)[0])


class FindingViewSet(FeedViewSet):
    queryset = Finding.objects.select_related("state", "court").prefetch_related("visits", citations())
    serializer_class = serializers.FindingSerializer
    filterset_class = filters.FindingFilter
    lookup_field = "key"
    search_fields = ["reference", "title", "state__name"]
    ordering_fields = ["date", "updated_at"]


def resolve(model, text: str, what: str):
    if not text:
        raise ValidationError({what: "This parameter is required."})
    try:
        return model.objects.resolve(text)
    except model.DoesNotExist as error:
        raise NotFound(str(error)) from error


class ObligationView(FeedAccess, APIView):
    """Was STATE obliged to arrest PERSON on DATE, and why? The same answer as `manage.py explain`,
    stated only when every record it rests on meets the sourcing rule."""

    @extend_schema(
        parameters=[
            OpenApiParameter("person", str, required=True, description="Name, alias or Wikidata QID."),
            OpenApiParameter("state", str, required=True, description="Name or ISO code."),
            OpenApiParameter("date", OpenApiTypes.DATE, required=True),
        ],
        responses={200: OpenApiTypes.OBJECT},
        description=(
            "The answer `manage.py explain` gives, with `confirmed` and `unconfirmed`. When a record the answer "
            "rests on (the state, its treaty events deciding its standing, the deciding warrant, a Security Council "
            "resolution or declaration) is below the sourcing rule (one primary source, or two independent reputable "
            "secondary ones), `confirmed` is false, `unconfirmed` names those records ({kind, key}), and nothing is "
            "stated: `obliged`, `state_party`, `membership_status` and each warrant's `obliged` and `basis` are null, "
            '`basis` is "unconfirmed", `reasons` and `caveats` are empty.'
        ),
    )
    def get(self, request):
        on = parse_date(request, "date", required=True)
        person = resolve(Person, request.query_params.get("person", ""), "person")
        state = resolve(State, request.query_params.get("state", ""), "state")
        return Response(stated_obligation(verdicts.verdict(person, state, on)))


def stated_obligation(answer: verdicts.Verdict) -> dict:
    """The answer as partners may be told it (see `ObligationView`)."""
    data = answer.as_dict()
    below = [verdicts.fact_label(f, answer.state) for f in verdicts.rests_on(answer) if not f.confirmed]
    data.update(confirmed=not below, unconfirmed=below)
    if below:
        data.update(
            obliged=None,
            state_party=None,
            membership_status=None,
            basis="unconfirmed",
            reasons=[],
            caveats=[],
            warrants=[{**w, "obliged": None, "basis": None} for w in data["warrants"]],
        )
    return data


class BoxView(FeedAccess, APIView):
    """Boxes: an article's live boxes (`article=ID or URL`), or a box for any person and/or state on a
    date, built by the same code as the article boxes."""

    @extend_schema(
        parameters=[
            OpenApiParameter("article", str, description="An article's id or its URL path."),
            OpenApiParameter("person", str, description="Name, alias or QID."),
            OpenApiParameter("state", str, description="Name or ISO code."),
            OpenApiParameter("date", OpenApiTypes.DATE, description="Default: today."),
            OpenApiParameter("language", str, enum=list(BOX_LANGUAGES)),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        if request.query_params.get("article"):
            return Response({"boxes": [box_json(b) for b in articles.live_boxes(find_article(request))]})
        return Response({"boxes": [build_box(request)]})


def box_json(box: ContextBox) -> dict:
    return {
        **box.data,
        "title": box.title,
        "verdict": {**(box.data.get("verdict") or {}), "text": box.verdict_text},
        "status": box.status,
    }


def find_article(request):
    """The article named by `?article=` (an id or its URL), if readers may see it; otherwise a 404
    that does not tell a draft from an article that does not exist."""
    from django.utils import timezone

    from ... import conf

    ref = request.query_params["article"]
    if "\x00" in ref:
        raise ValidationError({"article": "Give an article's id or its URL."})
    adapter = conf.adapter()
    article = adapter.find(ref)
    if article is None or not adapter.is_public(article, timezone.now()):
        raise NotFound(f"No published article {ref!r}.")
    return article


def build_box(request) -> dict:
    today = timezone.localdate()
    on = parse_date(request, "date", today)
    language = request.query_params.get("language", "en")
    if language not in BOX_LANGUAGES:
        raise ValidationError({"language": f"Use {', '.join(BOX_LANGUAGES[:-1])} or {BOX_LANGUAGES[-1]}."})
    person_text, state_text = request.query_params.get("person"), request.query_params.get("state")
    if not person_text and not state_text:
        raise ValidationError({"person": "Give a person, a state, or both (or an article)."})
    person = resolve(Person, person_text, "person") if person_text else None
    state = resolve(State, state_text, "state") if state_text else None
    if person is not None and not person.warrants.exists():
        raise NotFound(f"No warrant is recorded for {person}.")
    if person and state:
        return boxes.visit_box(person, state, on, language=language, today=today)
    if person:
        return boxes.person_box(person, on, language=language, today=today)
    return boxes.state_box(state, on, language=language, today=today)
