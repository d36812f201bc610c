import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def explain(*args) -> dict:
    out = StringIO()
    call_command("explain", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_tajikistan_was_obliged_to_arrest_putin_on_8_october_2025():
    answer = explain("Vladimir Putin", "TJK", "2025-10-08")
    assert answer["obliged"] is True and answer["state_party"] is True
    assert any("5 May 2000" in r["text"] for r in answer["reasons"])
    assert {r["article"] for r in answer["reasons"]} >= {"Art. 126", "Art. 86, 89(1)"}


@pytest.mark.parametrize("person", ["Vladimir Putin", "Путин", "Путін", "Q7747", "putin"])
@pytest.mark.parametrize("state", ["TJK", "TJ", "Tajikistan", "Таджикистан"])
def test_persons_and_states_resolve_by_name_alias_and_code(person, state):
    assert explain(person, state, "2025-10-08")["obliged"] is True


def test_hungary_before_and_after_its_withdrawal_took_effect():
    before = explain("Benjamin Netanyahu", "HUN", "2025-04-03")
    after = explain("Benjamin Netanyahu", "HUN", "2026-07-01")
    assert before["state_party"] is True and before["obliged"] is True
    assert after["state_party"] is False
    assert after["membership_status"] == "withdrawn"


def test_plain_text_answer_names_the_articles():
    out = StringIO()
    call_command("explain", "Vladimir Putin", "MNG", "2024-09-02", stdout=out)
    text = out.getvalue()
    assert text.startswith("Mongolia on 2024-09-02: a state party; obliged to arrest Vladimir Putin.")
    assert "[Art. 86, 89(1)]" in text


@pytest.mark.parametrize(
    "args, message",
    [
        (("Nobody Atall", "TJK", "2025-10-08"), "No person matches"),
        (("Vladimir Putin", "Atlantis", "2025-10-08"), "No state matches"),
        (("Vladimir Putin", "TJK", "8 Oct 2025"), "YYYY-MM-DD"),
    ],
)
def test_bad_input_gets_a_clear_error(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("explain", *args)
