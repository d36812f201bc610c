"""Detection against the database: the gazetteer built from the names editors maintain, rebuilt
when they change, and the analysis of an article."""

from datetime import date

from django.db.models import Max

from .. import conf
from ..facts.models import Office, Person, PersonAlias, State, StateAlias
from ..matcher.gazetteer import BLOCK, PERSON, STATE, TOKEN, Gazetteer, Normaliser
from ..matcher.mentions import BLOCKED_NAMES, Analysis, analyse

_normaliser = Normaliser()
_cached: dict[str, Gazetteer] = {}


def gazetteer_version() -> str:
    persons = Person.objects.aggregate(latest=Max("updated_at"), top=Max("aliases__id"))
    states = State.objects.aggregate(latest=Max("updated_at"), top=Max("aliases__id"))
    return f"{persons['latest']}|{persons['top']}|{states['latest']}|{states['top']}"


def current_gazetteer() -> Gazetteer:
    """The gazetteer for the names in the database, rebuilt when any of them changed."""
    version = gazetteer_version()
    cached = _cached.get("gazetteer")
    if cached is None or cached.version != version:
        _cached["gazetteer"] = build_gazetteer(version)
    return _cached["gazetteer"]


def _names():
    for person in Person.objects.filter(warrants__isnull=False).distinct().only("pk", "name"):
        yield PERSON, person.pk, "full", "en", person.name
    for alias in PersonAlias.objects.filter(person__warrants__isnull=False).distinct():
        yield PERSON, alias.person_id, alias.kind, alias.language, alias.text
    for state in State.objects.only("pk", "name"):
        yield STATE, state.pk, "name", "en", state.name
    for alias in StateAlias.objects.all():
        yield STATE, alias.state_id, alias.kind, alias.language, alias.text
    for language, names in {**BLOCKED_NAMES, "other": conf.get("BLOCKED_NAMES")}.items():
        for name in names:
            yield BLOCK, name, "block", language, name


def build_gazetteer(version: str = "") -> Gazetteer:
    return Gazetteer.from_names(_names(), _normaliser, version)


def given_names() -> dict[int, set[str]]:
    """First names of each wanted person, in every spelling, so "Vladimir Putin" is not "someone else
    called Putin"."""
    names: dict[int, set[str]] = {}
    for alias in PersonAlias.objects.filter(kind__in=["name", "full", "transliteration"]):
        tokens = TOKEN.findall(alias.text)
        for token in tokens[:-1]:
            names.setdefault(alias.person_id, set()).update(_normaliser.forms(token, alias.language))
    return names


def home_states() -> dict[int, set[int]]:
    """The states a wanted person has held office in: his own country, never a destination."""
    homes: dict[int, set[int]] = {}
    for person_id, state_id in Office.objects.filter(state__isnull=False).values_list("person_id", "state_id"):
        homes.setdefault(person_id, set()).add(state_id)
    return homes


def analyse_text(headline: str, body: str, *, language: str, on: date, standfirst: str = "") -> Analysis:
    return analyse(
        {"headline": headline, "standfirst": standfirst, "body": body}, current_gazetteer(), language,
        _normaliser, given_names(), home_states(),
    )
