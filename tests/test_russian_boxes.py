"""A Russian article gets its boxes in Russian: the article page, the embed, the feed and the JSON-LD,
with dates and names in their grammatical forms."""

import json
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime

from compliance.editorial import articles
from compliance.editorial.wording import box_language, long_date, object_name, period
from compliance.models import ContextBox, Person, State
from newsroom.models import Article

ROOT = Path(__file__).resolve().parent.parent
DEMO = json.loads((ROOT / "newsroom" / "demo" / "articles.json").read_text(encoding="utf-8"))
RUSSIAN = next(item for item in DEMO if item["language"] == "ru")

pytestmark = pytest.mark.django_db


@pytest.fixture
def russian_article(db):
    """The demo's Russian translation of the seed article, analysed, its visit box approved."""
    article = Article.objects.create(
        slug=RUSSIAN["slug"],
        headline=RUSSIAN["headline"],
        standfirst=RUSSIAN["standfirst"],
        body=RUSSIAN["body"],
        language="ru",
        byline=RUSSIAN["byline"],
        status="published",
        published_at=parse_datetime(RUSSIAN["published_at"]),
    )
    articles.refresh(article, timezone.localdate())
    box = ContextBox.objects.get(object_id=article.pk, content_type__model="article", kind="visit", state__iso3="TJK")
    articles.approve(box, None)
    return article


def visible_text(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def test_the_demo_has_a_russian_translation_that_keeps_the_seeds_two_errors():
    assert RUSSIAN["slug"] == "tadzhikistan-vpustil-putina" and RUSSIAN["language"] == "ru"
    assert "ратифицировал Римский статут в 1999 году" in RUSSIAN["body"]
    assert "В сентябре 2023 года он при схожих обстоятельствах посетил Монголию" in RUSSIAN["body"]


def test_a_russian_articles_visit_box_is_written_in_russian(russian_article):
    box = ContextBox.objects.get(object_id=russian_article.pk, kind="visit", state__iso3="TJK")
    assert box.language == "ru" and box.title == "Владимир Путин и Таджикистан"
    assert "8 октября 2025 года" in box.verdict_text
    assert "арестовать Владимира Путина" in box.verdict_text  # the name as the object of "arrest"
    assert "5 мая 2000 года" in " ".join(s["text"] for s in box.data["statements"])  # the right date, not 1999
    assert not any(word in box.verdict_text for word in ("October", "Tajikistan", "obliged"))


def test_a_russian_articles_page_shows_its_box_and_json_ld_in_russian(client, russian_article):
    html = client.get(russian_article.get_absolute_url()).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    aside = soup.select_one("aside.cbox--visit")
    assert aside is not None and aside["lang"] == "ru"
    assert "Факты на 8 октября 2025 года." in visible_text(str(aside))
    assert "Обязано арестовать" in visible_text(str(aside)) and "Facts as of" not in html
    blocks = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    items = [item for block in blocks for item in block]
    visit = next(item for item in items if item["name"] == "Владимир Путин и Таджикистан")
    assert visit["inLanguage"] == "ru" and "8 октября 2025" in visit["text"]
    assert {"@type": "Country", "name": "Таджикистан"} in visit["about"]


def test_a_russian_articles_box_embeds_in_russian(client, russian_article):
    box = ContextBox.objects.get(object_id=russian_article.pk, kind="visit", state__iso3="TJK")
    embed = client.get("/api/v1/embed/box/", {"box": box.pk})
    assert embed.status_code == 200 and '<html lang="ru">' in embed.content.decode()
    assert "8 октября 2025" in visible_text(embed.content.decode())


def test_a_box_asked_for_in_russian_is_built_in_russian_by_the_embed_and_the_feed(client):
    putin, tajikistan = Person.objects.get(qid="Q7747"), State.objects.get(iso3="TJK")
    by_names = client.get(
        "/api/v1/embed/box/", {"person": "Q7747", "state": "TJK", "date": "2025-10-08", "language": "ru"}
    )
    by_ids = client.get(
        "/api/v1/embed/box/", {"person_id": putin.pk, "state_id": tajikistan.pk, "date": "2025-10-08", "language": "ru"}
    )
    for embed in (by_names, by_ids):
        text = visible_text(embed.content.decode())
        assert embed.status_code == 200 and "Владимир Путин и Таджикистан" in text and "8 октября 2025" in text
        assert "Tajikistan" not in text.split("Источники")[0]
    feed = client.get(
        "/api/v1/boxes/",
        {"person": "Q7747", "state": "TJK", "date": "2025-10-08", "language": "ru"},
        HTTP_ACCEPT="application/json",
    )
    verdict = feed.json()["boxes"][0]["verdict"]["text"]
    assert feed.status_code == 200 and "8 октября 2025" in verdict and "Владимира Путина" in verdict


def test_a_language_boxes_are_not_written_in_is_refused_by_the_feed_and_falls_back_to_english_in_articles(client):
    refused = client.get(
        "/api/v1/boxes/", {"person": "Q7747", "state": "TJK", "language": "de"}, HTTP_ACCEPT="application/json"
    )
    assert refused.status_code == 400 and "en, uk or ru" in json.dumps(refused.json())
    assert [box_language(code) for code in ("ru", "ru-RU", "uk", "de", "", None)] == [
        "ru",
        "ru",
        "uk",
        "en",
        "en",
        "en",
    ]


def test_russian_dates_carry_goda_and_english_and_ukrainian_dates_do_not():
    with translation.override("ru"):
        assert long_date(date(2025, 10, 8)) == "8 октября 2025 года"
        assert period(date(2024, 9, 2), date(2024, 9, 3)) == "2–3 сентября 2024 года"
    with translation.override("uk"):
        assert long_date(date(2025, 10, 8)) == "8 жовтня 2025"
    with translation.override("en"):
        assert long_date(date(2025, 10, 8)) == "8 October 2025"


@pytest.mark.parametrize(
    "name, accusative",
    [
        ("Владимир Путин", "Владимира Путина"),
        ("Мария Львова-Белова", "Марию Львову-Белову"),
        ("Сергей Шойгу", "Сергея Шойгу"),  # a surname that does not decline
        ("Биньямин Нетаньяху", "Биньямина Нетаньяху"),
        ("Омар аль-Башир", "Омара аль-Башира"),
        ("Хайбатулла Ахундзада", "Хайбатуллу Ахундзаду"),
        ("Родриго Дутерте", "Родриго Дутерте"),  # a name the dictionary does not know as a person's is left as it is
        ("Путин", "Путина"),
    ],
)
def test_russian_names_take_the_accusative_as_the_object_of_arrest(name, accusative):
    with translation.override("ru"):
        assert object_name(name) == accusative
    with translation.override("en"):
        assert object_name(name) == name


def test_a_readers_page_in_russian_builds_its_boxes_and_map_in_russian(client):
    putin = Person.objects.get(qid="Q7747")
    page = client.get(f"/people/{putin.pk}/", {"date": "2024-09-03"}, HTTP_ACCEPT_LANGUAGE="ru")
    text = visible_text(page.content.decode())
    assert page.status_code == 200 and '<html lang="ru">' in page.content.decode()
    assert "Владимир Путин: где возможен арест на 3 сентября 2024 года" in text
    assert "Владимир Путин: в розыске международного суда" in text and "wanted by an international court" not in text
