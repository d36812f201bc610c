"""Detection, visit boxes and the claim check on the annotated evaluation set (tests/eval), per
half. The floors are what the system reaches today, so a change that makes any number worse fails
here. Run `python -m tests.eval.evaluate` (or this file with `-s`) to see the table."""

from collections import namedtuple

import pytest

from tests.eval.evaluate import evaluate, load, table

pytestmark = pytest.mark.django_db

# What the system reaches today, per half and per language ("all": the half as a whole): precision and
# recall of the persons and states every article mentions; the share of articles whose visit boxes are
# all right, and visit boxes built that nobody annotated (at most); the share of annotated factual errors
# flagged, and correct sentences flagged as errors (at most).
Floor = namedtuple(
    "Floor",
    "persons_precision persons_recall states_precision states_recall articles_right wrong_boxes errors correct_flagged",
)
FLOORS = {
    ("dev", "en"): Floor(1.0, 1.0, 0.99, 0.985, 0.93, 0, 0.857, 0),
    ("dev", "uk"): Floor(1.0, 1.0, 1.0, 1.0, 1.0, 0, 0.875, 0),
    ("dev", "ru"): Floor(1.0, 1.0, 0.981, 0.972, 0.963, 0, 0.632, 0),
    ("dev", "all"): Floor(1.0, 1.0, 0.99, 0.984, 0.958, 0, 0.794, 0),
    ("test", "en"): Floor(1.0, 0.982, 0.983, 0.983, 0.721, 9, 0.24, 4),
    ("test", "uk"): Floor(0.971, 0.971, 0.979, 0.969, 0.852, 0, 0.684, 1),
    ("test", "ru"): Floor(1.0, 0.978, 0.99, 1.0, 0.741, 3, 0.412, 2),
    ("test", "all"): Floor(0.993, 0.978, 0.984, 0.984, 0.763, 12, 0.426, 7),
}


@pytest.fixture(scope="module")
def report(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        found = evaluate(load())
    print()
    for split in ("test", "dev"):
        print(table(found["groups"], split))
    return found


GROUPS = sorted(FLOORS)


@pytest.mark.parametrize("group", GROUPS, ids=["-".join(g) for g in GROUPS])
def test_persons_and_states_are_found_at_least_as_well_as_before(report, group):
    scores, floor = report["groups"][group], FLOORS[group]
    assert scores["persons"]["precision"] >= floor.persons_precision, (group, scores["persons"])
    assert scores["persons"]["recall"] >= floor.persons_recall, (group, scores["persons"])
    assert scores["states"]["precision"] >= floor.states_precision, (group, scores["states"])
    assert scores["states"]["recall"] >= floor.states_recall, (group, scores["states"])


@pytest.mark.parametrize("group", GROUPS, ids=["-".join(g) for g in GROUPS])
def test_visit_boxes_are_built_for_the_visits_reported_and_no_others(report, group):
    visits, floor = report["groups"][group]["visit_boxes"], FLOORS[group]
    assert visits["articles_right_share"] >= floor.articles_right, (group, visits)
    assert visits["wrong"] <= floor.wrong_boxes, (group, visits)


@pytest.mark.parametrize("group", GROUPS, ids=["-".join(g) for g in GROUPS])
def test_factual_errors_are_flagged_and_correct_sentences_are_not(report, group):
    scores, floor = report["groups"][group], FLOORS[group]
    assert scores["errors"]["share"] >= floor.errors, (group, scores["errors"])
    assert scores["correct"]["flagged_as_errors"] <= floor.correct_flagged, (group, scores["correct"])


def test_every_annotated_quote_is_in_its_article(report):
    unlocated = {row["file"]: row["unlocated"] for row in report["articles"] if row["unlocated"]}
    assert not unlocated
