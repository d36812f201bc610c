"""The sourcing rule gates what readers see; the shipped dataset, re-audited under it."""

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils.text import slugify

from compliance import rules
from compliance.editorial import boxes
from compliance.facts import sourcing
from compliance.models import Citation, Finding, Person, Source, State, TreatyEvent, Visit, Warrant

pytestmark = pytest.mark.django_db

DEMO = Path("/work/shared/articles/tajikistan-lets-putin-enter.txt")
SEED = json.loads((Path(__file__).resolve().parent.parent / "newsroom" / "demo" / "articles.json").read_text())[0]


def audit(*args) -> dict:
    out = StringIO()
    call_command("audit_sources", "--json", *args, stdout=out)
    return json.loads(out.getvalue())


def cite(fact, *sources):
    for source in sources:
        Citation.objects.create(source=source, content_type=ContentType.objects.get_for_model(fact), object_id=fact.pk)


def stated_text(box: dict) -> str:
    items = box["statements"] + [s for sec in box["sections"] for s in sec["statements"]] + box["since_publication"]
    return " ".join(item["text"] for item in items)


def test_the_audit_passes_on_the_shipped_dataset_and_nothing_below_the_rule_reaches_readers():
    report = audit()
    assert report["visible_to_readers"] == []
    assert report["unrated_sources"] == []
    assert report["sources_by_tier"]["primary"] > 0 and report["sources_by_tier"]["unusable"] > 0
    # the listed facts really are below the rule, and the rule's grade agrees for each
    assert report["below_rule"]["count"] == len(report["below_rule"]["facts"]) > 0


def test_a_fact_sourced_only_to_a_blog_is_withheld_from_readers_and_listed_for_editors(client, admin_client):
    blog = Source.objects.create(
        key="some-blog",
        url="https://someone.blogspot.com/p",
        title="A post",
        publisher="A blog",
        tier=sourcing.UNUSABLE,
    )
    putin, spain = Person.objects.get(qid="Q7747"), State.objects.get(iso3="ESP")
    visit = Visit.objects.create(
        key="putin-esp-blog",
        person=putin,
        state=spain,
        start=date(2024, 5, 2),
        end=date(2024, 5, 3),
        status="completed",
        outcome="not_arrested",
    )
    cite(visit, blog)

    box = boxes.person_box(putin, date(2025, 1, 1))
    assert "Spain" not in stated_text(box)
    assert "some-blog" not in {s["key"] for s in box["sources"]}
    assert f"visit:{visit.pk}" not in box["stated"]
    page = client.get(f"/people/{putin.pk}/").content.decode()
    assert "Spain, 2" not in page and "someone.blogspot.com" not in page

    listed = {row["fact"]: row for row in audit("--no-boxes")["below_rule"]["facts"]}
    assert "unusable: some-blog" in listed[f"visit:{visit.pk}"]["why"]
    needs = admin_client.get("/admin/compliance/source/needs-sourcing/").content.decode()
    assert "putin-esp-blog" in needs or str(visit) in needs


def test_one_reputable_secondary_source_is_not_enough_but_two_independent_ones_are():
    def src(key, publisher, tier):
        return Source(key=key, url=f"https://{key}.example/", title=key, publisher=publisher, tier=tier)

    assert not sourcing.assess([src("a", "JURIST", "secondary")]).confirmed
    assert not sourcing.assess([src("a", "JURIST", "secondary"), src("b", "JURIST", "secondary")]).confirmed
    # wire copy counts under the wire
    assert not sourcing.assess(
        [src("a", "The Citizen, carrying AP", "secondary"), src("b", "Associated Press", "secondary")]
    ).confirmed
    assert sourcing.assess([src("a", "JURIST", "secondary"), src("b", "Libya Herald", "secondary")]).confirmed
    assert sourcing.assess([src("a", "International Criminal Court", "primary")]).grade == "primary"
    assert not sourcing.assess([src("a", "Mirror", "unusable"), src("b", "Copy", "unusable")]).confirmed


def test_the_demo_article_box_states_no_unsourced_finding_and_cites_at_most_twelve_usable_sources(client):
    out = StringIO()
    call_command("detect", str(DEMO), "--language", "en", "--date", "2025-10-08", "--json", stdout=out)
    result = json.loads(out.getvalue())
    visit = next(b for b in result["boxes"] if b["kind"] == "visit")["data"]
    text = stated_text(visit)
    assert "19 March 2026" not in text and "Tajikistan had failed" not in json.dumps(result)
    assert 0 < len(visit["sources"]) <= 12
    tiers = dict(Source.objects.values_list("key", "tier"))
    assert all(tiers[s["key"]] in ("primary", "secondary") for s in visit["sources"])
    listed = {s["key"] for s in visit["sources"]}
    items = (
        visit["statements"] + [s for sec in visit["sections"] for s in sec["statements"]] + visit["since_publication"]
    )
    assert all(1 <= len(item["sources"]) <= 3 and set(item["sources"]) <= listed for item in items)
    # every finding stated rests on a primary source
    for ref in visit["facts"]:
        kind, pk = ref.split(":")
        if kind == "finding" and ref not in {r for w in visit["withheld"] for r in w["facts"]}:
            assert Finding.objects.get(pk=pk).sourcing.grade == "primary"
    assert not Finding.objects.filter(key="icc-tjk-2026-03-19").exists()


def test_footnotes_are_numbered_in_reading_order_and_all_point_into_the_list(client):
    from newsroom.models import Article

    article = Article.objects.create(**{k: v for k, v in SEED.items() if k in {f.name for f in Article._meta.fields}})
    putin, tjk = Person.objects.get(qid="Q7747"), State.objects.get(iso3="TJK")
    data = boxes.visit_box(putin, tjk, date(2025, 10, 8))
    order = [key for item in data["statements"] if item["code"] != "verdict" for key in item["sources"]]
    order += [
        key
        for sec in data["sections"]
        for item in sec["statements"]
        if item["code"] != "travel_count"
        for key in item["sources"]
    ]
    listed = [s["key"] for s in data["sources"]]
    assert listed[: len(dict.fromkeys(order))] == list(dict.fromkeys(order))
    assert article.pk


def test_montenegro_is_bound_from_independence_by_succession():
    mne = State.objects.get(iso3="MNE")
    event = TreatyEvent.objects.get(state=mne, kind="deposit")
    assert (event.instrument, event.date, event.effective) == ("succession", date(2006, 10, 23), date(2006, 6, 3))
    assert mne.membership_on(date(2006, 6, 3)).state_party
    assert not mne.membership_on(date(2006, 6, 2)).state_party
    assert mne.membership_on(date(2006, 7, 1)).reasons[0].code == "party_by_succession"
    # its sources (a mirror of the Austrian gazette, a wiki copy, PGA's table) do not meet the rule yet:
    # readers are not told, and the reason is said
    box = boxes.state_box(mne, date(2006, 8, 1))
    assert box["verdict"]["confirmed"] is False and "not yet confirmed" in box["verdict"]["text"]
    with_sources = boxes.wording.membership_sentence(
        "Montenegro", mne.membership_on(date(2006, 8, 1)), date(2006, 8, 1)
    )
    assert "by succession" in with_sources and "3 June 2006" in with_sources


def test_malaysia_withdrew_its_instrument_before_entry_into_force_and_never_became_a_party():
    mys = State.objects.get(iso3="MYS")
    assert mys.membership_on(date(2019, 3, 20)).status == "deposited"
    after = mys.membership_on(date(2019, 6, 2))
    assert not after.state_party and after.reasons[0].code == "instrument_withdrawn"
    assert after.reasons[0].params["entry_into_force"] == date(2019, 6, 1)
    assert not mys.membership_on(date(2025, 1, 1)).state_party
    assert "never became a party" in boxes.state_box(mys, date(2025, 1, 1))["verdict"]["text"]


def test_the_pure_rules_void_a_deposit_withdrawn_before_it_takes_effect():
    events = [
        rules.membership.TreatyEvent("deposit", date(2019, 3, 4), "accession"),
        rules.membership.TreatyEvent("instrument_withdrawn", date(2019, 4, 29)),
    ]
    assert rules.membership_on(events, date(2020, 1, 1)).status == "non_party"
    late = [events[0], rules.membership.TreatyEvent("instrument_withdrawn", date(2019, 6, 2))]
    assert rules.membership_on(late, date(2020, 1, 1)).state_party  # too late: only Art. 127 can end it


def test_libyas_article_12_3_declaration_covers_2011_to_the_end_of_2027():
    declaration = TreatyEvent.objects.get(state__iso3="LBY", kind="declaration_12_3", date=date(2025, 5, 12))
    assert declaration.period_end == date(2027, 12, 31) and declaration.period_start is None
    assert "2011" in declaration.note and declaration.confirmed
    lby = State.objects.get(iso3="LBY")
    membership = lby.membership_on(date(2025, 6, 1))
    assert not membership.state_party and any(r.code == "declaration_12_3" for r in membership.reasons)


def test_italys_finding_records_non_compliance_with_the_referral_deferred():
    finding = Finding.objects.get(key="icc-ita-2025-10-17")
    assert (finding.date, finding.result, finding.referral) == (date(2025, 10, 17), "non_compliance", "deferred")
    # two independent reputable reports, but no Court record read: a finding is stated only on the Court's own
    # record, so readers are not told yet
    assert not finding.confirmed and finding.sourcing.independent_secondary >= 2 and finding.reference == ""
    visit = finding.visits.get()
    assert (visit.key, visit.state.iso3, visit.start, visit.outcome) == (
        "njeem-ita-2025",
        "ITA",
        date(2025, 1, 19),
        "released",
    )
    box = boxes.state_box(State.objects.get(iso3="ITA"), date(2025, 12, 1))
    assert "17 October 2025" not in stated_text(box)
    assert f"finding:{finding.pk}" in {ref for item in box["withheld"] for ref in item["facts"]}
    assert "arrested, then released" in stated_text(box)  # the arrest and release rest on the ICC's release
    with_primary = Source.objects.create(
        key="icc-decision-ita",
        url="https://www.icc-cpi.int/x",
        title="Decision",
        publisher="International Criminal Court",
        tier="primary",
    )
    cite(finding, with_primary)
    text = stated_text(boxes.state_box(State.objects.get(iso3="ITA"), date(2025, 12, 1)))
    assert "17 October 2025" in text and "deferred its decision on a referral" in text


def test_netanyahus_hungary_visit_starts_on_3_april_2025():
    visit = Visit.objects.get(key="netanyahu-hun-2025")
    assert (visit.start, visit.end) == (date(2025, 4, 3), date(2025, 4, 6))
    assert "finansguncel-2025-05" not in {s.key for s in visit.sources}


@pytest.mark.parametrize(
    "key,status,on",
    [
        ("icc-kushayb-1", "convicted", date(2025, 10, 6)),
        ("icc-kushayb-2", "sentenced", date(2025, 12, 9)),
        ("icc-odhiambo", "deceased", date(2013, 10, 27)),
        ("icc-gicheru", "deceased", date(2022, 9, 26)),
        ("icc-el-hishri", "surrendered", date(2025, 12, 1)),
    ],
)
def test_statuses_are_dated_from_sources(key, status, on):
    assert Warrant.objects.get(key=key).status_on(on) == status
    assert Warrant.objects.get(key=key).confirmed


@pytest.mark.parametrize(
    "name,words",
    [
        ("Okot Odhiambo", "warrant withdrawn"),
        ("Paul Gicheru", "warrant withdrawn"),
        ("Ali Muhammad Ali Abd-Al-Rahman", "convicted and sentenced"),
    ],
)
def test_no_box_page_or_list_calls_a_dead_or_convicted_person_wanted(client, name, words):
    person = Person.objects.filter(name__icontains=name.split()[-1]).first()
    assert person is not None, name
    box = boxes.person_box(person, date(2026, 12, 1))
    assert "wanted" not in box["title"] and box["sought"] is False
    assert words in stated_text(box)
    page = client.get(f"/people/{person.pk}/").content.decode()
    assert words in page


def test_the_people_list_does_not_group_the_dead_or_convicted_with_the_wanted(client):
    listing = client.get("/people/").content.decode()
    for name in ("Odhiambo", "Gicheru", "Abd-Al-Rahman"):
        section = next(part for part in listing.split("<section") if name in part)
        heading = section.split("</h2>")[0].casefold()
        assert "wanted" not in heading and "at large" not in heading, (name, heading)


def test_the_tajikistan_finding_is_gone_and_sneidel_and_el_hishri_are_recorded():
    assert not Finding.objects.filter(state__iso3="TJK").exists()
    sneidel = Warrant.objects.get(key="icc-sneidel")
    assert (sneidel.issued, sneidel.made_public) == (date(2020, 11, 10), date(2025, 8, 8))
    assert all(c.article == "" for c in sneidel.charges.all())  # not stated in the sources: left blank
    arrest = Visit.objects.get(key="elhishri-deu-2025")
    assert (arrest.state.iso3, arrest.start, arrest.outcome) == ("DEU", date(2025, 7, 16), "surrendered")
    text = stated_text(boxes.state_box(State.objects.get(iso3="DEU"), date(2025, 12, 2)))
    assert "16 July" in text and "surrendered" in text


def test_shipped_records_stay_unverified_and_every_source_has_a_tier():
    for model in (Visit, Finding, Warrant, TreatyEvent):
        assert not model.objects.exclude(verified_at=None).exists()
    assert not Source.objects.filter(tier="").exists()


def api(client, url, **params):
    response = client.get(url, params, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_the_feed_states_no_verdict_resting_on_a_visit_below_the_rule(client):
    blog = Source.objects.create(
        key="some-blog",
        url="https://someone.blogspot.com/p",
        title="A post",
        publisher="A blog",
        tier=sourcing.UNUSABLE,
    )
    putin, spain = Person.objects.get(qid="Q7747"), State.objects.get(iso3="ESP")
    visit = Visit.objects.create(
        key="putin-esp-blog",
        person=putin,
        state=spain,
        start=date(2024, 5, 2),
        end=date(2024, 5, 3),
        status="completed",
        outcome="not_arrested",
    )
    cite(visit, blog)
    for document in (
        api(client, "/api/v1/visits/putin-esp-blog/"),
        next(
            v
            for v in api(client, "/api/v1/visits/", state="ESP", page_size=50)["results"]
            if v["key"] == "putin-esp-blog"
        ),
    ):
        verdict = document["verdict"]
        assert verdict["confirmed"] is False
        assert (verdict["obliged"], verdict["failed_to_arrest"], verdict["reasons"]) == (None, None, [])
        assert {"kind": "visit", "key": "putin-esp-blog"} in verdict["unconfirmed"]
    # a confirmed visit of the same person is stated as before (only a finding below the rule may be left out)
    mongolia = api(client, "/api/v1/visits/putin-mng-2024/")["verdict"]
    assert mongolia["confirmed"] is True and mongolia["obliged"] is True and mongolia["failed_to_arrest"] is True
    assert all(item["kind"] == "finding" for item in mongolia["unconfirmed"])


def test_the_feed_leaves_a_finding_below_the_rule_out_of_a_verdict_and_names_it(client):
    finding = Finding.objects.get(key="icc-ita-2025-10-17")
    assert not finding.confirmed
    verdict = api(client, "/api/v1/visits/njeem-ita-2025/", as_of="2025-12-01")["verdict"]
    assert verdict["unconfirmed"] == [{"kind": "finding", "key": "icc-ita-2025-10-17"}]
    assert not any(r["code"].startswith("finding_") for r in verdict["reasons"])
    assert "17 October 2025" not in json.dumps(verdict)
    cite(
        finding,
        Source.objects.create(
            key="icc-decision-ita",
            url="https://www.icc-cpi.int/x",
            title="Decision",
            publisher="International Criminal Court",
            tier="primary",
        ),
    )
    from django.core.cache import cache

    cache.clear()
    verdict = api(client, "/api/v1/visits/njeem-ita-2025/", as_of="2025-12-01")["verdict"]
    assert verdict["unconfirmed"] == [] and "finding_non_compliance" in {r["code"] for r in verdict["reasons"]}


def test_the_obligation_endpoint_states_nothing_resting_on_unconfirmed_treaty_events(client):
    # Montenegro's succession is recorded, but its sources (a mirror, a wiki copy, one NGO table) do not meet
    # the rule yet
    answer = api(client, "/api/v1/obligations/", person="Q7747", state="MNE", date="2025-01-01")
    assert answer["confirmed"] is False
    assert (answer["obliged"], answer["state_party"], answer["reasons"]) == (None, None, [])
    assert {"kind": "treaty_event", "key": "MNE:deposit:2006-10-23"} in answer["unconfirmed"]
    assert all(w["obliged"] is None for w in answer["warrants"])


def test_the_schema_tells_partners_what_an_unconfirmed_verdict_looks_like(client):
    schema = json.loads(client.get("/api/v1/schema/", {"format": "json"}).content)
    verdict = schema["components"]["schemas"]["Verdict"]["properties"]
    assert "below the sourcing rule" in verdict["confirmed"]["description"]
    assert verdict["obliged"].get("nullable") and verdict["failed_to_arrest"].get("nullable")
    assert set(verdict["unconfirmed"]["items"]["$ref"].split("/")[-1:]) == {"Unconfirmed"}
    assert "below the sourcing rule" in schema["paths"]["/api/v1/obligations/"]["get"]["description"]


def _article_showing(facts, *, published: bool, title: str):
    from compliance.models import BoxFact, ContextBox
    from newsroom.models import Article

    fields = {"status": "published", "published_at": "2025-10-08T12:00:00Z"} if published else {"status": "draft"}
    article = Article.objects.create(headline=title, slug=slugify(title), body="Text.", language="en", **fields)
    box = ContextBox.objects.create(
        content_type=ContentType.objects.get_for_model(article),
        object_id=article.pk,
        kind="person",
        person=Person.objects.get(qid="Q7747"),
        slot=f"person:{title}",
        status="approved",
    )
    BoxFact.objects.bulk_create([BoxFact(box=box, fact=ref) for ref in facts])
    return article


def _queue_rows(html: str, table: str) -> list[str]:
    body = html.split(f'id="{table}"')[1].split("</table>")[0]
    return [row for row in body.split("<tr>")[2:]]


def test_the_needs_sourcing_list_counts_only_articles_readers_can_see(admin_client):
    blog = Source.objects.create(
        key="some-blog",
        url="https://someone.blogspot.com/p",
        title="A post",
        publisher="A blog",
        tier=sourcing.UNUSABLE,
    )
    putin, spain = Person.objects.get(qid="Q7747"), State.objects.get(iso3="ESP")
    visit = Visit.objects.create(
        key="putin-esp-blog",
        person=putin,
        state=spain,
        start=date(2024, 5, 2),
        status="completed",
        outcome="not_arrested",
    )
    cite(visit, blog)
    ref = f"visit:{visit.pk}"
    _article_showing([ref], published=True, title="Seen")
    _article_showing([ref], published=False, title="A draft")
    rows = _queue_rows(admin_client.get("/admin/compliance/source/needs-sourcing/").content.decode(), "needs-sourcing")
    row = next(r for r in rows if str(visit) in r)
    assert "<td>1</td>" in row  # the draft's box does not count
    assert rows.index(row) == 0  # the only fact shown in a published article comes first


def test_fact_checkers_verify_a_record_against_the_source_they_pick_and_the_history_keeps_it(admin_client):
    from django.contrib.auth import get_user_model

    visit = Visit.objects.get(key="putin-mng-2024")
    assert visit.confirmed and visit.verified_at is None
    _article_showing([f"visit:{visit.pk}"], published=True, title="Mongolia")
    queue = _queue_rows(
        admin_client.get("/admin/compliance/source/needs-verifying/").content.decode(), "needs-verifying"
    )
    assert str(visit) in queue[0] and "<td>1</td>" in queue[0]
    assert not any("putin-esp" in r for r in queue)
    usable = [s for s in visit.sources if s.tier in ("primary", "secondary")]
    picked = sorted(usable, key=lambda s: s.key)[-1]
    form = admin_client.get(f"/admin/compliance/visit/{visit.pk}/verify/").content.decode()
    assert all(f'value="{s.pk}"' in form for s in usable)
    assert not any(f'value="{s.pk}"' in form for s in visit.sources if s.tier == "unusable")
    response = admin_client.post(
        f"/admin/compliance/visit/{visit.pk}/verify/", {"source": picked.pk, "note": "dates checked"}
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    admin = get_user_model().objects.get(username="admin")
    assert (visit.verified_by, visit.verified_against) == (admin, picked) and visit.verified_at is not None
    last = visit.history.first()
    assert (last.verified_against_id, last.history_user) == (picked.pk, admin)
    assert last.history_change_reason == f"verified against {picked.key}: dates checked"
    queue = _queue_rows(
        admin_client.get("/admin/compliance/source/needs-verifying/").content.decode(), "needs-verifying"
    )
    assert not any(str(visit) in row for row in queue)


def test_a_record_below_the_rule_cannot_be_verified_and_verifying_needs_the_permission(client, admin_client):
    from django.contrib.auth import get_user_model

    finding = Finding.objects.get(key="icc-ita-2025-10-17")
    page = admin_client.post(
        f"/admin/compliance/finding/{finding.pk}/verify/", {"source": finding.sources[0].pk}
    ).content.decode()
    assert "below the sourcing rule" in page
    finding.refresh_from_db()
    assert finding.verified_at is None
    viewer = get_user_model().objects.create_user("viewer", password="x", is_staff=True)
    client.force_login(viewer)
    assert client.get(f"/admin/compliance/visit/{Visit.objects.first().pk}/verify/").status_code == 403
    assert client.get("/admin/compliance/source/needs-verifying/").status_code == 403


def test_the_map_leaves_blank_a_state_whose_answer_rests_on_unconfirmed_treaty_events(client):
    from compliance.reader import maps

    putin, mne = Person.objects.get(qid="Q7747"), State.objects.get(iso3="MNE")
    assert not all(e.confirmed for e in mne.treaty_events.filter(kind="deposit"))
    answer = maps.arrest_map(putin, date(2025, 1, 1))
    assert "MNE" in {s["iso3"] for s in answer.states[maps.UNCONFIRMED]}
    assert "MNE" not in answer.categories
    assert "TUR" in {s["iso3"] for s in answer.states[maps.NOT_OBLIGED]}  # confirmed answers keep their colour
    page = client.get(f"/people/{putin.pk}/map/", {"date": "2025-01-01"}).content.decode()
    import re

    assert re.findall(r'class="cmap-(?:area|marker) cmap-([a-z-]+)[^"]*" data-iso3="MNE"', page) in (
        ["none"],
        ["none", "none"],
    )
    listed = page.split("cmap__states--unconfirmed")[1].split("</ul>")[0]
    assert mne.name in listed
    # once a primary source is cited, Montenegro is coloured as obliged again
    untc = Source.objects.create(
        key="untc-test", url="https://treaties.un.org/x", title="UNTC", tier="primary", publisher="United Nations"
    )
    for event in mne.treaty_events.filter(kind="deposit"):
        cite(event, untc)
    assert "MNE" in {s["iso3"] for s in maps.arrest_map(putin, date(2025, 1, 1)).states[maps.OBLIGED]}


def test_the_timeline_and_state_page_show_no_trip_or_standing_below_the_rule(client):
    blog = Source.objects.create(
        key="some-blog",
        url="https://someone.blogspot.com/p",
        title="A post",
        publisher="A blog",
        tier=sourcing.UNUSABLE,
    )
    putin, mne, mng = (Person.objects.get(qid="Q7747"), State.objects.get(iso3="MNE"), State.objects.get(iso3="MNG"))
    to_mne = Visit.objects.create(
        key="putin-mne-test",
        person=putin,
        state=mne,
        start=date(2024, 6, 2),
        status="completed",
        outcome="not_arrested",
    )
    cite(to_mne, Source.objects.filter(tier="primary").first())  # the visit is confirmed; MNE's accession is not
    on_blog = Visit.objects.create(
        key="putin-mng-blog",
        person=putin,
        state=mng,
        start=date(2024, 7, 9),
        status="completed",
        outcome="not_arrested",
    )
    cite(on_blog, blog)
    from compliance.reader import timeline

    line = timeline.person_timeline(putin, date(2025, 1, 1))
    assert not [e for e in line.events if e.state == "MNE"] and date(2024, 7, 9) not in {e.on for e in line.events}
    assert [e for e in line.events if e.state == "MNG"]  # the confirmed visit stays
    page = client.get(f"/people/{putin.pk}/", {"date": "2025-01-01"}).content.decode()
    assert "Montenegro, 2" not in page and "9 July 2024" not in page
    state_page = client.get("/states/MNG/").content.decode()
    assert 'datetime="2024-07-09"' not in state_page
    assert f'datetime="{Visit.objects.get(key="putin-mng-2024").start.isoformat()}"' in state_page
    periods = timeline.membership_periods(mne, date(2025, 1, 1))
    assert periods[-1].status == "unconfirmed" and all(p.status != "party" for p in periods)
    # Mongolia's accession rests on the UN, its signature on one NGO: the party years are told, the signatory
    # months are not
    statuses = [p.status for p in timeline.membership_periods(mng, date(2025, 1, 1))]
    assert statuses[-1] == "party" and "signatory" not in statuses and "unconfirmed" in statuses
    assert "not yet confirmed" in client.get("/states/MNE/").content.decode()
    listing = client.get("/states/").content.decode()
    row = next(r for r in listing.split("<tr>") if "/states/MNE/" in r)
    assert "not yet confirmed" in row and "state party" not in row
    assert "state party" in next(r for r in listing.split("<tr>") if "/states/MNG/" in r)


def test_loading_the_reference_sets_tiers_on_rows_loaded_before_tiers_existed():
    from compliance.facts import dataset

    # as a database loaded before tiers existed holds them: no tier, no original, digests without them
    old = list(Source.objects.exclude(reference_key=None).order_by("key")[:40])
    edited = old[0]
    for source in old:
        Source.objects.filter(pk=source.pk).update(tier="", original_publisher="", original_title="", original_url="")
        source.refresh_from_db()
        Source.objects.filter(pk=source.pk).update(reference_digest=dataset._digest(dataset.source_from_db(source)))
    Source.objects.filter(pk=edited.pk).update(title="An editor's better title")  # changed since the load

    out = StringIO()
    call_command("load_reference", stdout=out)
    shipped = {
        s["key"]: s
        for f in ("states", "treaty_events", "persons", "visits")
        for s in json.loads((dataset.REFERENCE_DIR / f"{f}.json").read_text()).get("sources", [])
    }
    for source in old[1:]:
        source.refresh_from_db()
        assert source.tier == shipped[source.key]["tier"] != ""
        assert source.original_publisher == (shipped[source.key].get("original") or {}).get("publisher", "")
    edited.refresh_from_db()
    assert edited.title == "An editor's better title" and edited.tier == ""  # an editor's row is kept as it is
    assert edited.key in audit("--no-boxes")["unrated_sources"]  # ... and the audit says its tier is missing


def test_a_source_added_without_a_key_gets_one_made_from_its_title_in_any_script(admin_client):
    from compliance.models import Source

    response = admin_client.post(
        "/admin/compliance/source/add/",
        {
            "title": "Суд визнав: Монголія не виконала запит",
            "url": "https://example.org/a",
            "tier": "secondary",
            "citations-TOTAL_FORMS": "0",
            "citations-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code in (200, 302)
    first = Source.objects.get(url="https://example.org/a")
    assert first.key == "sud-viznav-mongoliya-ne-vikonala-zapit"
    second = Source.objects.create(title=first.title, url="https://example.org/b", tier="secondary")
    assert second.key == f"{first.key}-2"
    second.title = "Another title"
    second.save()
    assert second.key == f"{first.key}-2"  # kept: links to it stay stable
