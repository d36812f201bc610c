"""Matching partners' names to ours: /api/v1/match/ and the reconciliation service, on the reference
dataset, with real spellings seen in the press (tests/fixtures/match_names.json)."""

import json
import unicodedata
from pathlib import Path

import pytest

from compliance.models import ApiKey, Person, State, StateAlias

pytestmark = pytest.mark.django_db

NAMES = json.loads((Path(__file__).parent / "fixtures" / "match_names.json").read_text())
MATCH = "/api/v1/match/"
RECONCILE = "/api/v1/reconcile/"


@pytest.fixture
def open_rate(settings):
    settings.COMPLIANCE_API_ANON_RATE = "100000/min"


def expected_id(entry) -> str:
    if entry["type"] == "person":
        return f"persons/{Person.objects.get(name=entry['expected']).pk}"
    return f"states/{State.objects.get(iso3=entry['expected']).iso3}"


def best(client, name, type_, **params):
    response = client.get(MATCH, {"name": name, "type": type_, **params})
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_the_test_list_is_real_and_large_enough():
    found, absent = NAMES["found"], NAMES["absent"]
    assert len(found) >= 100 and len(absent) >= 20
    for script in ("LATIN", "CYRILLIC", "GREEK", "ARABIC"):
        assert any(unicodedata.name(e["name"][0], "").startswith(script) for e in found), script
    assert all(e["seen"] for e in found + absent)


def test_at_least_95_percent_of_real_spellings_find_the_right_entity_first(client, open_rate):
    misses = []
    for entry in NAMES["found"]:
        results = best(client, entry["name"], entry["type"])
        top = results[0] if results else None
        if not (top and top["match"] and top["id"] == expected_id(entry)):
            misses.append((entry["name"], top and (top["name"], top["score"])))
    share = 1 - len(misses) / len(NAMES["found"])
    assert share >= 0.95, misses


def test_names_not_in_the_data_match_nothing_above_the_threshold(client, open_rate):
    for entry in NAMES["absent"]:
        results = best(client, entry["name"], entry["type"])
        assert not [r for r in results if r["match"]], (entry["name"], results)
        assert all(r["score"] < 0.7 for r in results)


@pytest.mark.parametrize(
    "name, reasons",
    [
        ("Путіна", {"inflected_form", "surname_only"}),
        ("Poutine", {"transliteration", "surname_only"}),
        ("V. Putin", {"initial"}),
        ("Putin, Vladimir", {"exact_alias", "word_order"}),
        ("Πούτιν", {"transliteration"}),
        ("Vladimir Putin", {"exact_alias"}),
    ],
)
def test_the_issues_spellings_find_putin_with_their_reasons(client, name, reasons):
    top = best(client, name, "person")[0]
    assert top["id"] == f"persons/{Person.objects.get(qid='Q7747').pk}" and top["match"]
    assert reasons <= {r["reason"] for r in top["reasons"]}
    assert all(r["alias"] and r["explanation"] for r in top["reasons"])
    assert top["url"].endswith(f"/api/v1/{top['id']}/") and top["qid"] == "Q7747"


@pytest.mark.parametrize("name", ["Россия", "РФ", "Russian Federation", "России", "RUS", "Q159"])
def test_russia_in_any_of_its_names(client, name):
    top = best(client, name, "state")[0]
    assert (top["id"], top["iso3"], top["match"]) == ("states/RUS", "RUS", True)


def test_a_surname_alone_is_discounted_and_a_namesake_is_not_a_match(client):
    putin = best(client, "Putin", "person")[0]
    assert putin["match"] and 0.7 <= putin["score"] < 1
    assert not [r for r in best(client, "Lyudmila Putina", "person") if r["match"]]
    assert not [r for r in best(client, "Sara Duterte", "person") if r["match"]]


def test_the_threshold_and_the_cutoff_are_the_partners_to_set(client):
    strict = best(client, "Poutine", "person", threshold="0.95")
    assert strict and not strict[0]["match"]
    assert best(client, "Poutine", "person", cutoff="0.9") == []
    assert best(client, "Gerasimov", "person")[0]["match"] is False  # no surname alias: a candidate only


def test_without_a_type_both_persons_and_states_are_candidates(client):
    results = client.get(MATCH, {"name": "Russia"}).json()
    assert results["query"]["type"] is None and results["results"][0]["type"] == "state"


def test_a_name_editors_add_is_matched_at_once(client):
    russia = State.objects.get(iso3="RUS")
    assert not [r for r in best(client, "Rusland", "state") if r["match"]]  # Dutch: another word, not a spelling
    StateAlias.objects.create(state=russia, language="other", text="Rusland", kind="other")
    top = best(client, "Rusland", "state")[0]
    assert top["id"] == "states/RUS" and "exact_alias" in {r["reason"] for r in top["reasons"]}


def test_capitals_are_not_names_of_states(client):
    assert not [r for r in best(client, "Moscow", "state") if r["match"]]


@pytest.mark.parametrize(
    "params, field",
    [
        ({}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "?!"}, "name"),
        ({"name": "x" * 301}, "name"),
        ({"name": "Putin", "type": "city"}, "type"),
        ({"name": "Putin", "threshold": "2"}, "threshold"),
        ({"name": "Putin", "threshold": "high"}, "threshold"),
        ({"name": "Putin", "cutoff": "-1"}, "cutoff"),
        ({"name": "Putin", "limit": "0"}, "limit"),
        ({"name": "Putin", "language": "de"}, "language"),
    ],
)
def test_bad_input_gets_a_clear_error_never_a_500(client, params, field):
    response = client.get(MATCH, params)
    assert response.status_code == 400 and field in response.json()


def test_a_nul_character_gets_a_clear_error(client):
    response = client.get(MATCH, {"name": "Putin\x00"})
    assert response.status_code == 400 and "NUL" in str(response.json())


def test_match_is_throttled_like_the_rest_of_the_feed(client, settings):
    settings.COMPLIANCE_API_ANON_RATE = "2/min"
    statuses = [client.get(MATCH, {"name": "Putin"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert client.get(RECONCILE).status_code == 429
    key, raw = ApiKey.issue("Example Daily", rate="5/min")
    assert client.get(MATCH, {"name": "Putin"}, HTTP_AUTHORIZATION=f"Api-Key {raw}").status_code == 200


def test_the_reconciliation_manifest_says_what_openrefine_needs(client):
    manifest = client.get(RECONCILE).json()
    assert manifest["versions"] == ["0.2"] and manifest["name"]
    assert {t["id"] for t in manifest["defaultTypes"]} == {"person", "state"}
    assert manifest["view"]["url"] == manifest["identifierSpace"] + "{{id}}/"


def test_reconciliation_queries_as_openrefine_posts_them(client):
    queries = {
        "q0": {"query": "Poutine", "type": "person", "limit": 3},
        "q1": {"query": "Монголии", "type": "state"},
        "q2": {"query": "Pjotr Hofmanski", "type": "person"},
        "q3": {"query": "Russian Federation"},
    }
    response = client.post(RECONCILE, {"queries": json.dumps(queries)})
    assert response.status_code == 200, response.content
    answers = response.json()
    putin = answers["q0"]["result"][0]
    assert putin["match"] is True and putin["type"] == [{"id": "person", "name": putin["type"][0]["name"]}]
    assert 70 <= putin["score"] <= 100 and {"id": "transliteration", "value": True} in putin["features"]
    assert answers["q1"]["result"][0]["id"] == "states/MNG"
    assert not [r for r in answers["q2"]["result"] if r["match"]]
    assert answers["q3"]["result"][0]["id"] == "states/RUS"
    manifest = client.get(RECONCILE).json()
    view = manifest["view"]["url"].replace("{{id}}", putin["id"])
    assert client.get(view.replace("http://testserver", "")).json()["qid"] == "Q7747"


def test_reconciliation_queries_also_by_get_and_as_json(client):
    queries = json.dumps({"q0": {"query": "Netanjahu", "type": ["person"]}})
    by_get = client.get(RECONCILE, {"queries": queries}).json()
    as_json = client.post(RECONCILE, {"queries": json.loads(queries)}, content_type="application/json").json()
    assert by_get == as_json and by_get["q0"]["result"][0]["name"] == "Benjamin Netanyahu"


@pytest.mark.parametrize(
    "queries",
    [
        "not json",
        "[]",
        json.dumps({"q0": "Putin"}),
        json.dumps({"q0": {"query": ""}}),
        json.dumps({"q0": {"query": "Putin", "type": "city"}}),
        json.dumps({"q0": {"query": "Putin", "limit": 0}}),
        json.dumps({f"q{i}": {"query": "Putin"} for i in range(51)}),
    ],
)
def test_bad_reconciliation_queries_get_a_clear_error(client, queries):
    response = client.post(RECONCILE, {"queries": queries})
    assert response.status_code == 400 and "queries" in response.json()
    assert client.post(RECONCILE, {}).status_code == 400


def test_the_schema_documents_both_endpoints(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    match = schema["paths"]["/api/v1/match/"]["get"]
    assert {p["name"] for p in match["parameters"]} >= {"name", "type", "threshold", "cutoff", "limit"}
    assert "429" in match["responses"]
    assert {"get", "post"} <= set(schema["paths"]["/api/v1/reconcile/"])
