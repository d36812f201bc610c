"""The public pages readers see: a tracker per wanted person and per state, and the arrest maps."""

import io
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db.models import Q

from compliance.models import Person, Source, State, Visit
from newsroom.models import Article

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def putin():
    return Person.objects.get(qid="Q7747")


def text(response) -> str:
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


def test_the_people_page_lists_the_wanted_with_links(client, putin):
    page = text(client.get("/people/"))
    assert f'href="/people/{putin.pk}/"' in page and "Vladimir Putin" in page and "Benjamin Netanyahu" in page


def test_a_person_tracker_shows_the_box_map_and_timeline_as_of_a_date(client, putin):
    page = text(client.get(f"/people/{putin.pk}/", {"date": "2024-09-03"}))
    assert "International Criminal Court arrest warrant for Vladimir Putin, issued 17 March 2023" in page
    assert "Where Vladimir Putin could be arrested on 3 September 2024" in page
    # The map: Mongolia (a party) shaded as obliged; China (not a party) not.
    assert 'class="cmap-area cmap-obliged" data-iso3="MNG"' in page
    assert 'class="cmap-area cmap-not-obliged" data-iso3="CHN"' in page
    # The timeline and its text: the Mongolia trip marked as a trip to a state obliged to arrest.
    assert "2 September 2024</time>: Mongolia, 2–3 September 2024: obliged to arrest; not arrested" in page
    assert "ctl__item--visit-obliged" in page
    # No article was published on that date: nothing is told "since publication". The Court's later
    # Mongolia finding is withheld: its only source is a reprint of the Court's press release.
    assert "Since publication" not in page
    assert "the Court found that Mongolia" not in page
    # Nothing after the date leaks in: the Tajikistan trip of October 2025 is not there.
    assert "Tajikistan, 8" not in page


def test_the_box_and_the_timeline_count_the_same_trips(client, putin):
    from compliance.editorial import boxes
    from compliance.reader import timeline

    on = putin.visits.exclude(start=None).order_by("-start").first().start
    box = boxes.person_box(putin, on)
    line = timeline.person_timeline(putin, on)
    assert (
        box["verdict"]["visits"] == line.trips and box["verdict"]["visits_to_obliged_states"] == line.trips_to_obliged
    )
    cancelled = Visit.objects.filter(person=putin, status="cancelled").count()
    assert cancelled, "the reference data records a cancelled trip (South Africa, 2023)"


def test_the_map_as_an_svg_image(client, putin):
    response = client.get(f"/people/{putin.pk}/map.svg", {"date": "2024-09-03", "highlight": "mng"})
    assert response.status_code == 200 and response["Content-Type"].startswith("image/svg+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    mongolia = [p for p in root.iter(f"{SVG}path") if p.get("data-iso3") == "MNG"]
    assert mongolia and "cmap-highlight" in mongolia[0].get("class") and "cmap-obliged" in mongolia[0].get("class")
    assert "Ringed: Mongolia." in root.find(f"{SVG}desc").text


def test_a_withdrawal_notified_but_not_effective_is_marked(client, putin):
    page = text(client.get(f"/people/{putin.pk}/map/", {"date": "2025-12-01"}))
    assert 'class="cmap-area cmap-withdrawing" data-iso3="HUN"' in page
    assert "Still obliged, withdrawal notified: 1 state" in page


def test_the_map_embed_needs_no_script_and_may_be_framed(client, putin):
    response = client.get(f"/people/{putin.pk}/map/embed/", {"date": "2025-10-08", "highlight": "TJK"})
    page = text(response)
    assert "<script" not in page and "X-Frame-Options" not in response
    assert 'data-iso3="TJK"' in page and "Tajikistan" in page


def test_a_state_tracker_shows_membership_over_time(client):
    page = text(client.get("/states/hun/", {"date": "2026-11-29"}))
    assert '1 July 2002</time> – <time datetime="2025-06-01">1 June 2025</time>: state party' in page
    assert (
        '2 June 2025</time> – <time datetime="2026-06-01">1 June 2026</time>: state party, withdrawal notified' in page
    )
    assert "2 June 2026</time> – now: withdrew: no longer a party" in page
    assert "Benjamin Netanyahu" in page


@pytest.mark.parametrize(
    "url, params, status, message",
    [
        ("/people/{pk}/", {"date": "2024-02-30"}, 400, "is not a date"),
        ("/people/{pk}/map/", {"date": "soon"}, 400, "is not a date"),
        ("/people/{pk}/map.svg", {"date": "soon"}, 400, "is not a date"),
        ("/people/{pk}/map/", {"highlight": "ZZZ"}, 404, ""),
        ("/people/999999/", {}, 404, ""),
        ("/states/XXX/", {}, 404, ""),
    ],
)
def test_bad_addresses_get_a_clear_answer_never_a_500(client, putin, url, params, status, message):
    response = client.get(url.format(pk=putin.pk), params)
    assert response.status_code == status
    assert message in response.content.decode()


def test_pages_in_ukrainian_follow_the_language(client, putin):
    page = text(client.get(f"/people/{putin.pk}/", {"date": "2024-09-03"}, HTTP_ACCEPT_LANGUAGE="uk"))
    assert "Володимир Путін" in page and "3 вересня 2024" in page and '<html lang="uk">' in page
    assert "Where" not in page, "every reader-facing string is translated"
    state = text(client.get("/states/TJK/", HTTP_ACCEPT_LANGUAGE="uk"))
    assert "Таджикистан" in state and "Участь у Статуті з часом" in state


def test_what_editors_typed_is_escaped(client, putin):
    from compliance.editorial import boxes

    shown = boxes.person_box(putin, date.today())["sources"][0]["key"]  # a source the page lists
    source = Source.objects.get(key=shown)
    source.title = '<script>alert("x")</script>'
    source.save()
    state = State.objects.get(iso3="TJK")
    state.aliases.filter(language="en", kind="name").update(text="<img src=x onerror=alert(1)>")
    page = text(client.get(f"/people/{putin.pk}/"))
    assert '<script>alert("x")</script>' not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    state_page = text(client.get("/states/TJK/"))
    assert "<img src=x" not in state_page


# Copy that adds up: every count on a reader page equals the items listed under it.

NUMBER = re.compile(r"\d+")
LONG_DATE = re.compile(
    r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|"
    r"December) \d{4}\b"
)


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(text(response), "html.parser")


def numbers(text: str) -> list[int]:
    return [int(n) for n in NUMBER.findall(text)]


def disagreements(soup: BeautifulSoup) -> list[str]:
    """Every count the page shows that does not equal the list it counts (empty when all add up)."""
    problems = []
    page_text = " ".join(soup.get_text(" ").split())
    if re.search(r"\(\s*\)", page_text):
        problems.append("an empty “()”")
    # A box's sections and sources: "(3)" or "(1 visit, 1 cancelled trip, 1 court finding)".
    for details in soup.select("details"):
        count = details.select_one(":scope > summary .cbox__count")
        if count is None:
            continue
        items = details.select(":scope > .cbox__list > li")
        said = numbers(count.get_text())
        kinds = {c for li in items for c in li.get("class", []) if c.startswith("cbox__item--")}
        if sum(said) != len(items) or (len(said) > 1 and len(said) != len(kinds)):
            problems.append(f"{details.summary.get_text(' ', strip=True)!r} lists {len(items)} item(s) of {kinds}")
    # The person box's verdict: trips made, and of them to states obliged to arrest.
    for box in soup.select("aside.cbox--person"):
        verdict = box.select_one(".cbox__verdict-text")
        made = box.select(".cbox__item--visit")
        if verdict and made:
            trips, obliged = numbers(verdict.get_text())[:2]
            to_obliged = [li for li in made if ": obliged to arrest" in li.get_text()]
            if (trips, obliged) != (len(made), len(to_obliged)):
                problems.append(
                    f"the box says {trips} trips, {obliged} to obliged states; it lists {len(made)}, {len(to_obliged)}"
                )
    # The map's legend and its list of states, category by category.
    for figure in soup.select("figure.cmap"):
        for swatch in figure.select(".cmap__legend li .cmap__swatch"):
            category = next(c.split("--")[1] for c in swatch["class"] if c.startswith("cmap__swatch--"))
            if category == "highlight":
                continue
            said = numbers(swatch.parent.get_text())
            listed = figure.select(f".cmap__states--{category} > li")
            if said and said[-1] != len(listed):
                problems.append(f"map legend {swatch.parent.get_text(' ', strip=True)!r}; {len(listed)} listed")
        for heading in figure.select(".cmap__list h3"):
            listed = heading.find_next_sibling("ul").select(":scope > li")
            if numbers(heading.select_one(".cbox__count").get_text()) != [len(listed)]:
                problems.append(f"{heading.get_text(' ', strip=True)!r}: {len(listed)} listed")
    # The timeline: its title's trips, and its legend's trips to states obliged to arrest.
    for figure in soup.select("figure.ctl"):
        trips = figure.select(".ctl__item--visit, .ctl__item--visit-obliged")
        obliged = figure.select(".ctl__item--visit-obliged")
        title = numbers(figure.select_one("svg title").get_text())
        legend = numbers(figure.select_one(".ctl__key--visit-obliged").parent.get_text())
        if title != [len(trips)] or legend != [len(obliged)]:
            problems.append(
                f"timeline says {title} trips and {legend} to obliged states; lists {len(trips)}, {len(obliged)}"
            )
    # Groups of people, and who a state was bound to arrest without being a party.
    for section in soup.select("section[aria-labelledby^=group-]"):
        listed = section.select(".ctrack__list > li")
        if numbers(section.h2.select_one(".ctrack__count").get_text()) != [len(listed)]:
            problems.append(f"group {section.h2.get_text(' ', strip=True)!r} lists {len(listed)}")
    for group in soup.select(".ctrack__bound ul"):
        said = re.search(r"(\d+) (person|people|warrants?)\b", group.find_previous_sibling("p").get_text())
        if not said or int(said[1]) != len(group.select(":scope > li")):
            problems.append(f"{group.find_previous_sibling('p').get_text()[:60]!r}: {len(group.select('li'))} listed")
    # Every "took effect" says when.
    for sentence in re.split(r"(?<=\.)\s", page_text):
        if "took effect" in sentence and not LONG_DATE.search(sentence.split("took effect", 1)[1]):
            problems.append(f"no date: {sentence!r}")
    return problems


@pytest.fixture
def demo_articles(db):
    call_command("load_demo", stdout=io.StringIO())
    return list(Article.objects.published())


def test_no_count_on_any_reader_page_disagrees_with_its_list(client, demo_articles):
    pages = ["/people/", "/states/", *(a.get_absolute_url() for a in demo_articles)]
    people = Person.objects.filter(warrants__isnull=False).distinct()
    pages += [f"/people/{p.pk}/" for p in people]
    pages += [f"/people/{p.pk}/map/" for p in people.filter(visits__isnull=False).distinct()]
    pages += [
        f"/states/{iso3}/"
        for iso3 in State.objects.filter(
            Q(visits__isnull=False) | Q(findings__isnull=False) | Q(treaty_events__kind="withdrawal_notified")
        )
        .values_list("iso3", flat=True)
        .distinct()
    ]
    putin = people.get(qid="Q7747")
    pages += [
        f"/people/{putin.pk}/?date=2024-09-03",
        f"/people/{putin.pk}/map/?date=2025-12-01&highlight=TJK",
        "/states/HUN/?date=2025-12-01",
        "/people/?q=put",
    ]
    found = {url: problems for url in pages if (problems := disagreements(soup_of(client.get(url))))}
    assert not found, found
    assert len(pages) > 60


def test_the_count_check_catches_a_count_that_does_not_add_up():
    page = BeautifulSoup(
        '<details><summary>Travel <span class="cbox__count">(15)</span></summary>'
        '<ul class="cbox__list"><li class="cbox__item cbox__item--visit">A</li></ul></details>'
        "<p>Its withdrawal took effect.</p><p>(ICC; )</p><p>()</p>",
        "html.parser",
    )
    problems = disagreements(page)
    assert len(problems) == 3 and "lists 1 item" in problems[1] and "no date" in problems[2]


def test_a_cancelled_trip_and_a_finding_are_labelled_and_not_counted_as_visits(client, putin):
    page = soup_of(client.get(f"/people/{putin.pk}/", {"date": "2024-09-03"}))
    travel = next(d for d in page.select("aside.cbox--person details") if "Travel" in d.summary.get_text())
    cancelled = travel.select(".cbox__item--cancelled")
    assert [li.get_text(" ", strip=True).split(":")[0] for li in cancelled] == ["South Africa, 22–24 August 2023"]
    assert "cancelled" in cancelled[0].get_text()
    made = len(travel.select(".cbox__item--visit"))
    assert travel.summary.select_one(".cbox__count").get_text() == f"({made} visits, 1 cancelled trip)"
    # A section that mixes kinds counts each (whatever the sourcing rule lets through on a given day).
    from compliance.templatetags.compliance import tally

    visit, finding, cancelled = {"code": "visit"}, {"code": "finding"}, {"code": "cancelled_visit"}
    assert tally([visit, finding]) == "1 visit, 1 court finding"
    assert (
        tally([{"code": "earlier_visit"}, visit, cancelled, {"code": "travel_count"}]) == "2 visits, 1 cancelled trip"
    )
    assert tally([visit, visit]) == "2" and tally([cancelled]) == "1 cancelled trip"


def test_a_withdrawal_that_took_effect_says_when(client):
    page = text(client.get("/states/HUN/", {"date": "2026-07-01"}))
    assert "took effect on 2 June 2026" in page


def test_the_people_page_groups_by_status_and_searches_every_spelling(client, putin):
    page = soup_of(client.get("/people/"))
    groups = {
        s.h2.get_text(" ", strip=True).rsplit(" (", 1)[0]: [li.a.get_text() for li in s.select("li")]
        for s in page.select("section[aria-labelledby^=group-]")
    }
    assert "Vladimir Putin" in groups["Wanted"]
    from django.utils import timezone

    today = timezone.localdate()
    at_large = {
        p.name
        for p in Person.objects.filter(warrants__isnull=False).distinct()
        if any(
            w.as_rule().status_on(today) == "at_large"
            for w in p.warrants.all()
            if w.issued or w.status_history.exists()
        )
    }
    assert set(groups["Wanted"]) == at_large
    assert set(groups) - {"Wanted"}, "the others are grouped by what became of them"
    everyone = [name for names in groups.values() for name in names]
    assert len(everyone) == len(set(everyone)) == Person.objects.filter(warrants__isnull=False).distinct().count()
    found = soup_of(client.get("/people/", {"q": "путін"}))
    assert [a.get_text() for a in found.select(".ctrack__list a")] == ["Vladimir Putin"]
    assert "1 person found" in found.get_text()
    nobody = text(client.get("/people/", {"q": "<zz>"}))
    assert "No one matches." in nobody and "<zz>" not in nobody


def test_standing_follows_the_statuses_the_data_records():
    from compliance.reader.views import standing
    from compliance.rules.obligation import WarrantFacts

    class Warrant:
        def __init__(self, *statuses):
            self.issued = date(2020, 1, 1)
            self.facts = WarrantFacts(self.issued, statuses=tuple(statuses))
            self.status_history = self

        def all(self):
            return self.facts.statuses

        def as_rule(self):
            return self.facts

    on = date(2026, 1, 1)
    assert standing([Warrant(), Warrant((date(2021, 1, 1), "deceased"))], on) == "at_large"
    assert standing([Warrant((date(2021, 1, 1), "in_custody"), (date(2024, 1, 1), "convicted"))], on) == "convicted"
    # A status the app does not know yet still comes through, for its own group.
    assert standing([Warrant((date(2021, 1, 1), "released_on_bail"))], on) == "released_on_bail"
    assert standing([], on) == ""


# Maps that explain themselves.


def test_a_former_party_bound_by_article_127_2_is_drawn_and_named_as_such(client, putin):
    page = text(client.get(f"/people/{putin.pk}/map/", {"date": "2026-11-29", "highlight": "HUN"}))
    assert 'class="cmap-area cmap-surviving cmap-highlight" data-iso3="HUN"' in page
    assert "No longer a party, still bound by Art. 127(2): 1 state" in page
    assert '<circle class="cmap-ring" data-iso3="HUN"' in page
    state = soup_of(client.get("/states/HUN/", {"date": "2026-11-29"}))
    bound = state.select_one(".ctrack__bound")
    assert "Bound by Art. 127(2)" in bound.get_text() and "Hungary was a party" in bound.get_text()
    assert "Vladimir Putin" in [a.get_text() for a in bound.select("a")]
    # While it was a party, none of this is said.
    assert soup_of(client.get("/states/HUN/", {"date": "2025-01-01"})).select_one(".ctrack__bound") is None


def test_the_standalone_map_carries_its_legend_colours_for_dark_mode_and_rings_the_host(client, putin):
    svg = client.get(f"/people/{putin.pk}/map.svg", {"date": "2025-10-08", "highlight": "TJK"}).content.decode()
    assert "@media (prefers-color-scheme:dark)" in svg and '<circle class="cmap-ring" data-iso3="TJK"' in svg
    ET.fromstring(svg)  # still well-formed


def test_the_box_map_has_a_legend(client, demo_articles):
    article = next(a for a in demo_articles if a.slug == "tajikistan-lets-putin-enter")
    box = soup_of(client.get(article.get_absolute_url())).select_one("aside.cbox--visit .cbox__map")
    legend = [li.get_text(" ", strip=True) for li in box.select(".cmap__legend li")]
    assert "State party: obliged to arrest" in legend and "Ringed: Tajikistan" in legend


# The box's place, and its footnotes.


def test_the_box_follows_the_paragraph_that_first_names_the_visit(client, demo_articles):
    article = next(a for a in demo_articles if a.slug == "tajikistan-lets-putin-enter")
    body = soup_of(client.get(article.get_absolute_url())).select_one("article.article-body")
    box = body.select_one("aside.cbox--visit")
    before = box.find_previous_sibling("p")
    assert "Putin arrived in Tajikistan" in before.get_text()
    assert len(box.find_next_siblings("p")) >= 5, "not after the whole story"


def test_every_footnote_leads_to_its_source_and_back(client, demo_articles):
    article = next(a for a in demo_articles if a.slug == "tajikistan-lets-putin-enter")
    page = soup_of(client.get(article.get_absolute_url()))
    box = page.select_one("aside.cbox--visit")
    refs = box.select("a.cbox__ref")
    assert refs
    for ref in refs:
        source = page.select_one(ref["href"])
        assert source is not None and source.name == "li", ref
        assert f"#{ref['id']}" in [a["href"] for a in source.select("a.cbox__back")]


# Embeds by the site's own ids.


def test_an_approved_box_of_a_public_article_embeds_by_its_id_and_nothing_else_does(client, demo_articles):
    from compliance.models import ContextBox

    article = next(a for a in demo_articles if a.slug == "tajikistan-lets-putin-enter")
    # the trip the article is about (the Mongolia trip it also reports has a box of its own)
    box = ContextBox.objects.get(object_id=article.pk, kind="visit", status="approved", state__iso3="TJK")
    page = text(client.get(article.get_absolute_url()))
    assert f'href="/api/v1/embed/box/?box={box.pk}">Embed this box</a>' in page
    embed = client.get("/api/v1/embed/box/", {"box": box.pk})
    assert embed.status_code == 200 and "Vladimir Putin and Tajikistan" in embed.content.decode()
    ContextBox.objects.filter(pk=box.pk).update(status="suggested")
    assert client.get("/api/v1/embed/box/", {"box": box.pk}).status_code == 404
    ContextBox.objects.filter(pk=box.pk).update(status="approved")
    Article.objects.filter(pk=article.pk).update(status="draft")
    hidden = client.get("/api/v1/embed/box/", {"box": box.pk})
    assert hidden.status_code == 404 and "Tajikistan" not in hidden.content.decode()
    assert client.get("/api/v1/embed/box/", {"box": "1; drop"}).status_code == 400
    assert client.get("/api/v1/embed/box/", {"box": 999999}).status_code == 404


def test_the_tracker_boxes_embed_by_person_and_state_ids(client, putin):
    page = soup_of(client.get(f"/people/{putin.pk}/", {"date": "2024-09-03"}))
    link = next(a for a in page.select("aside.cbox--person a") if a.get_text() == "Embed this box")
    assert f"person_id={putin.pk}" in link["href"] and "date=2024-09-03" in link["href"]
    embed = client.get(link["href"])
    assert embed.status_code == 200 and "Vladimir Putin: wanted by an international court" in embed.content.decode()
    tajikistan = State.objects.get(iso3="TJK")
    visit = client.get(
        "/api/v1/embed/box/", {"person_id": putin.pk, "state_id": tajikistan.pk, "date": "2025-10-08", "language": "uk"}
    )
    assert visit.status_code == 200 and "Таджикистан" in visit.content.decode()
    assert client.get("/api/v1/embed/box/", {"state_id": "x"}).status_code == 400


def test_lists_in_ukrainian_follow_the_ukrainian_alphabet(client, putin):
    from compliance.reader.collation import alphabetical

    assert sorted(
        ["Ірландія", "Єгипет", "Австралія", "Ефіопія", "Італія", "Йорданія", "Гана", "Ґренландія"], key=alphabetical
    ) == ["Австралія", "Гана", "Ґренландія", "Ефіопія", "Єгипет", "Ірландія", "Італія", "Йорданія"]
    page = soup_of(client.get(f"/people/{putin.pk}/map/", {"date": "2024-09-03"}, HTTP_ACCEPT_LANGUAGE="uk"))
    names = [li.get_text() for li in page.select(".cmap__states--obliged > li")]
    assert names == sorted(names, key=alphabetical) and names[0].startswith("А")
