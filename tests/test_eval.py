"""Detection, visit boxes and the claim check on the annotated evaluation set (tests/eval), per
half. The floors are what the system reaches today, so a change that makes any number worse fails
here. Run `python -m tests.eval.evaluate` (or this file with `-s`) to see the table."""

import pytest

from tests.eval.evaluate import evaluate, load, table

pytestmark = pytest.mark.django_db

# (precision, recall) of the persons and states every article mentions, per half.
ENTITY_FLOORS = {
    "dev": {"persons": (1.0, 1.0), "states": (0.98, 0.97)},
    "test": {"persons": (0.983, 1.0), "states": (0.98, 0.98)},
}
# Share of articles whose visit boxes are all right; visit boxes built that nobody annotated (at most);
# share of annotated factual errors flagged; correct sentences flagged as errors (at most).
CLAIM_FLOORS = {
    "dev": {"articles_right": 0.833, "wrong_boxes": 8, "errors": 0.95, "correct_flagged": 0},
    "test": {"articles_right": 0.693, "wrong_boxes": 14, "errors": 0.5, "correct_flagged": 5},
}


@pytest.fixture(scope="module")
def report(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        found = evaluate(load())
    print()
    for split in ("test", "dev"):
        print(table(found["groups"], split))
    return found


@pytest.mark.parametrize("split", ["dev", "test"])
def test_persons_and_states_are_found_at_least_as_well_as_before(report, split):
    scores = report["groups"][(split, "all")]
    for key, (precision, recall) in ENTITY_FLOORS[split].items():
        assert scores[key]["precision"] >= precision, (split, key, scores[key])
        assert scores[key]["recall"] >= recall, (split, key, scores[key])


@pytest.mark.parametrize("split", ["dev", "test"])
def test_visit_boxes_are_built_for_the_visits_reported_and_no_others(report, split):
    visits, floors = report["groups"][(split, "all")]["visit_boxes"], CLAIM_FLOORS[split]
    assert visits["articles_right_share"] >= floors["articles_right"], (split, visits)
    assert visits["wrong"] <= floors["wrong_boxes"], (split, visits)


@pytest.mark.parametrize("split", ["dev", "test"])
def test_factual_errors_are_flagged_and_correct_sentences_are_not(report, split):
    scores, floors = report["groups"][(split, "all")], CLAIM_FLOORS[split]
    assert scores["errors"]["share"] >= floors["errors"], (split, scores["errors"])
    assert scores["correct"]["flagged_as_errors"] <= floors["correct_flagged"], (split, scores["correct"])


def test_every_annotated_quote_is_in_its_article(report):
    unlocated = {row["file"]: row["unlocated"] for row in report["articles"] if row["unlocated"]}
    assert not unlocated
