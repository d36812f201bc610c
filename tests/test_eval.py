"""Detection quality on the annotated evaluation set of real articles (tests/eval). The floors are
below today's scores, so a change that makes detection worse fails here."""

import pytest

from tests.eval.evaluate import evaluate

pytestmark = pytest.mark.django_db

FLOORS = {
    "persons": (0.95, 0.95),
    "states": (0.95, 0.95),
    "salient_persons": (0.9, 0.9),
    "pairs": (0.9, 0.85),
}


def test_precision_and_recall_on_the_evaluation_set():
    scores = evaluate()["scores"]
    for key, (precision, recall) in FLOORS.items():
        assert scores[key]["precision"] >= precision, (key, scores[key])
        assert scores[key]["recall"] >= recall, (key, scores[key])
