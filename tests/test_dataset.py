import json
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType

from compliance.facts import dataset, verdicts
from compliance.models import Citation, Finding, Person, State, TreatyEvent, Visit, Warrant

pytestmark = pytest.mark.django_db


def test_every_fact_cites_a_source():
    for model in (State, TreatyEvent, Person, Warrant, Visit, Finding):
        ct = ContentType.objects.get_for_model(model)
        cited = set(Citation.objects.filter(content_type=ct).values_list("object_id", flat=True))
        uncited = model.objects.exclude(pk__in=cited)
        assert not uncited.exists(), f"{model.__name__} without a source: {list(uncited[:5])}"


def test_loading_twice_changes_nothing():
    report = dataset.load(dataset.read())
    assert not report.changed and not report.kept
    assert report.unchanged > 1000


def test_an_editors_change_is_never_overwritten():
    tajikistan = State.objects.get(iso3="TJK")
    tajikistan.name = "Republic of Tajikistan"
    tajikistan.save()
    report = dataset.load(dataset.read())
    assert report.kept == ["state:TJK"]
    tajikistan.refresh_from_db()
    assert tajikistan.name == "Republic of Tajikistan"


def test_dry_run_reports_and_changes_nothing():
    Visit.objects.filter(key="putin-mng-2024").delete()
    report = dataset.load(dataset.read(), dry_run=True)
    assert "visit:putin-mng-2024" in report.created
    assert not Visit.objects.filter(key="putin-mng-2024").exists()


def test_export_round_trips(tmp_path):
    dataset.write(dataset.export(), tmp_path)
    exported, shipped = dataset.read(tmp_path), dataset.read()
    for collection in ("states", "persons", "warrants", "visits", "findings", "sc_obligations"):
        assert len(exported[collection]) == len(shipped[collection]), collection
    assert dataset.fold_events(exported["treaty_events"]) == dataset.fold_events(shipped["treaty_events"])
    report = dataset.load(exported)
    assert not report.changed and not report.kept


def test_a_broken_file_is_reported_and_loses_nothing(tmp_path):
    before = State.objects.count()
    (tmp_path / "states.json").write_text('{"format": 1, "states": [', encoding="utf-8")
    with pytest.raises(dataset.DatasetError, match="not valid JSON"):
        dataset.read(tmp_path)
    (tmp_path / "states.json").write_text(
        json.dumps(
            {
                "format": 1,
                "sources": [],
                "states": [{"iso2": "XX", "iso3": "XXX", "names": {"en": "Nowhere"}, "sources": ["no-such-source"]}],
            }
        )
    )
    with pytest.raises(dataset.DatasetError, match="unknown sources"):
        dataset.load(dataset.read(tmp_path))
    assert State.objects.count() == before


def test_every_un_member_and_observer_is_present():
    assert State.objects.filter(un_status="member").count() == 193
    assert set(State.objects.filter(un_status="observer").values_list("iso3", flat=True)) == {"VAT", "PSE"}
    for state in State.objects.prefetch_related("aliases"):
        names = {a.language for a in state.aliases.all() if a.kind == "name"}
        assert names >= {"en", "uk", "ru"}, state.iso3


def test_shipped_entry_into_force_dates_agree_with_article_126():
    disagreements = []
    for state in State.objects.with_events():
        for event in state.treaty_events.all():
            membership = state.membership_on(event.date)
            disagreements += [f"{state.iso3}: {r.text}" for r in membership.discrepancies]
    assert not disagreements


@pytest.mark.parametrize(
    "on, count",
    [
        (date(2024, 2, 1), 124),  # Armenia, the 124th state party (ICC, 1 February 2024)
        (date(2025, 1, 1), 125),  # Ukraine, the 125th (ICC, 1 January 2025)
    ],
)
def test_count_of_states_parties_comes_from_the_data(on, count):
    assert verdicts.parties_count(on) == count
