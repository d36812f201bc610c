"""The article list and the demo articles in headless Chromium, at a phone's width (375 px) and a desktop's
(1280 px): what a reader sees in the context box, that nothing is wider than the screen, that the box's
sections open and close with no JavaScript, that the pages load with no console error or failed request,
and that axe-core finds no serious or critical WCAG violation. Screenshots: artifacts/screenshots/."""

import re

import pytest

pytestmark = pytest.mark.browser

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips, or fails under CI, saying what to install
    expect = None

WIDTHS = (375, 1280)
ARTICLE = "/articles/tajikistan-lets-putin-enter/"
ARTICLE_UK = "/articles/tadzhykystan-vpustyv-putina/"
PAGES = {"article-list": "/", "article": ARTICLE, "article-uk": ARTICLE_UK}
HEADLINE = "Tajikistan lets Putin enter despite ICC arrest warrant"
HEADLINE_UK = "Таджикистан впустив Путіна попри ордер МКС на його арешт"


def over_pages():
    return pytest.mark.parametrize(("name", "path"), PAGES.items(), ids=list(PAGES))


def horizontal_overflow(page) -> tuple[int, int]:
    return tuple(page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]"))


def visit_box(page):
    return page.get_by_role("complementary", name="Vladimir Putin and Tajikistan")


def open_sections(box):
    """Click open every closed <details> in the box, as a reader would."""
    closed = box.locator("details:not([open]) > summary")
    for _ in range(closed.count()):
        closed.first.click()
    expect(closed).to_have_count(0)


def details(box, summary: str):
    """The box's <details> whose <summary> says ``summary``."""
    return box.locator("details").filter(has=box.page.locator("summary", has_text=summary))


@pytest.mark.parametrize("width", WIDTHS)
@over_pages()
def test_page_loads_cleanly_and_fits_the_screen(demo_site, page_at, page_problems, screenshot, name, path, width):
    page = page_at(width)
    response = page.goto(path)
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    path_png = screenshot(page, name)
    assert path_png.stat().st_size > 10_000
    scroll_width, inner_width = horizontal_overflow(page)
    assert scroll_width <= inner_width, f"{path} is {scroll_width} px wide in a {inner_width} px window"
    assert not (problems := page_problems(page)), problems


@pytest.mark.parametrize("width", WIDTHS)
def test_article_list_links_to_the_demo_articles(demo_site, page_at, page_problems, width):
    page = page_at(width)
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Latest articles")
    expect(page.get_by_role("link", name=HEADLINE_UK)).to_be_visible()
    link = page.get_by_role("link", name=HEADLINE)
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(demo_site.url + ARTICLE)
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADLINE)
    assert not (problems := page_problems(page)), problems


@pytest.mark.parametrize("width", WIDTHS)
def test_article_box_states_the_facts_for_putin_in_tajikistan(demo_site, page_at, page_problems, width):
    page = page_at(width)
    page.goto(ARTICLE)
    box = visit_box(page)
    expect(box).to_be_visible()
    expect(box.get_by_role("heading", level=2)).to_have_text("Vladimir Putin and Tajikistan")
    # The verdict: obliged to arrest on the day of the visit, and on what basis.
    verdict = box.get_by_text(re.compile(r"Tajikistan was obliged to arrest\b.*\bVladimir Putin\b.* on 8 October 2025"))
    expect(verdict).to_be_visible()
    expect(verdict).to_contain_text("Rome Statute, Art. 86 and 89(1)")
    # A state party on that day: the deposit, the entry into force (Art. 126), and their sources.
    party = box.get_by_role("listitem").filter(has_text="Tajikistan was a state party to the Rome Statute")
    expect(party).to_be_visible()
    expect(party).to_contain_text("On 8 October 2025")
    expect(party).to_contain_text("deposited its instrument on 5 May 2000")
    expect(party).to_contain_text("since 1 July 2002")
    expect(party.get_by_role("link", name=re.compile(r"^source \d+$")).first).to_be_visible()
    # The warrant, and the earlier visit to Mongolia (whose year the article gets wrong), in sections that
    # a reader may have to open first.
    open_sections(box)
    warrant = box.get_by_role("listitem").filter(has_text="arrest warrant for Vladimir Putin")
    expect(warrant).to_be_visible()
    expect(warrant).to_contain_text("issued 17 March 2023 (ICC-01/22)")
    mongolia = box.get_by_role("listitem").filter(has_text="Mongolia, 2–3 September 2024")
    expect(mongolia).to_be_visible()
    expect(mongolia).to_contain_text("obliged to arrest; not arrested")
    expect(box.get_by_text("Facts as of 8 October 2025.")).to_be_visible()
    # The box is inside the screen.
    bounds = box.bounding_box()
    assert bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= width
    assert not (problems := page_problems(page)), problems


@pytest.mark.parametrize("width", WIDTHS)
def test_box_details_open_and_close_without_javascript(demo_site, page_at, page_problems, width):
    page = page_at(width, javascript=False)
    page.goto(ARTICLE)
    box = visit_box(page)
    # The sources are closed at first and open with a click on their summary.
    sources = details(box, "Sources")
    expect(sources).to_have_count(1)
    expect(sources).not_to_have_attribute("open", "")
    first_source = sources.locator("li").first
    expect(first_source).to_be_attached()
    expect(first_source).to_be_hidden()
    sources.locator("summary").click()
    expect(sources).to_have_attribute("open", "")
    expect(first_source).to_be_visible()
    expect(first_source.get_by_role("link").first).to_be_visible()
    # The warrant is open at first and closes and opens again with clicks.
    warrant = details(box, "The warrant")
    expect(warrant).to_have_count(1)
    charges = warrant.get_by_text(re.compile("Charges: "))
    expect(charges).to_be_visible()
    warrant.locator("summary").click()
    expect(charges).to_be_hidden()
    warrant.locator("summary").click()
    expect(charges).to_be_visible()
    assert not (problems := page_problems(page)), problems


@pytest.mark.parametrize("width", WIDTHS)
@over_pages()
def test_no_serious_or_critical_accessibility_violations(demo_site, page_at, assert_accessible, name, path, width):
    page = page_at(width)
    page.goto(path)
    assert_accessible(page)


def test_a_printed_article_shows_the_box_open_with_the_sources_its_footnotes_point_to(
    demo_site, page_at, page_problems, tmp_path
):
    import shutil
    import subprocess

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    page = page_at(1280)
    page.goto(ARTICLE)
    box = visit_box(page)
    sources = box.locator(".cbox__sources li")
    expect(sources.first).to_be_hidden()  # closed on screen
    pdf = tmp_path / "article.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    printed = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout.split()
    )
    assert HEADLINE in printed and "Sources" in printed
    for item in sources.all():
        title = " ".join(item.locator("a").first.text_content().split())
        assert title[:40] in printed, title
        url = item.locator("a").first.get_attribute("href")
        assert url[:30] in printed.replace(" ", ""), url  # the address, on paper
    assert "Charges:" in printed
    assert not (problems := page_problems(page)), problems


@pytest.mark.parametrize("width", WIDTHS)
def test_the_box_sits_next_to_the_paragraph_that_names_the_visit(demo_site, page_at, page_problems, screenshot, width):
    page = page_at(width)
    page.goto(ARTICLE)
    box = visit_box(page)
    first = page.locator("article p").filter(has_text="Putin arrived in Tajikistan")
    box_top, paragraph = box.bounding_box()["y"], first.bounding_box()
    assert paragraph["y"] <= box_top <= paragraph["y"] + paragraph["height"] + 80
    if width >= 1280:  # a side column: the box beside the text, not under it
        assert box.bounding_box()["x"] > paragraph["x"] + paragraph["width"]
    # A footnote leads to its source, and the source back to the text.
    box.locator("details.cbox__sources > summary").click()
    ref = box.locator("a.cbox__ref").first
    ref.click()
    back = page.locator(ref.get_attribute("href") + " a.cbox__back").first
    expect(back).to_be_visible()
    back.click()
    expect(page).to_have_url(re.compile("#" + re.escape(ref.get_attribute("id")) + "$"))
    screenshot(page, "article-box-placement")
    assert not (problems := page_problems(page)), problems


@pytest.mark.parametrize("width", WIDTHS)
def test_the_api_docs_load_from_this_site_alone(demo_site, page_at, page_problems, screenshot, width):
    page = page_at(width)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto("/api/v1/docs/")
    expect(page.get_by_role("heading", name=re.compile("partner feed"))).to_be_visible(timeout=20_000)
    other_hosts = [url for url in requests if not url.startswith(demo_site.url) and not url.startswith("data:")]
    assert not other_hosts, other_hosts
    screenshot(page, "api-docs")
    assert not (problems := page_problems(page)), problems


@pytest.mark.parametrize("width", WIDTHS)
def test_the_embed_this_box_link_opens_the_box_alone(demo_site, page_at, page_problems, assert_accessible, width):
    page = page_at(width)
    page.goto(ARTICLE)
    visit_box(page).get_by_role("link", name="Embed this box").click()
    expect(page).to_have_url(re.compile(r"/api/v1/embed/box/\?box=\d+$"))
    expect(page.get_by_role("complementary", name="Vladimir Putin and Tajikistan")).to_be_visible()
    assert_accessible(page)
    assert not (problems := page_problems(page)), problems
