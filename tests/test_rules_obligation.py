from datetime import date as d

import pytest

from compliance.rules import SecurityCouncilDuty, obligation_on
from compliance.rules.obligation import WarrantFacts
from tests.real_cases import (
    BASHIR_FIRST_WARRANT,
    BURUNDI,
    CHINA,
    DUTERTE_WARRANT,
    HUNGARY,
    JORDAN,
    MONGOLIA,
    PHILIPPINES,
    PUTIN_WARRANT,
    RUSSIA,
    SOUTH_AFRICA,
    SUDAN,
    TAJIKISTAN,
    UKRAINE,
)

DARFUR = SecurityCouncilDuty("S/RES/1593 (2005)", "Darfur, Sudan", d(2005, 3, 31))


@pytest.mark.parametrize(
    "events, state, warrant, on, obliged, party, basis",
    [
        (TAJIKISTAN, "TJK", PUTIN_WARRANT, d(2025, 10, 8), True, True, "state_party"),
        (MONGOLIA, "MNG", PUTIN_WARRANT, d(2024, 9, 2), True, True, "state_party"),
        (JORDAN, "JOR", BASHIR_FIRST_WARRANT, d(2017, 3, 29), True, True, "state_party"),
        (SOUTH_AFRICA, "ZAF", BASHIR_FIRST_WARRANT, d(2015, 6, 14), True, True, "state_party"),
        (HUNGARY, "HUN", PUTIN_WARRANT, d(2025, 4, 3), True, True, "state_party"),
        (HUNGARY, "HUN", PUTIN_WARRANT, d(2026, 1, 1), True, True, "state_party"),  # notified, not yet effective
        # Hungary was a party when the warrant was issued: the obligation survives withdrawal (Art. 127(2))
        (HUNGARY, "HUN", PUTIN_WARRANT, d(2026, 7, 1), True, False, "surviving_obligation"),
        # Burundi left before the warrant was issued: nothing survives
        (BURUNDI, "BDI", PUTIN_WARRANT, d(2024, 1, 1), False, False, "none"),
        (RUSSIA, "RUS", PUTIN_WARRANT, d(2024, 1, 1), False, False, "none"),
        (CHINA, "CHN", PUTIN_WARRANT, d(2024, 5, 16), False, False, "none"),
        # Ukraine accepted jurisdiction over its own situation before it joined
        (UKRAINE, "UKR", PUTIN_WARRANT, d(2023, 6, 1), True, False, "article_12_3"),
        (UKRAINE, "UKR", PUTIN_WARRANT, d(2025, 1, 1), True, True, "state_party"),
        # the warrant had not been issued yet
        (MONGOLIA, "MNG", PUTIN_WARRANT, d(2023, 3, 16), False, True, "none"),
        # Duterte had been surrendered: no warrant outstanding
        (PHILIPPINES, "PHL", DUTERTE_WARRANT, d(2025, 4, 1), False, False, "none"),
    ],
)
def test_obligation_to_arrest(events, state, warrant, on, obliged, party, basis):
    obligation = obligation_on(events, warrant, on, state=state)
    assert (obligation.obliged, obligation.state_party, obligation.basis) == (obliged, party, basis)
    assert obligation.reasons and all(r.text for r in obligation.reasons)


def test_a_non_party_bound_by_the_security_council_must_arrest():
    obligation = obligation_on(SUDAN, BASHIR_FIRST_WARRANT, d(2010, 1, 1), state="SDN", sc_duties=[DARFUR])
    assert obligation.obliged and not obligation.state_party
    assert obligation.basis == "security_council"
    assert "1593" in obligation.reasons[-1].text


def test_a_security_council_duty_for_another_situation_does_not_apply():
    obligation = obligation_on(SUDAN, PUTIN_WARRANT, d(2024, 1, 1), state="SDN", sc_duties=[DARFUR])
    assert not obligation.obliged


def test_a_sealed_warrant_gives_no_public_obligation_yet():
    sealed = WarrantFacts(issued=d(2025, 3, 7), made_public=d(2025, 3, 11), situation="Philippines")
    obligation = obligation_on(MONGOLIA, sealed, d(2025, 3, 9), state="MNG")
    assert not obligation.obliged
    assert obligation.caveats[-1].code == "warrant_sealed"
    assert obligation_on(MONGOLIA, sealed, d(2025, 3, 11), state="MNG").obliged


def test_a_state_party_gets_the_immunity_caveat():
    obligation = obligation_on(JORDAN, BASHIR_FIRST_WARRANT, d(2017, 3, 29), state="JOR")
    assert [c.article for c in obligation.caveats] == ["Art. 27, 98"]


def test_a_pending_withdrawal_is_part_of_the_reasons():
    obligation = obligation_on(HUNGARY, PUTIN_WARRANT, d(2026, 1, 1), state="HUN")
    assert "withdrawal_pending" in [r.code for r in obligation.reasons]


def test_as_dict_has_the_keys_partners_rely_on():
    result = obligation_on(TAJIKISTAN, PUTIN_WARRANT, d(2025, 10, 8), state="TJK").as_dict()
    assert result["obliged"] is True and result["state_party"] is True
    assert result["reasons"][0]["article"] == "Art. 126"
    assert result["reasons"][0]["params"]["deposit"] == "2000-05-05"


def test_surrendered_and_in_custody_are_the_same_for_a_warrant():
    from compliance.rules.obligation import same_warrant_status

    assert same_warrant_status("surrendered", "in_custody")
    assert not same_warrant_status("at_large", "in_custody")
