"""The claim check on sentences as reporters write them, in English, Ukrainian and Russian, against
the shipped reference dataset: what the record contradicts is an error, loose wording a note, and
what the record does not cover (or gets right) is left alone."""

from datetime import date

import pytest

from compliance.editorial import articles
from compliance.editorial.claims import dates_in, month_years
from compliance.matcher.mentions import sentence_spans

pytestmark = pytest.mark.django_db


def flags(headline: str, body: str, language: str = "en", on: str = "2025-10-08") -> list[dict]:
    day = date.fromisoformat(on)
    return articles.analyse(headline, body, language=language, on=day, today=day)["claims"]


def errors(*args, **kwargs) -> list[dict]:
    return [f for f in flags(*args, **kwargs) if f["severity"] == "error"]


# --- the bug: a bare year ------------------------------------------------------------------------------


def test_a_bare_year_is_kept_as_a_year_and_compared_as_one():
    assert month_years("The ICC, set up in 2002, has 125 members.", "en", 2025) == [(None, 2002)]
    assert (None, 2009) in month_years("The court issued an arrest warrant in 2009.", "en", 2025)


def test_a_warrant_issued_in_the_right_year_is_not_flagged():
    assert not errors("Omar al-Bashir", "The ICC issued an arrest warrant in 2009 for Omar al-Bashir.", on="2019-04-11")


def test_a_signature_in_the_right_year_is_not_flagged_in_ukrainian():
    assert not errors("Монголія і МКС", "Монголія у 2000 році підписала Римський статут.", "uk", "2024-09-02")


def test_a_clause_naming_the_year_the_court_was_set_up_is_not_a_warrant_date():
    assert not errors("Vladimir Putin", "The ICC, set up in 2002, issued a warrant for Vladimir Putin in March 2023.")


# --- membership events ------------------------------------------------------------------------------------


def test_a_wrong_ratification_year_is_an_error_with_the_deposit_date_and_its_sources():
    found = errors("Putin in Tajikistan", "Tajikistan, which ratified the Rome Statute in 1999, let Putin in.")
    assert [f["kind"] for f in found] == ["treaty_deposit"]
    assert "5 May 2000" in found[0]["correction"] and found[0]["sources"]


def test_a_ratification_stated_by_pronoun_after_the_signature_is_checked_on_its_own_year():
    body = "Напомним, Монголия подписала Римский устав в 2000 году, а ратифицировала его в 2003-м."
    found = errors("Путин в Монголии", body, "ru", "2024-08-30")
    assert [(f["kind"], f["claimed"]) for f in found] == [("treaty_deposit", "2003")]


def test_a_signature_without_ratification_is_not_an_error():
    assert not errors(
        "Путин в Бишкеке",
        "Киргизия подписала Римский статут в 1998 году, но так и не ратифицировала его.",
        "ru",
        "2023-10-12",
    )


def test_a_parliament_vote_to_ratify_is_not_the_deposit():
    body = (
        "Its parliament, the Verkhovna Rada, ratified the treaty in August 2024, and Ukraine deposited its "
        "instrument of ratification with the UN on October 25, 2024."
    )
    assert not errors("Ukraine joins the ICC", body, on="2025-01-01")


def test_signatory_for_a_state_party_is_a_note_not_an_error():
    found = flags(
        "Putin in Mongolia", "As a signatory of the Rome Statute, Mongolia must arrest Putin.", on="2024-09-02"
    )
    assert [(f["kind"], f["severity"]) for f in found] == [("membership", "note")]


def test_a_withdrawal_by_a_state_that_was_never_a_party_is_an_error():
    found = errors("Putin", "Russia pulled out of the ICC in 2016.", on="2023-03-17")
    assert [f["kind"] for f in found] == ["withdrawal"]
    assert "never been a party" in found[0]["correction"]


def test_a_state_said_to_have_left_before_any_notification_is_an_error_and_an_announcement_is_not():
    assert errors("Sahel", "Мали, Нигер и Буркина-Фасо официально вышли из Римского статута.", "ru", "2025-09-23")
    assert not errors("Sahel", "Мали, Нигер и Буркина-Фасо объявили о выходе из Римского статута.", "ru", "2025-09-23")


def test_a_withdrawal_dated_a_day_late_is_an_error():
    found = errors("Duterte", "The Philippines officially pulled out of the ICC on March 18, 2019.", on="2019-03-20")
    assert [f["kind"] for f in found] == ["withdrawal"] and "17 March 2019" in found[0]["correction"]


def test_a_wrong_rank_among_states_parties_is_an_error():
    found = errors(
        "Armenia",
        "Armenia joined the Rome Statute. It is now the 24th state party to the Rome Statute.",
        on="2024-02-01",
    )
    assert [(f["kind"], f["correct"]) for f in found] == [("membership_rank", "124")]


def test_becoming_a_member_before_the_deposit_is_an_error():
    body = "После того как Верховная Рада ратифицировала Римский устав, Украина стала 125-м членом МУС."
    found = errors("Украина и МУС", body, "ru", "2024-08-21")
    assert [f["kind"] for f in found] == ["membership"] and "2025" in found[0]["correction"]
    assert not errors("Украина и МУС", body, "ru", "2025-01-02")


def test_a_count_of_states_parties_is_computed_from_the_data_on_the_articles_date():
    assert errors("Путін", "Відтепер його можуть заарештувати у 122 країнах світу.", "uk", "2023-03-17")
    assert not errors("Путін", "Відтепер його можуть заарештувати у 123 країнах світу.", "uk", "2023-03-17")
    assert not errors("Putin", "The court relies on more than 120 member states to arrest him.", on="2023-03-17")


# --- visits, warrants, charges ----------------------------------------------------------------------------


def test_a_visit_in_the_wrong_year_is_an_error_also_by_pronoun_in_ukrainian():
    body = (
        "Путін уже не вперше безкарно їздить до держави-учасниці. У вересні 2023 року він так само без "
        "наслідків побував у Монголії."
    )
    found = errors("Путін у Таджикистані", body, "uk")
    assert [f["kind"] for f in found] == ["visit_date"] and "2024" in found[0]["correction"]


def test_a_visit_month_without_a_year_takes_the_year_from_the_article():
    assert not errors("Putin in Mongolia", "In September, Vladimir Putin visited Mongolia.", on="2024-09-10")
    assert errors("Putin in Mongolia", "In September, Vladimir Putin visited Mongolia.", on="2023-09-10")


def test_attending_a_summit_the_record_says_was_cancelled_is_an_error():
    found = errors("Putin", "In August 2023 Vladimir Putin attended the BRICS summit in South Africa.", on="2023-09-01")
    assert [f["kind"] for f in found] == ["visit_date"] and "cancelled" in found[0]["correction"]


def test_a_warrant_dated_last_march_is_read_from_the_articles_date():
    body = "The arrest warrant against Putin was issued by the ICC last March."
    assert errors("Putin in Mongolia", body, on="2024-09-02")
    assert not errors("Putin in Mongolia", body, on="2023-09-02")


def test_the_prosecutors_application_date_is_not_the_warrants():
    body = "The ICC issued warrants for Benjamin Netanyahu in November 2024, after the prosecutor applied in May 2024."
    assert not errors("Netanyahu", body, on="2025-04-03")
    assert errors(
        "Netanyahu",
        "Since May 2024, when the ICC issued warrants for Benjamin Netanyahu, he has travelled.",
        on="2025-04-03",
    )


def test_crimes_alleged_in_dates_of_commission_are_not_issue_dates():
    body = (
        "The court has issued a warrant for Benjamin Netanyahu for alleged crimes committed at least between "
        "October 8, 2023, and May 20, 2024."
    )
    assert not errors("Netanyahu", body, on="2025-09-26")


def test_a_charge_the_warrant_does_not_contain_is_an_error_in_ukrainian():
    body = "Родріго Дутерте звинувачують у злочинах проти людяності — вбивствах, катуваннях і зґвалтуваннях."
    kinds = {f["claimed"] for f in errors("Дутерте", body, "uk", "2025-03-12")}
    assert kinds == {"torture", "rape"}


def test_a_court_described_by_its_crimes_is_not_a_charge():
    body = (
        "Benjamin Netanyahu arrived in Budapest in spite of the warrant from the only permanent international "
        "tribunal for war crimes and genocide."
    )
    assert not [f for f in errors("Netanyahu", body, on="2025-04-03") if f["kind"] == "warrant_charges"]


def test_a_non_party_listed_among_states_that_failed_to_arrest_is_an_error():
    body = (
        "Several countries stand accused of letting Omar al-Bashir come and go despite the warrants; besides "
        "Jordan, South Africa, Saudi Arabia and Kenya are among them."
    )
    found = errors("Omar al-Bashir", body, on="2019-05-06")
    assert [(f["kind"], f["claimed"]) for f in found] == [("failure_to_arrest", "Saudi Arabia")]


def test_a_first_trip_since_the_warrant_when_the_record_has_an_earlier_one_is_an_error():
    body = (
        "Эта поездка Биньямина Нетаньяху в Венгрию стала первой зарубежной с тех пор, как МУС выдал ордер на его арест."
    )
    found = errors("Нетаньяху в Будапеште", body, "ru", "2025-04-03")
    assert [f["kind"] for f in found] == ["first_trip"] and "2025" in found[0]["correction"]


def test_the_record_being_silent_gives_no_flag():
    assert not flags("Putin", "Vladimir Putin visited Brazil in 2019.", on="2025-10-08")


def test_corrections_are_written_in_the_articles_language():
    found = errors("Путін у Таджикистані", "Римський статут Таджикистан ратифікував ще 1999 року.", "uk")
    assert found and "травня 2000" in found[0]["correction"]


# --- dates and sentences ---------------------------------------------------------------------------------


def test_dates_in_words_are_read_in_all_three_languages():
    on = date(2025, 10, 8)
    assert [(w.year, w.month, w.day) for w in dates_in("on 5 May 2000", "en", on)] == [(2000, 5, 5)]
    assert [(w.year, w.month, w.day) for w in dates_in("arrived on Oct. 8", "en", on)] == [(2025, 10, 8)]
    assert [(w.year, w.month, w.day) for w in dates_in("5 травня 2000 року", "uk", on)] == [(2000, 5, 5)]
    assert [(w.year, w.month) for w in dates_in("у вересні 2023 року", "uk", on)] == [(2023, 9)]
    assert [(w.year, w.month) for w in dates_in("в марте прошлого года", "ru", on)] == [(2024, 3)]
    assert [w.year for w in dates_in("ратифицировала его в 2003-м", "ru", on)] == [2003]
    assert dates_in("They may come.", "en", on) == []


def test_sentences_do_not_end_at_abbreviations_or_initials():
    text = "He arrived on Oct. 8 in Dushanbe. The U.S. President met him. Then he left."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "He arrived on Oct. 8 in Dushanbe.",
        "The U.S. President met him.",
        "Then he left.",
    ]
    text = "Монголия ратифицировала его в 2003-м. Таким образом, страна участница."
    assert len(sentence_spans(text)) == 2
