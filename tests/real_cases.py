"""Treaty histories of real states, as recorded by the UN depositary (see the shipped dataset for
the citations). Used by the pure-rule tests, which need no database."""

from datetime import date as d

from compliance.rules import TreatyEvent as E
from compliance.rules.obligation import WarrantFacts

HUNGARY = [
    E("signature", d(1999, 1, 15)),
    E("deposit", d(2001, 11, 30), "ratification"),
    E("withdrawal_announced", d(2025, 4, 3)),
    E("withdrawal_notified", d(2025, 6, 2)),
]
UKRAINE = [
    E("signature", d(2000, 1, 20)),
    E("declaration_12_3", d(2014, 4, 17), period_start=d(2013, 11, 21), period_end=d(2014, 2, 22)),
    E("declaration_12_3", d(2015, 9, 8), period_start=d(2014, 2, 20)),
    E("deposit", d(2024, 10, 25), "ratification"),
]
BURUNDI = [
    E("signature", d(1999, 1, 13)),
    E("deposit", d(2004, 9, 21), "ratification"),
    E("withdrawal_notified", d(2016, 10, 27)),
]
PHILIPPINES = [
    E("signature", d(2000, 12, 28)),
    E("deposit", d(2011, 8, 30), "ratification"),
    E("withdrawal_notified", d(2018, 3, 17)),
]
SOUTH_AFRICA = [
    E("signature", d(1998, 7, 17)),
    E("deposit", d(2000, 11, 27), "ratification"),
    E("withdrawal_notified", d(2016, 10, 19)),
    E("withdrawal_revoked", d(2017, 3, 7)),
]
MONGOLIA = [E("signature", d(2000, 12, 29)), E("deposit", d(2002, 4, 11), "ratification")]
TAJIKISTAN = [E("signature", d(1998, 11, 30)), E("deposit", d(2000, 5, 5), "ratification")]
JORDAN = [E("signature", d(1998, 10, 7)), E("deposit", d(2002, 4, 11), "ratification")]
RUSSIA = [E("signature", d(2000, 9, 13))]
SUDAN = [E("signature", d(2000, 9, 8))]
CHINA: list = []

PUTIN_WARRANT = WarrantFacts(
    issued=d(2023, 3, 17), made_public=d(2023, 3, 17), situation="Situation in Ukraine", situation_state="UKR"
)
BASHIR_FIRST_WARRANT = WarrantFacts(
    issued=d(2009, 3, 4), made_public=d(2009, 3, 4), situation="Situation in Darfur, Sudan", situation_state="SDN"
)
DUTERTE_WARRANT = WarrantFacts(
    issued=d(2025, 3, 7),
    made_public=d(2025, 3, 11),
    situation="Situation in the Republic of the Philippines",
    situation_state="PHL",
    statuses=((d(2025, 3, 12), "surrendered"),),
)
