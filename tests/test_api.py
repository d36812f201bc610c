import json
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def get(client, url, **params):
    return client.get(url, params, HTTP_ACCEPT="application/json")


@pytest.mark.parametrize("name", ["persons", "warrants", "states", "visits", "findings", "sources"])
def test_every_list_is_paginated_json(client, name):
    response = get(client, f"/api/v1/{name}/", page_size=5)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] > 0 and len(body["results"]) <= 5 and "next" in body


def test_state_membership_as_of_a_date(client):
    tajikistan = get(client, "/api/v1/states/TJK/", as_of="2025-10-08").json()
    assert tajikistan["membership"]["is_party"] is True
    assert [e["kind"] for e in tajikistan["treaty_events"]][:2] == ["signature", "deposit"]
    assert "5 May 2000" in tajikistan["membership"]["reason"]
    assert get(client, "/api/v1/states/hun/", as_of="2025-04-03").json()["membership"]["is_party"] is True
    assert get(client, "/api/v1/states/HUN/", as_of="2026-07-01").json()["membership"]["is_party"] is False


def test_obligations_give_the_same_answer_as_explain(client):
    api = get(client, "/api/v1/obligations/", person="Vladimir Putin", state="TJK", date="2025-10-08").json()
    out = StringIO()
    call_command("explain", "Vladimir Putin", "TJK", "2025-10-08", "--json", stdout=out)
    assert (api.pop("confirmed"), api.pop("unconfirmed")) == (True, [])
    assert api == json.loads(out.getvalue())
    assert api["obliged"] is True and api["state_party"] is True and api["reasons"]


@pytest.mark.parametrize(
    "url, params, status, message",
    [
        ("/api/v1/states/XXX/", {}, 404, "No state with ISO alpha-3 code 'XXX'"),
        ("/api/v1/visits/", {"state": "MNG,XXX"}, 400, "Unknown iso3: XXX"),
        ("/api/v1/visits/", {"start_after": "2025-13-45"}, 400, "valid date"),
        ("/api/v1/visits/", {"page_size": "100000"}, 400, "page size from 1 to 500"),
        ("/api/v1/visits/", {"as_of": "yesterday"}, 400, "YYYY-MM-DD"),
        ("/api/v1/obligations/", {"person": "Nobody", "state": "TJK", "date": "2025-10-08"}, 404, "No person matches"),
        ("/api/v1/obligations/", {"person": "Putin", "state": "TJK"}, 400, "required"),
        ("/api/v1/boxes/", {"person": "Putin", "state": "TJK", "language": "xx"}, 400, "en, uk or ru"),
    ],
)
def test_bad_input_gets_a_clear_error_never_a_500(client, url, params, status, message):
    response = get(client, url, **params)
    assert response.status_code == status
    assert message in response.content.decode()


def test_filters_take_several_values_and_date_ranges(client):
    visits = get(client, "/api/v1/visits/", state="MNG,TJK", person="Q7747", page_size=50).json()["results"]
    assert {v["state"] for v in visits} == {"MNG", "TJK"}
    mongolia = next(v for v in visits if v["state"] == "MNG")
    assert mongolia["verdict"]["obliged"] is True and mongolia["verdict"]["failed_to_arrest"] is True
    parties = get(client, "/api/v1/states/", party_on="2025-01-01", page_size=500).json()
    assert parties["count"] == 125
    warrants = get(client, "/api/v1/warrants/", issued_after="2024-11-01", issued_before="2024-11-30").json()
    assert {w["person"]["name"] for w in warrants["results"]} >= {"Benjamin Netanyahu"}
    assert get(client, "/api/v1/persons/", search="Путин").json()["results"][0]["qid"] == "Q7747"


def test_queries_per_list_request_do_not_grow_with_the_page_size(client):
    counts = []
    for size in (5, 40):
        with CaptureQueriesContext(connection) as queries:
            assert get(client, "/api/v1/visits/", page_size=size).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_etag_last_modified_and_304(client):
    first = get(client, "/api/v1/visits/", state="MNG")
    assert first["ETag"] and first["Last-Modified"] and "max-age" in first["Cache-Control"]
    again = client.get(
        "/api/v1/visits/", {"state": "MNG"}, HTTP_ACCEPT="application/json", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert again.status_code == 304
    since = client.get(
        "/api/v1/visits/",
        {"state": "MNG"},
        HTTP_ACCEPT="application/json",
        HTTP_IF_MODIFIED_SINCE=first["Last-Modified"],
    )
    assert since.status_code == 304
    other = get(client, "/api/v1/visits/", state="TJK")
    assert other["ETag"] != first["ETag"]


def test_a_box_for_any_person_state_and_date(client):
    box = get(client, "/api/v1/boxes/", person="Q7747", state="MNG", date="2024-09-02").json()["boxes"][0]
    assert box["kind"] == "visit" and box["verdict"]["obliged"] is True
    uk = get(client, "/api/v1/boxes/", person="Q7747", state="MNG", date="2024-09-02", language="uk").json()
    assert "2 вересня 2024" in uk["boxes"][0]["verdict"]["text"]


def test_embed_page_and_oembed(client):
    page = client.get("/api/v1/embed/box/", {"person": "Q7747", "state": "TJK", "date": "2025-10-08"})
    html = page.content.decode()
    assert page.status_code == 200 and "<aside" in html and "<script src" not in html
    assert "X-Frame-Options" not in page
    oembed = client.get("/api/v1/oembed/", {"url": "http://testserver/api/v1/embed/box/?person=Q7747&state=TJK"})
    assert oembed.status_code == 200 and oembed.json()["html"].startswith("<iframe")
    assert client.get("/api/v1/oembed/", {"url": "http://evil.example/x"}).status_code == 404


def test_schema_and_docs(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    text = schema.content.decode()
    assert "party_on" in text and "page_size" in text and "start_after" in text
    assert client.get("/api/v1/docs/").status_code == 200


def test_anonymous_readers_are_rate_limited_and_partners_use_their_keys(client, settings):
    from compliance.models import ApiKey

    settings.COMPLIANCE_API_ANON_RATE = "3/min"
    statuses = [get(client, "/api/v1/sources/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    key, raw = ApiKey.issue("Example Daily", rate="5/min")
    keyed = [client.get("/api/v1/sources/", HTTP_AUTHORIZATION=f"Api-Key {raw}").status_code for _ in range(6)]
    assert keyed == [200] * 5 + [429]
    assert client.get("/api/v1/sources/", HTTP_AUTHORIZATION="Api-Key nonsense").status_code == 401
    key.refresh_from_db()
    assert key.last_used is not None and raw not in key.key_hash


def test_a_rotating_forwarded_for_header_does_not_dodge_the_limit(client, settings):
    settings.COMPLIANCE_API_ANON_RATE = "3/min"
    statuses = [client.get("/api/v1/sources/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(6)]
    assert statuses == [200, 200, 200, 429, 429, 429]


def test_behind_a_trusted_proxy_the_client_is_the_address_it_saw(client, settings):
    settings.COMPLIANCE_API_ANON_RATE = "2/min"
    settings.COMPLIANCE_TRUSTED_PROXIES = 1
    first = [
        client.get("/api/v1/sources/", HTTP_X_FORWARDED_FOR=f"6.6.6.6, 203.0.113.{n}").status_code for n in (1, 1, 1)
    ]
    other = client.get("/api/v1/sources/", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code
    assert first == [200, 200, 429] and other == 200


def test_cors_only_for_configured_partner_origins(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://partner.example"]
    ok = client.get("/api/v1/sources/", HTTP_ORIGIN="https://partner.example")
    assert ok["Access-Control-Allow-Origin"] == "https://partner.example"
    other = client.get("/api/v1/sources/", HTTP_ORIGIN="https://elsewhere.example")
    assert "Access-Control-Allow-Origin" not in other


def test_the_changes_feed_mirrors_everything_including_deletions(client):
    from compliance.models import Visit

    seen, cursor = [], None
    for _ in range(100):
        page = get(client, "/api/v1/changes/", limit=500, **({"cursor": cursor} if cursor else {})).json()
        seen += page["changes"]
        cursor = page["next_cursor"]
        if not page["more"]:
            break
    assert len({c["cursor"] for c in seen}) == len(seen)  # no change twice
    assert {c["type"] for c in seen} >= {"state", "person", "warrant", "visit", "finding", "treaty_event"}
    visit = Visit.objects.get(key="putin-mng-2024")
    visit.delete()
    tail = get(client, "/api/v1/changes/", cursor=cursor).json()["changes"]
    assert [(c["type"], c["key"], c["action"], c["url"]) for c in tail][-1] == (
        "visit",
        "putin-mng-2024",
        "deleted",
        None,
    )
    again = get(client, "/api/v1/changes/", cursor=tail[-1]["cursor"]).json()
    assert again["changes"] == [] and again["more"] is False


def test_a_forged_cursor_is_refused(client):
    response = get(client, "/api/v1/changes/", cursor="eyJ0IjoiMjAyNSJ9:forged")
    assert response.status_code == 400 and "Not a cursor" in response.content.decode()
    assert get(client, "/api/v1/changes/", limit="0").status_code == 400


def test_atom_and_json_feeds_of_the_same_changes(client):
    atom = client.get("/api/v1/changes.atom")
    assert atom.status_code == 200 and b"<feed" in atom.content
    feed = client.get("/api/v1/changes.json").json()
    assert feed["version"].startswith("https://jsonfeed.org") and len(feed["items"]) == 50


def test_bulk_download_with_checksums_round_trips(client, tmp_path):
    import hashlib

    from compliance.facts import dataset

    index = client.get("/api/v1/download/").json()
    names = {f["name"]: f for f in index["files"]}
    assert {"states.json", "persons.json", "visits.csv", "treaty_events.csv"} <= set(names)
    for name in ("states.json", "treaty_events.json", "persons.json", "visits.json"):
        body = b"".join(client.get(f"/api/v1/download/{name}").streaming_content)
        assert hashlib.sha256(body).hexdigest() == names[name]["sha256"]
        (tmp_path / name).write_bytes(body)
    report = dataset.load(dataset.read(tmp_path))
    assert not report.changed and not report.kept
    assert client.get("/api/v1/download/secrets.txt").status_code == 404
    assert client.get("/api/v1/download/").json()["version"] == index["version"]


def test_the_etag_changes_exactly_when_the_content_can(client, django_capture_on_commit_callbacks):
    from compliance.models import Visit

    first = get(client, "/api/v1/visits/", state="MNG")
    assert get(client, "/api/v1/visits/", state="MNG")["ETag"] == first["ETag"]  # served from the cache
    with django_capture_on_commit_callbacks(execute=True):
        visit = Visit.objects.get(key="putin-mng-2024")
        visit.occasion = "State visit (edited)"
        visit.save()
    changed = client.get(
        "/api/v1/visits/", {"state": "MNG"}, HTTP_ACCEPT="application/json", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert "State visit (edited)" in changed.content.decode()


def _live_verdicts(on):
    from compliance.facts import verdicts
    from compliance.models import Visit

    return {v.key: verdicts.confirmed_visit_verdict_data(v, on) for v in Visit.objects.all()}


def _listed(client, **params):
    return {r["key"]: r for r in get(client, "/api/v1/visits/", page_size=500, **params).json()["results"]}


def test_the_feed_lists_the_same_verdicts_the_rules_give_stored_or_not(client):
    from django.core.cache import cache
    from django.utils import timezone

    from compliance.feed import stored
    from compliance.models import StoredVisit, Visit

    today = timezone.localdate()
    StoredVisit.objects.all().delete()
    built = _listed(client)
    assert {key: visit["verdict"] for key, visit in built.items()} == _live_verdicts(today)
    assert stored.store(Visit.objects.all(), today) == Visit.objects.count()
    cache.clear()
    assert _listed(client) == built
    past = _listed(client, as_of="2024-09-01")
    assert {key: visit["verdict"] for key, visit in past.items()} == _live_verdicts(date(2024, 9, 1))
    assert past["putin-mng-2024"]["verdict"]["status"] == "announced"
    assert built["putin-mng-2024"]["verdict"]["status"] == "completed"


def test_a_stored_visit_is_read_only_for_its_own_date(client):
    from django.core.cache import cache
    from django.utils import timezone

    from compliance.feed import stored
    from compliance.models import StoredVisit, Visit

    today = timezone.localdate()
    visit = Visit.objects.get(key="putin-mng-2024")
    stored.store(Visit.objects.filter(pk=visit.pk), today)
    marked = {**json.loads(StoredVisit.objects.get(pk=visit.pk).document), "occasion": "marker"}
    StoredVisit.objects.filter(pk=visit.pk).update(document=json.dumps(marked))
    assert get(client, "/api/v1/visits/putin-mng-2024/").json() == marked  # the stored row is what is served
    StoredVisit.objects.filter(pk=visit.pk).update(on=today - timedelta(days=1))
    cache.clear()
    assert get(client, "/api/v1/visits/putin-mng-2024/").json()["occasion"] == visit.occasion


@pytest.mark.parametrize("change", ["treaty event", "citation", "person", "finding link"])
def test_changing_an_input_replaces_the_stored_visits_it_fed(client, django_capture_on_commit_callbacks, change):
    from django.utils import timezone

    from compliance.feed import stored
    from compliance.models import Finding, Person, Source, StoredVisit, TreatyEvent, Visit

    today = timezone.localdate()
    stored.store(Visit.objects.all(), today)
    visit = Visit.objects.get(key="putin-mng-2024")
    before = get(client, "/api/v1/visits/putin-mng-2024/").json()
    assert before["verdict"]["obliged"] is True and before["verdict"]["failed_to_arrest"] is True
    elsewhere = StoredVisit.objects.exclude(visit__state__iso3="MNG").exclude(visit__person=visit.person)
    untouched = elsewhere.count()
    assert untouched > 0
    with django_capture_on_commit_callbacks(execute=True):
        if change == "treaty event":
            TreatyEvent.objects.filter(state__iso3="MNG", kind="deposit").delete()  # as if Mongolia never ratified
        elif change == "citation":
            visit.citations.create(source=Source.objects.exclude(key__in=before["sources"]).first())
        elif change == "person":
            Person.objects.filter(pk=visit.person_id).first().save()  # a rename, say
        else:
            Finding.objects.get(visits=visit).visits.remove(visit)
        assert not StoredVisit.objects.filter(visit=visit).exists()
        assert elsewhere.count() == untouched  # only the documents built from the changed row go
    after = get(client, "/api/v1/visits/putin-mng-2024/").json()
    if change == "treaty event":
        # a mere signatory now, and its signature rests on one secondary source: the verdict is not stated
        assert after["verdict"]["confirmed"] is False and after["verdict"]["obliged"] is None
        assert {"kind": "treaty_event", "key": "MNG:signature:2000-12-29"} in after["verdict"]["unconfirmed"]
    elif change == "citation":
        assert len(after["sources"]) == len(before["sources"]) + 1
    elif change == "finding link":
        assert after["verdict"] != before["verdict"]
    kept = StoredVisit.objects.get(visit=visit)  # the task stored the new document
    assert kept.on == today and json.loads(kept.document) == after


def test_a_visit_built_from_inputs_that_changed_meanwhile_is_not_stored(monkeypatch):
    from django.utils import timezone

    from compliance.feed import stored
    from compliance.models import StoredVisit, TreatyEvent, Visit

    today = timezone.localdate()
    StoredVisit.objects.all().delete()
    building = stored.build

    def built_while_an_editor_saves(visits, on):
        result = building(visits, on)
        TreatyEvent.objects.filter(state__iso3="MNG").first().save()  # committed before the batch is written
        return result

    monkeypatch.setattr(stored, "build", built_while_an_editor_saves)
    assert stored.store(Visit.objects.all(), today) == 0
    assert not StoredVisit.objects.exists()
    monkeypatch.setattr(stored, "build", building)
    assert stored.store(Visit.objects.all(), today) == Visit.objects.count()


def test_the_fast_visit_representation_equals_the_declared_fields():
    """The feed builds visit dicts by hand for speed; they must equal what the declared fields build."""
    from django.utils import timezone
    from rest_framework import serializers as drf

    from compliance.facts import verdicts
    from compliance.feed.api.serializers import VisitSerializer
    from compliance.feed.stored import attach_source_keys
    from compliance.models import Visit

    visits = list(Visit.objects.select_related("person", "state").prefetch_related("citations__source"))
    verdicts.attach_visit_verdicts(visits, timezone.localdate())
    generic = {v.key: dict(drf.ModelSerializer.to_representation(VisitSerializer(), v)) for v in visits}
    attach_source_keys(visits, Visit)
    fast = {v.key: VisitSerializer(v).data for v in visits}
    assert fast == generic
    assert all(v["sources"] for v in fast.values())
    assert all(v["verdict"]["reasons"] for v in fast.values() if v["verdict"]["confirmed"])


def test_a_revalidation_costs_no_rate_limit_and_keeps_its_cors_headers(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://partner.example"]
    settings.COMPLIANCE_API_ANON_RATE = "2/min"
    first = get(client, "/api/v1/visits/", state="MNG")
    assert first.status_code == 200
    again = [
        client.get(
            "/api/v1/visits/",
            {"state": "MNG"},
            HTTP_ACCEPT="application/json",
            HTTP_IF_NONE_MATCH=first["ETag"],
            HTTP_ORIGIN="https://partner.example",
        )
        for _ in range(5)
    ]
    assert [r.status_code for r in again] == [304] * 5
    assert again[0]["Access-Control-Allow-Origin"] == "https://partner.example"
    assert again[0]["ETag"] == first["ETag"] and "max-age" in again[0]["Cache-Control"]
    assert get(client, "/api/v1/visits/", state="MNG").status_code == 200  # the second counted request
    assert get(client, "/api/v1/visits/", state="MNG").status_code == 429
    stale = client.get(
        "/api/v1/visits/", {"state": "MNG"}, HTTP_ACCEPT="application/json", HTTP_IF_NONE_MATCH='"not-ours"'
    )
    assert stale.status_code == 429  # an ETag that does not match is a counted request


@pytest.mark.parametrize("ordering", ["start", "-start"])
def test_ordering_puts_records_without_a_value_last_and_pages_never_overlap(client, ordering):
    keys, page = [], 1
    while True:
        body = get(client, "/api/v1/visits/", ordering=ordering, page_size=7, page=page).json()
        keys += [visit["key"] for visit in body["results"]]
        if not body["next"]:
            break
        page += 1
    from compliance.models import Visit

    assert len(keys) == len(set(keys)) == Visit.objects.count()
    starts = [Visit.objects.get(key=key).start for key in keys]
    dated = [s for s in starts if s is not None]
    assert starts[: len(dated)] == dated and all(s is None for s in starts[len(dated) :])
    assert dated == sorted(dated, reverse=ordering.startswith("-"))
