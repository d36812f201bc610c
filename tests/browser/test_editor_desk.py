"""The editor's path through the admin in headless Chromium, end to end: sign in, write an article with
paragraphs and a false claim, save, read what the analysis found, fail to approve while the flag is
open, correct the sentence, approve, preview the draft at its real address, publish, and read the page
readers get. Also: a failed analysis is shown and retried; axe-core finds no serious or critical
violation on the admin pages the editor uses. Screenshots at 375 and 1280 px: artifacts/screenshots/.

The tests write (an editor, articles, their boxes and flags) and take it all away again afterwards, so
the other browser tests see the demo data as it was."""

import re
import secrets
from datetime import UTC, datetime, timedelta

import pytest

pytestmark = pytest.mark.browser

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips, or fails under CI, saying what to install
    expect = None

SLUG = "desk-putin-lands-in-dushanbe"
HEADLINE = "Putin lands in Dushanbe for a two-day summit"
FALSE_CLAIM = "Tajikistan ratified the Rome Statute in 1999."
CORRECTED = "Tajikistan ratified the Rome Statute in 2000."
PARAGRAPHS = [
    "Vladimir Putin arrived in Dushanbe on Wednesday for a summit of former Soviet states.",
    f"{FALSE_CLAIM} Its government has not said whether it will act on the Court's warrant.",
    "The Kremlin said the visit would last two days.",
]


@pytest.fixture
def desk_editor(demo_data, django_db_blocker):
    """An editor (the Editors role) to sign in as; afterwards every record the test made is deleted."""
    from django.contrib.auth.models import Group, User
    from django.contrib.contenttypes.models import ContentType

    from compliance.models import Analysis, ClaimFlag, ContextBox, Detection, OutboxMessage
    from newsroom.models import Article

    password = secrets.token_urlsafe(16)
    with django_db_blocker.unblock():
        last_message = OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        last_article = Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        user = User.objects.create_user("desk-editor", password=password, is_staff=True)
        user.groups.add(Group.objects.get(name="Editors"))
    yield {"username": user.username, "password": password}
    with django_db_blocker.unblock():
        ct = ContentType.objects.get_for_model(Article)
        ids = list(Article.objects.filter(pk__gt=last_article).values_list("pk", flat=True))
        for model in (ContextBox, ClaimFlag, Analysis, Detection):
            model.objects.filter(content_type=ct, object_id__in=ids).delete()
        ContextBox.history.filter(content_type=ct, object_id__in=ids).delete()
        Article.objects.filter(pk__in=ids).delete()
        OutboxMessage.objects.filter(pk__gt=last_message).delete()
        user.delete()


def sign_in(page, editor):
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(editor["username"])
    page.get_by_label("Password").fill(editor["password"])
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="The desk: waiting for someone")).to_be_visible()


def messages(page) -> list[str]:
    """The admin's messages; or, when the form came back, its errors (so a failure says why)."""
    page.wait_for_load_state()
    page.locator("ul.messagelist li, .errornote").first.wait_for(timeout=30_000)
    return page.locator("ul.messagelist li").all_inner_texts() or [
        page.url,
        *page.locator(".errornote, .errorlist").all_inner_texts(),
    ]


def write_article(page, body: str, slug: str = SLUG):
    page.goto("/admin/newsroom/article/add/")
    page.get_by_label("Slug").fill(slug)  # first: then the admin does not make one from the headline
    page.get_by_label("Headline").fill(HEADLINE)
    page.get_by_label("Body").fill(body)  # the browser sends the empty lines as \r\n\r\n
    save(page)


def save(page, button: str = "Save and continue editing"):
    with page.expect_navigation(timeout=60_000):
        page.get_by_role("button", name=button).click()


def approve_all(page, article_id: int):
    page.goto(f"/admin/compliance/contextbox/?article={article_id}&status__exact=suggested")
    page.locator("#action-toggle").check()
    page.locator("select[name=action]").select_option("approve")
    with page.expect_navigation():
        page.locator("button[name=index]").click()  # "Go"


def article_id(page) -> int:
    return int(re.search(r"/article/(\d+)/change/", page.url).group(1))


def test_an_editor_writes_checks_approves_previews_and_publishes_an_article(
    demo_site, desk_editor, page_at, screenshot, assert_accessible, browser
):
    page = page_at(1280)
    sign_in(page, desk_editor)
    assert_accessible(page)  # the admin index, with the desk

    # write and save: the admin says what the analysis found
    write_article(page, "\n\n".join(PARAGRAPHS))
    said = " ".join(messages(page))
    found = re.search(r"Analysis done: (\d+) box(?:es)? suggested, 1 claim flagged\.", said)
    assert found, said
    assert int(found.group(1)) >= 1
    expect(page.locator("#analysis")).to_contain_text("Analysis done")
    expect(page.locator("mark.flagged-claim")).to_have_text(FALSE_CLAIM)  # the sentence, in the body
    screenshot(page, "editor-article-flagged")
    assert_accessible(page)
    pk = article_id(page)
    change = page.url

    # approval is refused while the error flag is open
    approve_all(page, pk)
    said = " ".join(messages(page))
    assert "not approved: " in said and "open error flag" in said, said
    expect(page.locator("#result_list tbody tr")).to_have_count(int(found.group(1)))  # all still suggested
    assert_accessible(page)  # the review queue

    # correct the sentence and save: the analysis closes the flag
    page.goto(change)
    body = page.get_by_label("Body")
    body.fill(body.input_value().replace(FALSE_CLAIM, CORRECTED))
    save(page)
    said = " ".join(messages(page))
    assert re.search(r"Analysis done: \d+ box(?:es)? suggested, 0 claims flagged\.", said), said
    expect(page.locator("mark.flagged-claim")).to_have_count(0)

    # approve the boxes
    approve_all(page, pk)
    said = " ".join(messages(page))
    assert re.search(r"\d+ box(?:es)? approved: readers see", said), said

    # preview the draft: in the admin's frame, and at its real address; readers get a 404
    page.goto(change)
    frame = page.frame_locator(".article-preview iframe")
    expect(frame.get_by_role("heading", level=1)).to_have_text(HEADLINE)
    expect(frame.locator(".cbox").first).to_be_visible()
    page.locator(".article-preview").get_by_role("button", name="Desktop (1280 px)").click()
    expect(page.locator(".article-preview iframe")).to_have_attribute("style", re.compile("width: ?1280px"))
    screenshot(page, "editor-article-preview")
    address = page.locator(".article-preview iframe").get_attribute("src")
    assert address == f"/articles/{SLUG}/", address
    draft = page.goto(address)
    assert draft.status == 200 and draft.headers.get("x-robots-tag") == "noindex", (draft.status, page.content()[:1500])
    expect(page.locator(".cbox").first).to_be_visible()
    reader = browser.new_context(base_url=demo_site.url)
    try:
        assert reader.request.get(f"/articles/{SLUG}/").status == 404
    finally:
        reader.close()

    # publish
    page.goto(change)
    page.locator("#id_status").select_option("published")
    now = datetime.now(UTC) - timedelta(minutes=1)
    page.locator("#id_published_at_0").fill(now.strftime("%Y-%m-%d"))
    page.locator("#id_published_at_1").fill(now.strftime("%H:%M:%S"))
    save(page)
    assert any("was changed successfully" in m for m in messages(page)), messages(page)

    # what readers see, at a phone's width and a desktop's
    for width in (375, 1280):
        reader_page = page_at(width)
        response = reader_page.goto(f"/articles/{SLUG}/")
        assert response.status == 200
        article = reader_page.locator("article")
        expect(article.get_by_role("heading", level=1)).to_have_text(HEADLINE)
        expect(reader_page.locator("article p", has_text=PARAGRAPHS[0])).to_have_count(1)
        expect(reader_page.locator("article p", has_text="The Kremlin said")).to_have_count(1)
        expect(reader_page.locator("article p", has_text=CORRECTED)).to_have_count(1)  # three paragraphs
        box = reader_page.get_by_role("complementary", name=re.compile("Vladimir Putin"))
        expect(box.first).to_be_visible()
        # the box follows the paragraph that first names the visit (placed beside it where the page does)
        follows = reader_page.evaluate(
            """([text]) => {
                const p = [...document.querySelectorAll('article p')].find(e => e.textContent.includes(text));
                const box = document.querySelector('.cbox');
                return !!(p && box && (p.compareDocumentPosition(box) & Node.DOCUMENT_POSITION_FOLLOWING));
            }""",
            [PARAGRAPHS[0][:40]],
        )
        assert follows
        screenshot(reader_page, "editor-published-article")
        scroll_width, inner_width = reader_page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert scroll_width <= inner_width

    # the editor's own article page at a phone's width
    phone = page_at(375)
    sign_in(phone, desk_editor)
    phone.goto(change)
    expect(phone.locator("#analysis")).to_contain_text("Analysis done")
    screenshot(phone, "editor-article-page")


def test_a_failed_analysis_shows_on_the_article_page_and_can_be_retried(
    demo_site, desk_editor, page_at, screenshot, assert_accessible, settings
):
    settings.COMPLIANCE_MAX_ARTICLE_CHARS = 60  # the live server runs in this process: it reads this too
    page = page_at(1280)
    sign_in(page, desk_editor)
    write_article(page, "\n\n".join(PARAGRAPHS), slug="desk-too-long")
    said = " ".join(messages(page))
    assert "Analysis failed: the body has" in said and "COMPLIANCE_MAX_ARTICLE_CHARS" in said, said
    expect(page.locator("#analysis")).to_contain_text("Analysis failed: the body has")
    screenshot(page, "editor-analysis-failed")
    assert_accessible(page)
    page.goto("/admin/")
    failed = page.locator("#desk li", has_text="Failed analyses")
    expect(failed.locator(".count")).to_have_text("1")
    failed.get_by_role("link").click()
    expect(page.locator("#result_list")).to_contain_text(HEADLINE)
    page.get_by_role("link", name=HEADLINE).click()

    settings.COMPLIANCE_MAX_ARTICLE_CHARS = 2_000_000
    save(page, "Retry the analysis")
    said = " ".join(messages(page))
    assert re.search(r"Analysis done: \d+ box(?:es)? suggested, 1 claim flagged\.", said), said
    expect(page.locator("#analysis")).to_contain_text("Analysis done")


@pytest.mark.parametrize(
    "path",
    [
        "/admin/compliance/claimflag/",
        "/admin/compliance/changelog/",
        "/admin/compliance/taskrun/",
        "/admin/newsroom/article/",
    ],
)
def test_the_editors_admin_lists_have_no_serious_accessibility_violations(
    demo_site, desk_editor, page_at, path, assert_accessible
):
    page = page_at(1280)
    sign_in(page, desk_editor)
    response = page.goto(path)
    assert response.status == 200
    assert_accessible(page)
