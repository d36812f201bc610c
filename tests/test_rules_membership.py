from datetime import date as d

import pytest

from compliance.rules import TreatyEvent as E
from compliance.rules import count_parties, entry_into_force, membership_on, withdrawal_effective
from tests.real_cases import (
    BURUNDI,
    CHINA,
    HUNGARY,
    JORDAN,
    MONGOLIA,
    PHILIPPINES,
    RUSSIA,
    SOUTH_AFRICA,
    TAJIKISTAN,
    UKRAINE,
)


@pytest.mark.parametrize(
    "deposit, expected",
    [
        (d(2024, 10, 25), d(2025, 1, 1)),  # Ukraine: the worked example of Art. 126(2)
        (d(2002, 4, 11), d(2002, 7, 1)),  # the sixtieth instruments: the Statute's own entry into force
        (d(1999, 2, 2), d(2002, 7, 1)),  # early deposits wait for the Statute
        (d(2023, 11, 14), d(2024, 2, 1)),  # Armenia
        (d(2015, 1, 2), d(2015, 4, 1)),  # Palestine
        (d(2004, 9, 21), d(2004, 12, 1)),  # Burundi
        (d(2011, 8, 30), d(2011, 11, 1)),  # the Philippines
        (d(2023, 10, 31), d(2024, 1, 1)),  # the 60th day is 30 December: next month is January
        (d(2023, 11, 2), d(2024, 2, 1)),  # the 60th day is 1 January: the month after is February
    ],
)
def test_entry_into_force_follows_article_126(deposit, expected):
    assert entry_into_force(deposit) == expected


@pytest.mark.parametrize(
    "notified, expected",
    [
        (d(2016, 10, 27), d(2017, 10, 27)),  # Burundi
        (d(2018, 3, 17), d(2019, 3, 17)),  # the Philippines
        (d(2025, 6, 2), d(2026, 6, 2)),  # Hungary
        (d(2024, 2, 29), d(2025, 3, 1)),  # a leap day has no anniversary
    ],
)
def test_withdrawal_takes_effect_one_year_after_notification(notified, expected):
    assert withdrawal_effective(notified) == expected


@pytest.mark.parametrize(
    "events, on, party, status, article",
    [
        (HUNGARY, d(2025, 4, 3), True, "party", "Art. 126"),  # the day Netanyahu arrived; withdrawal only announced
        (HUNGARY, d(2025, 6, 2), True, "withdrawal_pending", "Art. 127(1)"),
        (HUNGARY, d(2026, 6, 1), True, "withdrawal_pending", "Art. 127(1)"),
        (HUNGARY, d(2026, 6, 2), False, "withdrawn", "Art. 127(1)"),
        (HUNGARY, d(2026, 7, 1), False, "withdrawn", "Art. 127(1)"),
        (HUNGARY, d(2002, 6, 30), False, "deposited", "Art. 126(2)"),
        (UKRAINE, d(2014, 5, 1), False, "signatory", "Art. 125"),
        (UKRAINE, d(2023, 3, 17), False, "signatory", "Art. 125"),
        (UKRAINE, d(2024, 12, 31), False, "deposited", "Art. 126(2)"),
        (UKRAINE, d(2025, 1, 1), True, "party", "Art. 126"),
        (BURUNDI, d(2017, 10, 26), True, "withdrawal_pending", "Art. 127(1)"),
        (BURUNDI, d(2017, 10, 27), False, "withdrawn", "Art. 127(1)"),
        (PHILIPPINES, d(2019, 3, 16), True, "withdrawal_pending", "Art. 127(1)"),
        (PHILIPPINES, d(2025, 3, 12), False, "withdrawn", "Art. 127(1)"),
        (SOUTH_AFRICA, d(2016, 12, 1), True, "withdrawal_pending", "Art. 127(1)"),
        (SOUTH_AFRICA, d(2017, 3, 7), True, "party", "Art. 126"),
        (SOUTH_AFRICA, d(2017, 10, 19), True, "party", "Art. 126"),  # the revoked withdrawal never took effect
        (MONGOLIA, d(2024, 9, 2), True, "party", "Art. 126"),
        (TAJIKISTAN, d(2025, 10, 8), True, "party", "Art. 126"),
        (JORDAN, d(2017, 3, 29), True, "party", "Art. 126"),
        (RUSSIA, d(2024, 1, 1), False, "signatory", "Art. 125"),
        (CHINA, d(2024, 1, 1), False, "non_party", "Art. 125"),
    ],
)
def test_membership_on_a_date(events, on, party, status, article):
    membership = membership_on(events, on)
    assert (membership.state_party, membership.status) == (party, status)
    assert article in [r.article for r in membership.reasons]
    assert membership.reason  # a sentence a reader can check


def test_tajikistan_deposited_in_2000_not_1999():
    membership = membership_on(TAJIKISTAN, d(2025, 10, 8))
    assert membership.deposit == d(2000, 5, 5)
    assert "5 May 2000" in membership.reason


def test_an_announced_withdrawal_has_no_legal_effect():
    membership = membership_on(HUNGARY, d(2025, 5, 1))
    assert membership.state_party
    assert [r.code for r in membership.reasons] == ["party", "withdrawal_announced"]


def test_a_declaration_gives_jurisdiction_not_membership():
    membership = membership_on(UKRAINE, d(2016, 1, 1))
    assert not membership.state_party
    assert membership.reasons[-1].article == "Art. 12(3)"
    assert len(membership.declarations) == 2


def test_events_after_the_date_are_ignored():
    assert membership_on(HUNGARY, d(2025, 6, 1)).status == "party"


def test_entered_entry_into_force_that_disagrees_is_flagged_and_kept():
    events = TAJIKISTAN + [E("entry_into_force", d(2002, 8, 1))]
    membership = membership_on(events, d(2002, 7, 15))
    assert not membership.state_party  # the entered value is used, not silently replaced
    assert membership.entry_into_force == d(2002, 8, 1)
    assert membership.discrepancies[0].code == "entry_into_force_disagrees"
    assert "1 July 2002" in membership.discrepancies[0].text


def test_entered_withdrawal_effect_earlier_than_a_year_is_flagged():
    events = BURUNDI + [E("withdrawal_effective", d(2017, 1, 1))]
    membership = membership_on(events, d(2017, 6, 1))
    assert membership.discrepancies[0].code == "withdrawal_effective_too_early"


def test_a_later_effect_stated_in_the_notification_is_respected():
    events = BURUNDI + [E("withdrawal_effective", d(2018, 1, 1))]
    assert membership_on(events, d(2017, 12, 1)).state_party
    assert not membership_on(events, d(2018, 1, 1)).state_party
    assert membership_on(events, d(2017, 12, 1)).discrepancies == ()


def test_count_of_parties_changes_with_the_date():
    states = {
        "HUN": HUNGARY,
        "UKR": UKRAINE,
        "BDI": BURUNDI,
        "PHL": PHILIPPINES,
        "ZAF": SOUTH_AFRICA,
        "MNG": MONGOLIA,
        "TJK": TAJIKISTAN,
        "JOR": JORDAN,
        "RUS": RUSSIA,
    }
    assert count_parties(states, d(2002, 7, 1)) == 5  # HUN, ZAF, MNG, TJK, JOR
    assert count_parties(states, d(2012, 1, 1)) == 7  # + Burundi, the Philippines
    assert count_parties(states, d(2019, 3, 17)) == 5  # both have left
    assert count_parties(states, d(2025, 1, 1)) == 6  # + Ukraine
    assert count_parties(states, d(2026, 6, 2)) == 5  # - Hungary


def test_membership_periods_from_the_opening_for_signature():
    from compliance.rules import TreatyEvent, membership_periods

    hungary = [
        TreatyEvent("signature", d(1999, 1, 15)),
        TreatyEvent("deposit", d(2001, 11, 30), "ratification"),
        TreatyEvent("withdrawal_notified", d(2025, 6, 2)),
    ]
    assert membership_periods(hungary, d(2026, 11, 29)) == [
        (d(1998, 7, 17), d(1999, 1, 14), "non_party"),
        (d(1999, 1, 15), d(2001, 11, 29), "signatory"),
        (d(2001, 11, 30), d(2002, 6, 30), "deposited"),
        (d(2002, 7, 1), d(2025, 6, 1), "party"),
        (d(2025, 6, 2), d(2026, 6, 1), "withdrawal_pending"),
        (d(2026, 6, 2), d(2026, 11, 29), "withdrawn"),
    ]
