"""One declaration of what depends on what: for each fact model, the derived data a change to one of
its rows makes stale.

- `refs`: the reverse-index references ("state:12", "visit:3") of the boxes built from it. Boxes
  record these when they are built; a change rebuilds the boxes that recorded them, and partners
  subscribed to the references' subjects get a webhook.
- `visits`: the visits whose stored feed documents were built from it (a filter on `Visit`; `Q()`
  for all of them; `None` for none).
- every registered model bumps the feed version (ETags, cached responses, cached maps).
- `owner`: a row whose change also touches another record (an alias touches its person or state,
  so that the detector's gazetteer is rebuilt).

`compliance.wiring` connects the signals from this table, `compliance.feed.stored` and
`compliance.feed.webhooks` read it, and a test fails when a model in `facts.models` is missing here.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q

from . import models as m


def _none(obj) -> list[str]:
    return []


@dataclass(frozen=True)
class Dependents:
    refs: Callable[[Model], list[str]] = _none
    visits: Callable[[Model], Q | None] = lambda obj: None
    owner: Callable[[Model], Model | None] = lambda obj: None
    # Many-to-many fields whose changes count as changes to the row (each side's refs are refreshed).
    m2m: tuple[str, ...] = field(default_factory=tuple)


def _cited(citation) -> list[str]:
    """The references of the fact a citation attaches a source to."""
    model = ContentType.objects.get_for_id(citation.content_type_id).model_class()
    dependents = REGISTRY.get(model)
    if dependents is None:
        return []
    fact = model._default_manager.filter(pk=citation.object_id).first()
    return dependents.refs(fact) if fact is not None else []


def _citing(source) -> list[str]:
    refs: list[str] = []
    for citation in m.Citation.objects.filter(source=source):
        refs.extend(_cited(citation))
    return list(dict.fromkeys(refs))


def _cited_visits(citation) -> Q | None:
    """A citation changes how well its fact is sourced, and the feed states a visit's verdict only
    when the records it rests on meet the sourcing rule: the visits built from the fact are stale."""
    model = ContentType.objects.get_for_id(citation.content_type_id).model_class()
    dependents = REGISTRY.get(model)
    if dependents is None:
        return None
    if model is m.Visit:
        return Q(pk=citation.object_id)
    fact = model._default_manager.filter(pk=citation.object_id).first()
    return dependents.visits(fact) if fact is not None else None


def _citing_visits(source) -> Q | None:
    """A source's tier decides whether the facts citing it meet the sourcing rule."""
    where = None
    for citation in m.Citation.objects.filter(source=source):
        cited = _cited_visits(citation)
        if cited is not None and not cited.children:
            return Q()  # all of them (an empty Q would vanish from an OR)
        if cited is not None:
            where = cited if where is None else where | cited
    return where


REGISTRY: dict[type[Model], Dependents] = {
    m.Source: Dependents(refs=_citing, visits=_citing_visits),
    m.Citation: Dependents(refs=_cited, visits=_cited_visits),
    m.Court: Dependents(
        refs=lambda o: [f"warrant:{pk}" for pk in o.warrants.values_list("pk", flat=True)], visits=lambda o: Q()
    ),
    m.Person: Dependents(refs=lambda o: [f"person:{o.pk}"], visits=lambda o: Q(person_id=o.pk)),
    m.PersonAlias: Dependents(refs=lambda o: [f"person:{o.person_id}"], owner=lambda o: o.person),
    m.Office: Dependents(refs=lambda o: [f"person:{o.person_id}"], visits=lambda o: Q(person_id=o.person_id)),
    m.State: Dependents(refs=lambda o: [f"state:{o.pk}"], visits=lambda o: Q(state_id=o.pk)),
    m.StateAlias: Dependents(refs=lambda o: [f"state:{o.state_id}"], owner=lambda o: o.state),
    m.TreatyEvent: Dependents(
        refs=lambda o: [f"treatyevent:{o.pk}", f"state:{o.state_id}"], visits=lambda o: Q(state_id=o.state_id)
    ),
    m.SecurityCouncilObligation: Dependents(
        refs=lambda o: [f"state:{o.state_id}"], visits=lambda o: Q(state_id=o.state_id)
    ),
    m.Warrant: Dependents(
        refs=lambda o: [f"warrant:{o.pk}", f"person:{o.person_id}"], visits=lambda o: Q(person_id=o.person_id)
    ),
    m.WarrantStatus: Dependents(
        refs=lambda o: [f"warrant:{o.warrant_id}"], visits=lambda o: Q(person__warrants=o.warrant_id)
    ),
    m.Charge: Dependents(refs=lambda o: [f"warrant:{o.warrant_id}"], visits=lambda o: Q(person__warrants=o.warrant_id)),
    m.Visit: Dependents(
        refs=lambda o: [f"visit:{o.pk}", f"person:{o.person_id}", f"state:{o.state_id}"], visits=lambda o: Q(pk=o.pk)
    ),
    m.Finding: Dependents(
        refs=lambda o: [f"finding:{o.pk}", f"state:{o.state_id}"],
        visits=lambda o: Q(state_id=o.state_id) | Q(findings=o.pk),
        m2m=("visits",),
    ),
}


# What each kind of reference is about, for partners' webhook subscriptions: (person ids, state ids).
def _warrant_subjects(pk):
    return set(m.Warrant.objects.filter(pk=pk).values_list("person_id", flat=True)), set()


def _visit_subjects(pk):
    rows = m.Visit.objects.filter(pk=pk).values_list("person_id", "state_id")
    return {p for p, _ in rows}, {s for _, s in rows}


def _finding_subjects(pk):
    return (
        set(m.Visit.objects.filter(findings__pk=pk).values_list("person_id", flat=True)),
        set(m.Finding.objects.filter(pk=pk).values_list("state_id", flat=True)),
    )


SUBJECTS: dict[str, Callable[[int], tuple[set[int], set[int]]]] = {
    "person": lambda pk: ({pk}, set()),
    "state": lambda pk: (set(), {pk}),
    "warrant": _warrant_subjects,
    "visit": _visit_subjects,
    "finding": _finding_subjects,
}


def dependents(model) -> Dependents | None:
    return REGISTRY.get(model)


def refs(instance) -> list[str]:
    entry = REGISTRY.get(type(instance))
    return list(dict.fromkeys(entry.refs(instance))) if entry else []


def visits(instance) -> Q | None:
    entry = REGISTRY.get(type(instance))
    return entry.visits(instance) if entry else None


def subjects(ref: str) -> tuple[set[int], set[int]]:
    """(person ids, state ids) a reference ("visit:3") is about; nothing for an unknown one."""
    kind, _, pk = ref.partition(":")
    if kind not in SUBJECTS or not pk.isdigit():
        return set(), set()
    return SUBJECTS[kind](int(pk))
