"""The tracker pages, the arrest map and the timeline in headless Chromium at 375 and 1280 px: the facts
they show, the map's shading, that nothing is wider than the screen, no console error or failed request,
and no serious or critical axe-core violation. Screenshots: artifacts/screenshots/."""

import re

import pytest

pytestmark = pytest.mark.browser

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips, or fails under CI, saying what to install
    expect = None

WIDTHS = (375, 1280)


def person_url(page, name: str) -> str:
    """The tracker's address, found as a reader finds it: from the list of the wanted."""
    page.goto("/people/")
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    page.wait_for_load_state("load")
    return page.url.split("?")[0]


def fits(page, width):
    scroll_width, inner_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width, f"{page.url} is {scroll_width} px wide in a {inner_width} px window"


def shading(page, iso3: str) -> str:
    return page.locator(f'figure.cmap svg path[data-iso3="{iso3}"]').first.get_attribute("class")


@pytest.mark.parametrize("width", WIDTHS)
def test_person_tracker_box_map_and_timeline(demo_site, page_at, page_problems, screenshot, assert_accessible, width):
    page = page_at(width)
    url = person_url(page, "Vladimir Putin")
    page.goto(url + "?date=2024-09-03")
    expect(
        page.get_by_role("heading", name="Where Vladimir Putin could be arrested on 3 September 2024")
    ).to_be_visible()
    # The box: the warrant, and the count of trips.
    box = page.get_by_role("complementary", name="Vladimir Putin: wanted by an international court")
    expect(box.get_by_text(re.compile(r"issued 17 March 2023 \(ICC-01/22\)"))).to_be_visible()
    expect(
        box.get_by_text(re.compile(r"Recorded trips abroad since the warrant: \d+, of which 1 to states"))
    ).to_be_visible()
    # The map: drawn, labelled, Mongolia (a party) shaded, China (not a party) not, small states marked.
    svg = page.get_by_role("img", name="Where Vladimir Putin could be arrested on 3 September 2024")
    expect(svg).to_be_visible()
    assert svg.bounding_box()["width"] > page.locator("main").bounding_box()["width"] * 0.9  # as wide as the text
    assert "cmap-obliged" in shading(page, "MNG") and "cmap-not-obliged" in shading(page, "CHN")
    expect(page.locator("figure.cmap svg circle.cmap-obliged").first).to_be_attached()
    # (How many: whatever the sourcing rule confirms; each count is checked against its list in test_pages.)
    expect(page.get_by_text(re.compile(r"States parties, obliged to arrest: \d+ states"))).to_be_visible()
    page.get_by_text("The states, as a list").click()
    expect(page.locator(".cmap__list").get_by_text(re.compile(r"\bMongolia\b")).first).to_be_visible()
    # The timeline: one mark per trip, the Mongolia trip marked as to a state obliged to arrest.
    trips = page.locator(".ctl__item--visit, .ctl__item--visit-obliged")
    marks = page.locator("svg.ctl__svg .ctl__mark--visit, svg.ctl__svg .ctl__mark--visit-obliged")
    expect(marks).to_have_count(trips.count())
    assert trips.count() >= 5
    expect(page.locator(".ctl__item--visit-obliged")).to_have_text(re.compile(r"Mongolia, 2–3 September 2024: obliged"))
    fits(page, width)
    screenshot(page, "person-putin-2024-09-03")
    assert_accessible(page)
    assert not (problems := page_problems(page)), problems


@pytest.mark.parametrize("width", WIDTHS)
def test_map_page_marks_a_withdrawal_not_yet_effective(
    demo_site, page_at, page_problems, screenshot, assert_accessible, width
):
    page = page_at(width)
    url = person_url(page, "Vladimir Putin")
    page.goto(url + "map/?date=2025-12-01&highlight=TJK")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Where Vladimir Putin could be arrested on 1 December 2025"
    )
    assert "cmap-withdrawing" in shading(page, "HUN")
    assert "cmap-highlight" in shading(page, "TJK") and "cmap-obliged" in shading(page, "TJK")
    expect(page.get_by_text("Still obliged, withdrawal notified: 1 state")).to_be_visible()
    expect(page.get_by_text("Ringed: Tajikistan, the state of the visit")).to_be_visible()
    # The host state is ringed, so it can be found on a phone's screen.
    expect(page.locator('figure.cmap svg circle.cmap-ring[data-iso3="TJK"]')).to_be_attached()
    fits(page, width)
    screenshot(page, "map-putin-2025-12-01")
    assert_accessible(page)
    assert not (problems := page_problems(page)), problems


@pytest.mark.parametrize("width", WIDTHS)
def test_state_tracker_shows_membership_over_time(
    demo_site, page_at, page_problems, screenshot, assert_accessible, width
):
    page = page_at(width)
    page.goto("/states/")
    expect(page.get_by_role("heading", level=1)).to_have_text("States and the Rome Statute")
    page.get_by_role("link", name="Hungary", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hungary")
    page.wait_for_load_state("load")
    page.goto(page.url + "?date=2026-11-29")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hungary")
    periods = page.locator(".cmem__list li")
    expect(periods.filter(has_text="1 July 2002 – 1 June 2025: state party")).to_have_count(1)
    expect(periods.filter(has_text="2 June 2025 – 1 June 2026: state party, withdrawal notified")).to_have_count(1)
    expect(periods.filter(has_text="2 June 2026 – now: withdrew: no longer a party")).to_have_count(1)
    expect(page.locator("svg.cmem__svg rect")).to_have_count(periods.count())
    box = page.get_by_role("complementary", name="Hungary and the International Criminal Court")
    expect(box.get_by_text("Not a state party")).to_be_visible()
    visits = page.get_by_role("region", name="Visits by people wanted by the Court")
    expect(visits.get_by_role("link", name="Benjamin Netanyahu")).to_be_visible()
    fits(page, width)
    screenshot(page, "state-hungary")
    assert_accessible(page)
    assert not (problems := page_problems(page)), problems


@pytest.mark.parametrize("width", WIDTHS)
def test_the_map_in_a_visit_box_loads_when_opened(demo_site, page_at, page_problems, width):
    page = page_at(width)
    page.goto("/articles/tajikistan-lets-putin-enter/")
    box = page.get_by_role("complementary", name="Vladimir Putin and Tajikistan")
    summary = box.locator("details.cbox__map > summary")
    expect(summary).to_have_text("Map: where Vladimir Putin could be arrested on 8 October 2025")
    summary.click()
    image = box.get_by_role("img", name=re.compile("World map: the states obliged to arrest Vladimir Putin"))
    expect(image).to_be_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    box.get_by_role("link", name="The full map, with the list of states").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Where Vladimir Putin could be arrested on 8 October 2025"
    )
    assert "cmap-highlight" in shading(page, "TJK")
    assert not (problems := page_problems(page)), problems


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_in_ukrainian(demo_site, page_at, page_problems, screenshot, assert_accessible, width):
    page = page_at(width)
    url = person_url(page, "Vladimir Putin")
    page.goto(url + "?date=2024-09-03")
    page.get_by_label("Language").select_option("uk")  # the switch in the header, as a reader uses it
    page.get_by_role("button", name="Change").click()
    expect(page).to_have_url(url + "?date=2024-09-03")
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page.get_by_role("heading", level=1)).to_have_text("Володимир Путін")
    expect(page.get_by_role("heading", name=re.compile("станом на 3 вересня 2024"))).to_be_visible()
    expect(page.get_by_role("link", name="Статті")).to_be_visible()
    expect(page.locator(".ctl__item--visit-obliged")).to_have_text(re.compile(r"2 вересня 2024: Монголія"))
    fits(page, width)
    screenshot(page, "person-putin-uk")
    assert_accessible(page)
    assert not (problems := page_problems(page)), problems


@pytest.mark.parametrize("width", WIDTHS)
def test_map_embed_needs_no_script(demo_site, page_at, page_problems, assert_accessible, width):
    page = page_at(width)
    url = person_url(page, "Vladimir Putin")
    page.goto(url + "map/embed/?date=2025-10-08&highlight=TJK")
    assert page.locator("script").count() == 0
    expect(page.get_by_role("img", name=re.compile("Where Vladimir Putin could be arrested"))).to_be_visible()
    fits(page, width)
    assert_accessible(page)
    assert not (problems := page_problems(page)), problems


@pytest.mark.parametrize("width", WIDTHS)
def test_hungary_after_its_withdrawal_is_bound_by_article_127_2_on_the_map_and_its_page(
    demo_site, page_at, page_problems, screenshot, assert_accessible, width
):
    page = page_at(width)
    url = person_url(page, "Vladimir Putin")
    page.goto(url + "map/?date=2026-11-29&highlight=HUN")
    assert "cmap-surviving" in shading(page, "HUN")
    expect(page.get_by_text("No longer a party, still bound by Art. 127(2): 1 state")).to_be_visible()
    page.goto("/states/HUN/?date=2026-11-29")
    bound = page.locator(".ctrack__bound")
    expect(bound).to_contain_text("Bound by Art. 127(2) to arrest")
    expect(bound.get_by_role("link", name="Vladimir Putin")).to_be_visible()
    fits(page, width)
    screenshot(page, "state-hungary-127-2")
    assert_accessible(page)
    assert not (problems := page_problems(page)), problems


@pytest.mark.parametrize("width", WIDTHS)
def test_the_people_page_groups_and_searches(demo_site, page_at, page_problems, screenshot, assert_accessible, width):
    page = page_at(width)
    page.goto("/people/")
    expect(page.get_by_role("heading", level=2, name=re.compile(r"^Wanted \(\d+\)$"))).to_be_visible()
    page.get_by_label("Find a person").fill("Путін")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".ctrack__list a")).to_have_text(["Vladimir Putin"])
    fits(page, width)
    screenshot(page, "people-search")
    assert_accessible(page)
    assert not (problems := page_problems(page)), problems


def pdf_text(page, tmp_path) -> str:
    """The page as Chromium prints it (print media, to PDF), as text (pdftotext, from poppler-utils)."""
    import shutil
    import subprocess

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    return " ".join(
        subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout.split()
    )


def test_a_printed_tracker_shows_every_section_and_its_sources(demo_site, page_at, page_problems, tmp_path):
    page = page_at(1280)
    url = person_url(page, "Vladimir Putin")
    page.goto(url + "?date=2024-09-03")
    box = page.get_by_role("complementary", name="Vladimir Putin: wanted by an international court")
    titles = box.locator(".cbox__sources li > a:first-child").all_text_contents()
    assert titles
    printed = pdf_text(page, tmp_path)
    for title in titles:
        assert " ".join(title.split())[:40] in printed, title
    assert "Mongolia, 2–3 September 2024" in printed  # a section closed on screen
    assert "The states, as a list" in printed and "Afghanistan" in printed
    assert not (problems := page_problems(page)), problems
