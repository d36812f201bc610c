"""Detection, boxes and claims on the seed article, its Ukrainian translation, and the traps."""

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compliance.models import ClaimFlag, ContextBox
from newsroom.models import Article

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent
SEED = json.loads((ROOT.parent / "newsroom" / "demo" / "articles.json").read_text())[0]
SEED_UK = ROOT / "eval" / "articles" / "uk-000-putin-tajikistan-kyivindependent.txt"


def detect(path: Path, language: str, on: str) -> dict:
    out = StringIO()
    call_command("detect", str(path), "--language", language, "--date", on, "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def seed_file(tmp_path):
    path = tmp_path / "seed.txt"
    path.write_text(SEED["headline"] + "\n" + SEED["body"], encoding="utf-8")
    return path


@pytest.fixture
def seed_result(seed_file):
    return detect(seed_file, "en", "2025-10-08")


def test_seed_article_entities(seed_result):
    assert {"Vladimir Putin"} <= set(seed_result["all_persons"])
    assert {"TJK", "MNG", "RUS", "UKR"} <= set(seed_result["all_states"])
    assert seed_result["pairs"][0] == ["Vladimir Putin", "TJK"]
    assert not [m for m in seed_result["mentions"] if "Independent" in m["text"] or "Novosti" in m["text"]]


def test_seed_visit_box(seed_result):
    visit_boxes = [b for b in seed_result["boxes"] if b["kind"] == "visit"]
    # the trip it is about first, then the earlier trip it reports (misdated) and the data records
    assert [(b["person"], b["state"]) for b in visit_boxes] == [("Vladimir Putin", "TJK"), ("Vladimir Putin", "MNG")]
    box = visit_boxes[0]["data"]
    assert box["verdict"]["obliged"] is True and box["verdict"]["state_party"] is True
    assert "8 October 2025" in box["verdict"]["text"]
    text = json.dumps(box, ensure_ascii=False)
    assert "17 March 2023" in text
    assert "deportation" in text.lower()
    visits = next(s for s in box["sections"] if s["key"] == "visits")["statements"]
    mongolia = [s["text"] for s in visits if "Mongolia" in s["text"]]
    assert any("2–3 September 2024" in t and "not arrested" in t for t in mongolia)
    # The Court's Mongolia finding rests only on a reprint of its press release (an unusable source):
    # below the sourcing rule, so the box withholds it and tells editors so.
    assert not any("24 October 2024" in t for t in mongolia)
    assert any(w["facts"] and any(f.startswith("finding:") for f in w["facts"]) for w in box["withheld"])
    assert all(item["sources"] for item in box["statements"])


def test_seed_claims_are_flagged(seed_result):
    corrections = {c["kind"]: c for c in seed_result["claims"]}
    assert "5 May 2000" in corrections["treaty_deposit"]["correction"]
    assert "1999" in corrections["treaty_deposit"]["sentence"]
    assert corrections["visit_date"]["sentence"].startswith("In September 2023, he visited Mongolia")
    assert "September 2024" in corrections["visit_date"]["correction"]
    assert all(c["sources"] for c in seed_result["claims"])


def test_ukrainian_translation_gets_the_same_boxes_in_ukrainian():
    result = detect(SEED_UK, "uk", "2025-10-08")
    assert result["pairs"][0] == ["Vladimir Putin", "TJK"]
    box = next(b for b in result["boxes"] if b["kind"] == "visit")["data"]
    assert box["language"] == "uk"
    assert "8 жовтня 2025" in box["verdict"]["text"] and "зобов'язана заарештувати" in box["verdict"]["text"]
    text = json.dumps(box, ensure_ascii=False)
    assert "17 березня 2023" in text and "Монголія" in text
    kinds = {c["kind"] for c in result["claims"]}
    assert {"treaty_deposit", "visit_date"} <= kinds


@pytest.mark.parametrize(
    "text, language",
    [
        (
            "Kyiv Independent staff win award\nThe Kyiv Independent and The Moscow Times won prizes; the Sudan News "
            "Agency reported the ceremony.",
            "en",
        ),
        ("Drone attack overnight\nRussia launched Iranian-made Shahed drones at Kyiv overnight, officials said.", "en"),
        ("Sahel bloc meets\nThe Alliance of Sahel States met in Niamey on Saturday.", "en"),
        ("Lyudmila Putina speaks\nLyudmila Putina, who divorced in 2013, gave an interview in Moscow.", "en"),
        ("Sara Duterte to run\nVice President Sara Duterte said she would visit Japan next month.", "en"),
    ],
)
def test_traps_produce_no_visit_box(tmp_path, text, language):
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    result = detect(path, language, "2025-10-08")
    assert not [b for b in result["boxes"] if b["kind"] == "visit"]
    assert not [m for m in result["mentions"] if m["text"] in ("Moscow Times", "Sudan", "Kyiv Independent")]


def test_an_article_with_no_wanted_person(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Mongolia opens new airport\nThe airport near Ulaanbaatar opened on Friday.", encoding="utf-8")
    result = detect(path, "en", "2025-10-08")
    assert result["persons"] == [] and result["boxes"] == []


def test_a_wanted_person_but_no_visit_gets_a_person_box(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        "Putin says talks must wait\nVladimir Putin told reporters the talks would resume later. "
        "Putin did not give a date.",
        encoding="utf-8",
    )
    result = detect(path, "en", "2025-10-08")
    assert [b["kind"] for b in result["boxes"]] == ["person"]


def test_saving_the_article_stores_boxes_and_claims_and_the_page_shows_live_ones(
    client, eager_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = Article.objects.create(
            headline=SEED["headline"],
            slug="seed",
            body=SEED["body"],
            language="en",
            status="published",
            published_at=date(2025, 10, 8).isoformat() + "T12:00:00Z",
        )
    boxes = ContextBox.objects.filter(object_id=article.pk)
    assert boxes.filter(kind="visit", state__iso3="TJK", status="suggested").exists()
    assert ClaimFlag.objects.filter(object_id=article.pk, kind="treaty_deposit").exists()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "cbox" not in page  # suggestions are not live
    boxes.filter(kind="visit").update(status="approved")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(article.get_absolute_url()).content.decode()
    assert '<aside class="cbox cbox--visit"' in page
    assert "ratified the Rome Statute in 1999" in page  # the article text itself is the reporter's
    assert "5 May 2000" in page  # the box says what is right
    assert "application/ld+json" in page
    box_queries = [
        q["sql"] for q in queries.captured_queries if "compliance_" in q["sql"] or "django_content_type" in q["sql"]
    ]
    assert len(box_queries) <= 2, box_queries
    assert not [q for q in box_queries if "compliance_person" in q or "compliance_treatyevent" in q]


def test_the_gazetteer_is_rebuilt_when_a_name_changes(tmp_path):
    from compliance.models import Person, PersonAlias

    path = tmp_path / "a.txt"
    path.write_text("Vova in Dushanbe\nVova arrived in Tajikistan on Wednesday for a visit.", encoding="utf-8")
    assert detect(path, "en", "2025-10-08")["pairs"] == []
    PersonAlias.objects.create(person=Person.objects.get(qid="Q7747"), language="en", text="Vova", kind="nickname")
    assert detect(path, "en", "2025-10-08")["pairs"] == [["Vladimir Putin", "TJK"]]


def test_an_editor_adds_a_box_by_hand_and_overrides_its_wording(admin_client, eager_tasks):
    from django.contrib.contenttypes.models import ContentType

    from compliance.models import State

    article = Article.objects.create(
        headline="Elections in Hungary",
        slug="hu",
        body="Voters went to the polls.",
        status="published",
        published_at="2026-04-12T12:00:00Z",
    )
    hungary = State.objects.get(iso3="HUN")
    prefix = "compliance-contextbox-content_type-object_id"
    claims = "compliance-claimflag-content_type-object_id"
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": "",
        "body": article.body,
        "language": "en",
        "byline": "",
        "status": "published",
        "published_at_0": "2026-04-12",
        "published_at_1": "12:00:00",
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-0-kind": "state",
        f"{prefix}-0-state": hungary.pk,
        f"{prefix}-0-status": "pinned",
        f"{prefix}-0-position": "0",
        f"{prefix}-0-language": "en",
        f"{prefix}-0-title_override": "Hungary and the ICC: <b>leaving</b>",
        f"{prefix}-0-verdict_override": "",
        f"{claims}-TOTAL_FORMS": "0",
        f"{claims}-INITIAL_FORMS": "0",
    }
    response = admin_client.post(f"/admin/newsroom/article/{article.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    box = ContextBox.objects.get(
        content_type=ContentType.objects.get_for_model(Article), object_id=article.pk, kind="state"
    )
    assert box.origin == "manual" and box.status == "pinned"
    assert box.data["verdict"]["state_party"] is True  # on 12 April 2026 the withdrawal was still pending
    html = admin_client.get(article.get_absolute_url()).content.decode()
    assert "Hungary and the ICC: &lt;b&gt;leaving&lt;/b&gt;" in html  # editors' words are escaped
    assert "withdrawal" in html


def test_the_archive_command_is_resumable(eager_tasks):
    for n in range(3):
        Article.objects.create(
            headline=f"Putin arrives in Mongolia {n}",
            slug=f"mn-{n}",
            body="Vladimir Putin arrived in Mongolia for a state visit.",
            status="published",
            published_at="2024-09-02T08:00:00Z",
        )
    out = StringIO()
    call_command("detect_archive", "--all", stdout=out)
    assert "3 articles:" in out.getvalue() and "[" in out.getvalue()
    out = StringIO()
    call_command("detect_archive", stdout=out)
    assert "0 boxes created, 0 changed, 3 articles unchanged since their last run" in out.getvalue()


# --- visit boxes: where reporters put visits, and the visit's own dates -------------------------------------


def analysed(headline: str, body: str, language: str, on: str, today: str | None = None) -> dict:
    from compliance.editorial import articles

    return articles.analyse(
        headline, body, language=language, on=date.fromisoformat(on), today=date.fromisoformat(today or on)
    )


def visit_boxes(found: dict) -> dict:
    return {(person.name, state.iso3): data for kind, person, state, _s, data in found["boxes"] if kind == "visit"}


def test_a_city_or_us_state_stands_for_its_state_in_a_visit():
    found = analysed(
        "Putin meets Trump",
        "Vladimir Putin touched down in Alaska on Friday for talks with Donald Trump.",
        "en",
        "2025-08-15",
    )
    assert ("Vladimir Putin", "USA") in visit_boxes(found)
    assert "USA" not in {found["states"][m.entity].iso3 for m in found["analysis"].mentions if m.kind == "state"}


def test_a_city_in_cyrillic_resolves_to_its_state_and_the_country_to_the_state_last_named():
    found = analysed(
        "Путин в Монголии",
        "Монголия ждёт гостя. Владимир Путин прилетел в Улан-Батор в понедельник.",
        "ru",
        "2024-09-02",
    )
    assert ("Vladimir Putin", "MNG") in visit_boxes(found)
    found = analysed(
        "Netanyahu abroad",
        "Hungary has left the court. Benjamin Netanyahu visited the country in April.",
        "en",
        "2025-04-10",
    )
    assert ("Benjamin Netanyahu", "HUN") in visit_boxes(found)


def test_an_outlet_or_a_pronoun_that_contains_a_states_name_is_not_that_state():
    found = analysed(
        "Путін", "Про це пише РБК-Україна. Того ж 2023 року Путін відмовився їхати до Бразилії.", "uk", "2024-01-10"
    )
    named = {found["states"][m.entity].iso3 for m in found["analysis"].mentions if m.kind == "state"}
    assert "UKR" not in named and "TGO" not in named and "BRA" in named


def test_a_visit_box_judges_the_visit_on_its_own_dates_not_on_the_articles():
    # published after Hungary's withdrawal took effect (2 June 2026): on 3 April 2025 it was a party
    found = analysed(
        "Netanyahu's Budapest visit, a year on",
        "Benjamin Netanyahu visited Budapest in April 2025 and was not arrested.",
        "en",
        "2026-07-01",
    )
    box = visit_boxes(found)[("Benjamin Netanyahu", "HUN")]
    assert box["visit"] == "netanyahu-hun-2025"
    assert box["as_of"] == "2025-04-03" and box["article_date"] == "2026-07-01"
    assert box["verdict"]["state_party"] is True and "3 April 2025" in box["verdict"]["text"]
    assert any("withdrawal" in line["text"] for line in box["since_publication"])


def test_an_article_published_after_the_visit_ended_does_not_judge_a_day_he_had_left():
    found = analysed(
        "Putin's Mongolia trip",
        "Vladimir Putin visited Mongolia on 2-3 September 2024.",
        "en",
        "2024-09-10",
        today="2024-12-01",
    )
    box = visit_boxes(found)[("Vladimir Putin", "MNG")]
    assert box["as_of"] == "2024-09-02" and "2 September 2024" in box["verdict"]["text"]
    assert "10 September 2024" not in box["verdict"]["text"]
    assert all(line["date"] > "2024-09-02" for line in box["since_publication"])


def test_a_visit_under_way_is_judged_on_the_articles_day():
    found = analysed("Putin in Mongolia", "Vladimir Putin arrived in Ulaanbaatar today.", "en", "2024-09-03")
    assert visit_boxes(found)[("Vladimir Putin", "MNG")]["as_of"] == "2024-09-03"


def test_a_us_state_in_ukrainian_or_russian_resolves_to_the_united_states():
    for language, body in (
        ("uk", "Володимир Путін прилетів на Аляску, де зустрівся з Дональдом Трампом."),
        ("ru", "Владимир Путин провёл переговоры на Аляске с Дональдом Трампом."),
    ):
        found = analysed("Путін і Трамп", body, language, "2025-08-15")
        assert ("Vladimir Putin", "USA") in visit_boxes(found), language


def test_a_visit_known_only_from_a_documented_day_is_placed_on_that_day():
    # netanyahu-usa-2025-04: arrival and departure not confirmed; in Washington on 7 April 2025 (White House)
    found = analysed(
        "Netanyahu at the White House",
        "Benjamin Netanyahu landed in Washington for talks with Donald Trump.",
        "en",
        "2025-04-08",
    )
    box = visit_boxes(found)[("Benjamin Netanyahu", "USA")]
    assert box["visit"] == "netanyahu-usa-2025-04" and box["as_of"] == "2025-04-07"


def test_states_listed_as_letting_a_wanted_man_come_and_go_each_get_a_visit_box():
    found = analysed(
        "Jordan and the ICC",
        "Several countries stand accused of letting al-Bashir come and go despite the warrants; besides Jordan, "
        "South Africa and Kenya are among them. Omar al-Bashir visited Jordan in March 2017.",
        "en",
        "2019-05-06",
    )
    boxes = visit_boxes(found)
    assert {("Omar al-Bashir", "ZAF"), ("Omar al-Bashir", "KEN"), ("Omar al-Bashir", "JOR")} <= set(boxes)
    assert boxes[("Omar al-Bashir", "ZAF")]["visit"] == "bashir-zaf-2015"


def test_a_state_a_person_visited_by_name_is_a_trip():
    found = analysed(
        "Putin and Mongolia",
        "Vladimir Putin arrived in Ulaanbaatar. In 2015 Sudan's Omar al-Bashir visited South Africa and was not "
        "detained.",
        "en",
        "2024-09-02",
    )
    assert ("Omar al-Bashir", "ZAF") in visit_boxes(found)


def mentioned(headline: str, body: str, language: str, on: str = "2023-03-20") -> set[str]:
    found = analysed(headline, body, language, on)
    return {found["persons"][m.entity].name for m in found["analysis"].mentions if m.kind == "person"}


def test_names_as_reporters_write_them_are_the_wanted_persons():
    # a woman's surname in any case, after her first name and patronymic
    assert "Maria Lvova-Belova" in mentioned(
        "МКС", "Ордер видали й на уповноважену з прав дитини Марію Олексіївну Львову-Бєлову.", "uk"
    )
    assert "Maria Lvova-Belova" in mentioned("МКС", "Суд видав ордер на арест Марії Львової-Бєлової.", "uk")
    # lower case: a surname after a capitalised word opening the sentence, and a whole name in English
    assert "Vladimir Putin" in mentioned("МКС", "Крім путіна, ордер видали й на неї.", "uk")
    assert "Vladimir Putin" in mentioned("Trip", "The russian dictator vladimir putin flew to Mongolia.", "en")
    # but a single lower-case English word is a word, and someone else's first name makes someone else
    assert not mentioned("Gaza", "It was a gallant effort by the rescuers.", "en")
    assert "Vladimir Putin" not in mentioned("Putina", "Lyudmila Putina gave an interview.", "en")


def test_the_country_is_the_state_named_before_it_in_the_sentence_unless_it_is_his_own():
    found = analysed(
        "Putin skips Brazil",
        "Vladimir Putin will not attend the summit in Brazil. The bloc is made up of Brazil, Russia, India, China "
        "and South Africa. Brazil would be bound to detain Putin should he enter the country.",
        "en",
        "2025-06-11",
    )
    assert ("Vladimir Putin", "ZAF") not in visit_boxes(found)
    found = analysed(
        "Al Bashir",
        "Only in South Africa did Omar al-Bashir have a close call in June 2015. He slipped back to Sudan on the "
        "last day, while a court had ordered that he stay in the country.",
        "en",
        "2016-07-13",
    )
    assert visit_boxes(found)[("Omar al-Bashir", "ZAF")]["visit"] == "bashir-zaf-2015"


def test_a_person_taken_to_the_court_in_custody_gets_no_visit_box():
    found = analysed(
        "Дутерте доправили до Нідерландів",
        "У середу, 12 березня, колишній президент Філіппін Родріго Дутерте прибув до Нідерландів: у Гаазі його "
        "судитиме Міжнародний кримінальний суд.",
        "uk",
        "2025-03-13",
    )
    assert not visit_boxes(found)


def test_a_place_named_as_the_scene_of_a_war_is_not_where_the_person_is():
    found = analysed(
        "Netanyahu in Hungary",
        "Benjamin Netanyahu, wanted over alleged war crimes in Gaza, landed in Budapest on Thursday.",
        "en",
        "2025-04-03",
    )
    boxes = visit_boxes(found)
    assert ("Benjamin Netanyahu", "HUN") in boxes and ("Benjamin Netanyahu", "PSE") not in boxes
