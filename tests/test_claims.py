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


def contradicted(*args, **kwargs) -> list[dict]:
    """Flags where the record contradicts the claim: errors, and the notes that would be errors were the
    record they rest on not below the sourcing rule (those name it under `unconfirmed`)."""
    return [f for f in flags(*args, **kwargs) if f["severity"] == "error" or f["unconfirmed"]]


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
    found = contradicted("Putin", "Russia pulled out of the ICC in 2016.", on="2023-03-17")
    assert [f["kind"] for f in found] == ["withdrawal"]
    assert "never been a party" in found[0]["correction"]


def test_a_state_said_to_have_left_before_any_notification_is_an_error_and_an_announcement_is_not():
    assert contradicted("Sahel", "Мали, Нигер и Буркина-Фасо официально вышли из Римского статута.", "ru", "2025-09-23")
    assert not contradicted(
        "Sahel", "Мали, Нигер и Буркина-Фасо объявили о выходе из Римского статута.", "ru", "2025-09-23"
    )


def test_a_withdrawal_dated_a_day_late_is_an_error():
    found = errors("Duterte", "The Philippines officially pulled out of the ICC on March 18, 2019.", on="2019-03-20")
    assert [f["kind"] for f in found] == ["withdrawal"] and "17 March 2019" in found[0]["correction"]


def test_a_wrong_rank_among_states_parties_is_an_error():
    found = contradicted(
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
    found = contradicted("Нетаньяху в Будапеште", body, "ru", "2025-04-03")
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


# --- findings and referrals ---------------------------------------------------------------------------------


def test_a_finding_referred_to_the_wrong_body_is_an_error_with_the_courts_record():
    found = contradicted(
        "Mongolia and the ICC",
        "The ICC found that Mongolia violated its obligations and referred it to the UN Security Council.",
        on="2024-11-01",
    )
    assert [(f["kind"], f["correct"]) for f in found] == [("finding_referral", "the Assembly of States Parties")]
    assert "24 October 2024" in found[0]["correction"]


def test_a_referral_to_the_right_body_and_a_referral_not_made_are_left_alone():
    body = (
        "В октябре МУС признал, что Монголия нарушила обязательства, и передал вопрос Ассамблее государств-участников. "
        "The Court found that South Africa had failed to comply but decided not to refer it to the UN Security Council."
    )
    assert not errors("МУС и Монголия", body, "ru", "2024-11-01")


def test_a_referral_where_the_court_made_none_is_an_error():
    found = errors(
        "South Africa",
        "In 2017 the Court found that South Africa failed to arrest al-Bashir, and referred it to the Security Council.",
        on="2018-01-01",
    )
    assert [(f["kind"], f["correct"]) for f in found] == [("finding_referral", "no referral")]


def test_a_finding_misdated_is_an_error_and_the_visits_own_dates_are_not_the_findings():
    found = contradicted("МУС", "25 октября МУС признал, что Монголия нарушила свои обязательства.", "ru", "2024-11-01")
    assert [(f["kind"], f["correct"]) for f in found] == [("finding_date", "2024-10-24")]
    assert "24 октября 2024" in found[0]["correction"]
    assert not contradicted(
        "Mongolia",
        "On 24 October the Court ruled that Mongolia had breached its obligations by not arresting Putin during "
        "his visit on 3 September.",
        on="2024-11-01",
    )


# --- signatures, notice periods, domestic ratification -----------------------------------------------------


def test_never_signed_is_an_error_for_each_state_likened_to_the_subject():
    found = contradicted(
        "Путін в Індії",
        "Нью-Делі ніколи не підписував Римського статуту — так само, як Китай чи Сполучені Штати.",
        "uk",
        "2025-08-08",
    )
    assert [(f["kind"], f["correct"]) for f in found] == [("treaty_signature", "2000-12-31")]
    assert "31 грудня 2000" in found[0]["correction"]
    assert not flags("Russia", "Russia signed the Rome Statute in 2000 but never ratified it.", on="2025-08-08")


def test_a_signature_put_to_the_statute_in_the_wrong_year_is_an_error():
    found = errors("Armenia", "Armenia put its signature to the statute back in 1998.", on="2023-03-24")
    assert [(f["kind"], f["correct"]) for f in found] == [("treaty_signature", "1999-10-01")]


def test_a_notice_period_other_than_one_year_is_an_error():
    body = "Burundi left the International Criminal Court on October 27, 2017. It came at the end of a two-year notice period."
    found = errors("Burundi", body, on="2017-10-28")
    assert [f["kind"] for f in found] == ["withdrawal_notice"]


def test_a_ratification_dated_to_the_vote_months_before_the_deposit_is_a_note():
    found = flags(
        "Україна і МКС",
        "Україна ратифікувала Римський статут у серпні 2024 року, а членом МКС стане з 1 січня 2025 року.",
        "uk",
        "2024-10-25",
    )
    assert [(f["kind"], f["severity"]) for f in found] == [("treaty_deposit", "note")]


# --- which date belongs to which verb ---------------------------------------------------------------------


def test_a_date_opening_a_clause_set_apart_from_the_verb_is_not_its_date():
    assert not errors(
        "Putin", "In 2024, a year after the ICC issued its warrant, Putin visited Mongolia.", on="2024-09-03"
    )
    body = (
        "Утром 3 апреля в Будапешт прилетел премьер-министр Израиля Биньямин Нетаньяху, хотя на него выписан ордер МУС. "
        "Таджикистан ратифицировал Римский статут в мае 2000 года — задолго до того, как суд выдал ордер на арест Путина."
    )
    assert not errors("Нетаньяху", body, "ru", "2025-04-03")


def test_a_date_before_when_is_the_verbs_date():
    found = errors(
        "Netanyahu in Hungary",
        "Hungary was the first European country Netanyahu had visited since May 2024, when the ICC issued warrants for him.",
        on="2025-04-03",
    )
    assert [(f["kind"], f["claimed"]) for f in found] == [("warrant_date", "2024-05")]


def test_a_count_may_be_of_the_day_the_sentence_names_and_a_count_of_signatories_is_not_of_parties():
    assert not errors(
        "Putin",
        "The warrant, issued on March 17, 2023, obliges the court's 124 member states to arrest him.",
        on="2024-09-03",
    )
    assert not errors(
        "Рада", "Всего Римский статут подписали 137 государств, а ратифицировали его 124.", "ru", "2024-08-21"
    )


def test_early_in_a_month_is_a_date():
    found = errors("Путин", "Путин побывал в Монголии в начале октября.", "ru", "2024-10-25")
    assert [(f["kind"], f["correct"]) for f in found] == [("visit_date", "2024-09-02")]


def test_a_warrant_sentence_with_no_name_is_about_the_only_wanted_person_named():
    body = (
        "Президент Судана Омар аль-Башир намерен посетить Чад. "
        "Ордер на арест президента Судана был выдан еще в 2008 году."
    )
    found = errors("Чад", body, "ru", "2013-02-14")
    assert [f["kind"] for f in found] == ["warrant_date"]


def test_flags_cite_the_records_best_sources_never_an_unusable_copy():
    from compliance.facts.models import Source

    found = errors("Putin in Tajikistan", "Tajikistan, which ratified the Rome Statute in 1999, let Putin in.")
    keys = [s["key"] for s in found[0]["sources"]]
    assert keys and not Source.objects.filter(key__in=keys, tier="unusable").exists()


def test_a_month_without_a_year_may_be_in_either_year_around_the_articles_date():
    assert not errors(
        "Putin to travel", "In March, the ICC issued an arrest warrant for Vladimir Putin.", on="2023-12-05"
    )
    found = errors("Putin to travel", "In May, the ICC issued an arrest warrant for Vladimir Putin.", on="2023-12-05")
    assert [f["kind"] for f in found] == ["warrant_date"]


def test_last_year_is_the_year_before_the_articles():
    found = errors("Putin skips summit", "The ICC issued the warrant for Vladimir Putin last year.", on="2025-06-10")
    assert [(f["kind"], f["claimed"]) for f in found] == [("warrant_date", "2024")]
    assert not errors("Putin skips summit", "The ICC issued the warrant for Vladimir Putin last year.", on="2024-06-10")


def test_a_warrant_dated_to_the_day_it_was_announced_is_a_note():
    found = flags(
        "Шойгу",
        "Международный уголовный суд в Гааге 25 июня 2024 года выдал ордера на арест Сергея Шойгу.",
        "ru",
        "2024-06-26",
    )
    assert [(f["kind"], f["severity"]) for f in found] == [("warrant_date", "note")]
    found = flags(
        "Шойгу і Герасимов",
        "У вівторок, 25 червня, Палата досудового провадження II МКС видала ордер на арешт Сергія Шойгу.",
        "uk",
        "2024-06-26",
    )
    assert [(f["kind"], f["severity"]) for f in found] == [("warrant_date", "note")]


def test_becoming_a_full_member_on_the_day_of_the_deposit_is_an_error():
    found = errors(
        "Україна і МКС",
        "Сьогодні Україна нарешті стала повноправним учасником МКС і Римського статуту.",
        "uk",
        "2024-10-25",
    )
    assert [f["kind"] for f in found] == ["membership"]
    assert "1 січня 2025" in found[0]["correction"]


def test_a_trip_in_the_wrong_month_with_a_verb_of_going_is_an_error():
    found = errors("Путін", "У квітні Путін їздив до Китаю на переговори.", "uk", "2024-06-10")
    assert [(f["kind"], f["correct"]) for f in found] == [("visit_date", "2024-05-16")]


def test_a_state_that_signed_called_not_a_signatory_is_a_note():
    found = flags(
        "Putin in the Gulf",
        "Neither country has joined the Rome Statute. The UAE and Saudi Arabia, however, are not signatories.",
        on="2023-12-05",
    )
    assert [(f["kind"], f["severity"], f["correct"]) for f in found] == [("treaty_signature", "note", "2000-11-27")]


def test_did_so_repeats_the_verb_before_it():
    found = errors(
        "Угорщина і МКС",
        "Угорщина була однією з перших країн, що ратифікували Римський статут, — зробила вона це у 2002 році.",
        "uk",
        "2025-04-02",
    )
    assert [(f["kind"], f["correct"]) for f in found] == [("treaty_deposit", "2001-11-30")]


def test_sixty_days_after_the_deposit_is_a_note_with_the_date_in_force():
    found = flags(
        "Україна і МКС",
        "Україна передала ратифікаційну грамоту. Проте Римський статут набирає чинності лише через 60 днів "
        "після того, як грамота надійшла до Генерального секретаря ООН.",
        "uk",
        "2024-10-25",
    )
    assert [(f["kind"], f["severity"], f["correct"]) for f in found] == [("entry_into_force", "note", "2025-01-01")]


def test_a_count_that_includes_a_deposited_state_or_leaves_out_a_leaving_one_is_a_note():
    # Ukraine deposited on 25 October 2024 and became a party on 1 January 2025
    found = flags(
        "Ukraine joins",
        "Ukraine became the court's newest member, bringing the ICC to 125 member states.",
        on="2024-11-05",
    )
    assert [(f["kind"], f["severity"]) for f in found if f["kind"] == "states_parties_count"] == [
        ("states_parties_count", "note")
    ]
    assert not flags("ICC", "At the time, the ICC had 123 member states.", on="2025-11-05")


def test_a_state_in_an_aside_is_not_the_subject_and_an_unclear_subject_makes_a_note():
    found = errors("Ukraine and the ICC", "Ukraine, unlike Russia, ratified the Rome Statute in 2023.", on="2025-01-02")
    assert [(f["kind"], f["correct"]) for f in found] == [("treaty_deposit", "2024-10-25")]
    assert not errors(
        "Ukraine and the ICC", "Ukraine, unlike Russia, ratified the Rome Statute in 2024.", on="2025-01-02"
    )
    found = flags(
        "ICC", "Since Mongolia and then Tajikistan ratified the Rome Statute in 2003, it binds them.", on="2025-01-02"
    )
    assert found and all(f["severity"] == "note" for f in found if f["kind"] == "treaty_deposit")


def test_a_title_the_person_never_held_is_an_error_and_anothers_title_is_not_his():
    found = errors("Нетаньягу", "Президент Ізраїлю Біньямін Нетаньягу прибув до Будапешта.", "uk", "2025-04-03")
    assert [(f["kind"], f["claimed"]) for f in found] == [("office", "президент")]
    assert "прем'єр-міністр" in found[0]["correction"]
    assert not flags("Netanyahu", "President Trump met Benjamin Netanyahu at the White House.", on="2025-04-08")
    assert not flags("Netanyahu", "Prime Minister Benjamin Netanyahu arrived in Budapest.", on="2025-04-03")


def test_a_trip_far_from_every_recorded_visit_is_another_trip_the_record_does_not_hold():
    assert not flags(
        "Башир в Каире",
        "В воскресенье, 16 сентября, президент Судана Омар аль-Башир прибыл с визитом в Египет.",
        "ru",
        "2012-09-16",
    )


def test_warrants_said_to_be_issued_by_the_prosecutor_are_an_error():
    found = errors(
        "Libya",
        "Recently, arrest warrants were issued by the International Criminal Court's chief prosecutor over crimes "
        "in Libya.",
        on="2025-01-22",
    )
    assert [f["kind"] for f in found] == ["warrant_issuer"]
    assert not errors(
        "Putin", "The judges issued the warrant for Vladimir Putin at the prosecutor's request.", on="2024-01-01"
    )


def test_a_wanted_person_said_to_be_in_custody_while_at_large_is_an_error():
    found = errors("ICC", "Russian dictator Vladimir Putin is in court custody.", on="2025-09-23")
    assert [f["kind"] for f in found] == ["custody"]
    assert not errors("ICC", "Rodrigo Duterte is in the court's custody in The Hague.", on="2025-09-23")


def test_a_weekday_that_does_not_fit_the_date_is_a_note():
    found = flags(
        "Kony",
        "The Court opens a hearing on Tuesday, September 8, to confirm the charges against Joseph Kony.",
        on="2025-09-08",
    )
    assert [(f["kind"], f["severity"]) for f in found] == [("weekday", "note")]
    assert "Monday" in found[0]["correction"]
    assert not flags("Kony", "The Court opens a hearing on Tuesday, September 9, against Joseph Kony.", on="2025-09-08")


def test_signing_another_document_is_not_signing_the_statute_and_participating_countries_are_counted():
    assert not errors(
        "Russia",
        "By an executive order that President Putin signed on November 16, 2016, Russia declared that it did not "
        "intend to become a party to the ICC.",
        on="2024-06-25",
    )
    found = errors("ICC", "The Rome Statute now has 123 participating countries.", on="2024-06-25")
    assert [(f["kind"], f["correct"]) for f in found] == [("states_parties_count", "124")]


def test_a_claim_contradicting_a_record_below_the_sourcing_rule_is_a_note_naming_that_record():
    # the Court's Mongolia finding rests only on a reprint of its press release: below the rule
    found = flags("МУС", "25 октября МУС признал, что Монголия нарушила свои обязательства.", "ru", "2024-11-01")
    assert [(f["kind"], f["severity"]) for f in found] == [("finding_date", "note")]
    assert found[0]["unconfirmed"] == found[0]["facts"] and found[0]["facts"][0].startswith("finding:")
