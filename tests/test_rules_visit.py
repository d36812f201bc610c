from datetime import date as d

import pytest

from compliance.rules import VisitFacts, is_trip, obligation_on, visit_status_on, visit_verdict
from compliance.rules.visit import FindingFacts
from tests.real_cases import BASHIR_FIRST_WARRANT, JORDAN, MONGOLIA, PUTIN_WARRANT, TAJIKISTAN

MONGOLIA_2024 = VisitFacts(start=d(2024, 9, 2), end=d(2024, 9, 3), outcome="not_arrested")
MONGOLIA_FINDING = FindingFacts(d(2024, 10, 24), "non_compliance", "asp", "ICC-01/22-90")
JORDAN_2017 = VisitFacts(start=d(2017, 3, 29), end=d(2017, 3, 29), outcome="not_arrested")
JORDAN_FINDING = FindingFacts(
    d(2017, 12, 11), "non_compliance", "asp", appeal_status="reversed", appeal_date=d(2019, 5, 6)
)


@pytest.mark.parametrize(
    "visit, on, status",
    [
        (MONGOLIA_2024, d(2024, 9, 1), "announced"),
        (MONGOLIA_2024, d(2024, 9, 2), "ongoing"),
        (MONGOLIA_2024, d(2024, 9, 3), "ongoing"),
        (MONGOLIA_2024, d(2024, 9, 4), "completed"),
        (VisitFacts(start=None, planned_start=d(2025, 10, 8), planned_end=d(2025, 10, 10)), d(2025, 10, 9), "ongoing"),
        (VisitFacts(start=None), d(2025, 1, 1), "announced"),
        (VisitFacts(start=None, planned_start=d(2023, 8, 22), cancelled=True), d(2023, 8, 22), "cancelled"),
    ],
)
def test_visit_status_on_a_date(visit, on, status):
    assert visit_status_on(visit, on) == status


def test_mongolia_2024_obliged_not_arrested_referred():
    obligation = obligation_on(MONGOLIA, PUTIN_WARRANT, d(2024, 9, 2), state="MNG")
    verdict = visit_verdict(MONGOLIA_2024, obligation, [MONGOLIA_FINDING], d(2025, 10, 8))
    assert verdict.failed_to_arrest
    assert [r.code for r in verdict.reasons] == ["visit_obliged", "not_arrested", "finding_non_compliance"]
    assert "24 October 2024" in verdict.reasons[-1].text
    assert "Assembly of States Parties" in verdict.reasons[-1].text


def test_a_finding_made_after_the_date_is_not_known_yet():
    obligation = obligation_on(MONGOLIA, PUTIN_WARRANT, d(2024, 9, 2), state="MNG")
    verdict = visit_verdict(MONGOLIA_2024, obligation, [MONGOLIA_FINDING], d(2024, 10, 1))
    assert verdict.findings == ()


def test_jordan_2017_referral_reversed_on_appeal():
    obligation = obligation_on(JORDAN, BASHIR_FIRST_WARRANT, d(2017, 3, 29), state="JOR")
    before = visit_verdict(JORDAN_2017, obligation, [JORDAN_FINDING], d(2018, 1, 1))
    after = visit_verdict(JORDAN_2017, obligation, [JORDAN_FINDING], d(2019, 6, 1))
    assert "reversed" not in before.reasons[-1].text
    assert "the referral was reversed on appeal" in after.reasons[-1].text


def test_tajikistan_2025_while_it_was_happening():
    visit = VisitFacts(start=d(2025, 10, 8), end=d(2025, 10, 10), outcome="not_arrested")
    obligation = obligation_on(TAJIKISTAN, PUTIN_WARRANT, d(2025, 10, 8), state="TJK")
    verdict = visit_verdict(visit, obligation, [], d(2025, 10, 8))
    assert verdict.status == "ongoing" and verdict.failed_to_arrest


def test_a_cancelled_visit_is_no_trip():
    south_africa_2023 = VisitFacts(start=None, planned_start=d(2023, 8, 22), planned_end=d(2023, 8, 24), cancelled=True)
    assert is_trip(MONGOLIA_2024) is True
    assert is_trip(south_africa_2023) is False
