"""The app in a Wagtail site (tests/wagtail_host): news pages whose StreamField body holds context
boxes, read by compliance.contrib.wagtail's adapter. Run with DJANGO_SETTINGS_MODULE=wagtail_host.settings
(scripts/test.sh does); they skip when Wagtail is not installed."""

from datetime import timedelta

import pytest

pytest.importorskip("wagtail")

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.blocks.struct_block import StructBlockValidationError  # noqa: E402
from wagtail.models import Locale, Page, PageViewRestriction, Site  # noqa: E402
from wagtail_host.models import NewsPage  # noqa: E402

from compliance import conf  # noqa: E402
from compliance.contrib.wagtail.blocks import ContextBoxBlock  # noqa: E402
from compliance.models import ContextBox, Source, State  # noqa: E402

pytestmark = pytest.mark.django_db

PARAGRAPHS = [
    "<p>Russian President Vladimir Putin arrived in Dushanbe on Oct. 8 for talks, despite the arrest warrant "
    "the International Criminal Court issued against him in March 2023.</p>",
    "<p>Tajikistan is a party to the Rome Statute.</p>",
]
UK_PARAGRAPHS = [
    "<p>Президент Росії Володимир Путін прибув до Душанбе 8 жовтня, попри ордер на його арешт, який "
    "Міжнародний кримінальний суд видав у березні 2023 року.</p>",
    "<p>Таджикистан є учасником Римського статуту.</p>",
]


@pytest.fixture
def home():
    """The site's home page, whether Wagtail's migrations made it or the tables were created bare."""
    english, _ = Locale.objects.get_or_create(language_code="en")
    Locale.objects.get_or_create(language_code="uk")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=english))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        start = root.add_child(instance=Page(title="Home", slug="home", locale=english))
        site = Site.objects.create(hostname="testserver", port=80, root_page=start, is_default_site=True)
    return site.root_page.specific


def body(paragraphs, *boxes):
    return [
        *({"type": "paragraph", "value": p} for p in paragraphs),
        *({"type": "context_box", "value": box} for box in boxes),
    ]


def new_page(home, slug="putin-in-dushanbe", paragraphs=PARAGRAPHS, boxes=(), locale="en", **fields) -> NewsPage:
    page = NewsPage(
        title="Putin lands in Tajikistan",
        slug=slug,
        body=body(paragraphs, *boxes),
        locale=Locale.objects.get(language_code=locale),
        **fields,
    )
    if locale != "en":
        page.title = "Путін прибув до Таджикистану"
    return home.add_child(instance=page)


def publish(page, capture):
    with capture(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def boxes_of(page):
    return ContextBox.objects.filter(content_type=ContentType.objects.get_for_model(NewsPage), object_id=page.pk)


def box_api(client, page):
    return client.get("/api/v1/boxes/", {"article": page.pk}, HTTP_ACCEPT="application/json")


def test_the_host_passes_every_check():
    call_command("check", fail_level="ERROR")


def test_publishing_a_page_gets_it_suggestions_in_the_review_queue(home, client, django_capture_on_commit_callbacks):
    page = publish(new_page(home), django_capture_on_commit_callbacks)
    visit = boxes_of(page).get(kind="visit")
    assert (visit.person.name, visit.state.iso3, visit.status) == ("Vladimir Putin", "TJK", "suggested")
    assert visit.as_of == page.first_published_at.date()
    admin = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(admin)
    queue = client.get("/admin/compliance/contextbox/")
    assert queue.status_code == 200 and "Vladimir Putin" in queue.content.decode()
    assert client.get("/cms/").status_code == 200  # the Wagtail admin, with the queue in its menu


def test_the_detector_reads_the_text_in_paragraphs_without_the_boxes_placed_in_it(home):
    page = new_page(home, boxes=[{"show": "state", "state": State.objects.get(iso3="MNG").pk}])
    text = conf.adapter().field(page, "body")
    assert text.count("\n\n") == 1 and text.startswith("Russian President") and "Mongolia" not in text


def test_a_drafts_boxes_are_suggested_to_editors_but_never_reach_readers(
    home, client, django_capture_on_commit_callbacks
):
    page = new_page(home, live=False)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision()
    assert boxes_of(page).filter(kind="visit").exists()  # read from the draft
    boxes_of(page).update(status="approved")
    assert not conf.adapter().is_public(page, timezone.now())
    assert box_api(client, page).status_code == 404
    stored = boxes_of(page).first()
    assert client.get("/api/v1/embed/box/", {"box": stored.pk}).status_code == 404
    publish(page, django_capture_on_commit_callbacks)
    assert box_api(client, page).status_code == 200 and box_api(client, page).json()["boxes"]


def test_a_scheduled_page_is_public_from_its_go_live_time(
    home, client, monkeypatch, django_capture_on_commit_callbacks
):
    page = new_page(home, live=False)
    page.go_live_at = timezone.now() + timedelta(hours=1)
    page.save()
    publish(page, django_capture_on_commit_callbacks)
    boxes_of(page).update(status="approved")
    assert not page.live and box_api(client, page).status_code == 404
    later = timezone.now() + timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)  # two hours pass
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live and box_api(client, page).status_code == 200


def test_an_expired_restricted_or_unpublished_page_stops_being_public(home, client, django_capture_on_commit_callbacks):
    page = publish(new_page(home), django_capture_on_commit_callbacks)
    boxes_of(page).update(status="approved")
    assert box_api(client, page).status_code == 200
    NewsPage.objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    assert box_api(client, page).status_code == 404
    NewsPage.objects.filter(pk=page.pk).update(expire_at=None)
    restriction = PageViewRestriction.objects.create(page=home, restriction_type="password", password="s3cret")
    assert box_api(client, page).status_code == 404  # behind a password on the page above it
    assert not conf.adapter().public(NewsPage.objects.filter(pk=page.pk), timezone.now()).exists()
    restriction.delete()
    assert box_api(client, page).status_code == 200
    page.refresh_from_db()
    page.unpublish()
    assert box_api(client, page).status_code == 404


def test_a_published_block_shows_its_box_and_an_edited_fact_updates_it(
    home, client, django_capture_on_commit_callbacks
):
    tajikistan = State.objects.get(iso3="TJK")
    page = publish(
        new_page(home, boxes=[{"show": "state", "state": tajikistan.pk}, {"show": "article"}]),
        django_capture_on_commit_callbacks,
    )
    boxes_of(page).filter(kind="visit").update(status="approved")
    html = client.get(page.url).content.decode()
    assert html.count('<aside class="cbox') == 2  # the chosen state's box and the page's approved visit box
    assert "cbox--state" in html and "cbox--visit" in html and "Tajikistan" in html
    source = (
        Source.objects.filter(citations__isnull=False)
        .filter(key__in=[s["key"] for s in boxes_of(page).get(kind="visit").data["sources"]])
        .first()
    )
    old_title = source.title
    assert old_title in html
    source.title = "A corrected title for this source"
    with django_capture_on_commit_callbacks(execute=True):
        source.save()
    html = client.get(page.url).content.decode()
    assert old_title not in html and html.count("A corrected title for this source") >= 1


def test_boxes_follow_the_pages_locale(home, client, django_capture_on_commit_callbacks):
    page = publish(
        new_page(
            home,
            slug="putin-u-dushanbe",
            paragraphs=UK_PARAGRAPHS,
            locale="uk",
            boxes=[{"show": "state", "state": State.objects.get(iso3="TJK").pk}],
        ),
        django_capture_on_commit_callbacks,
    )
    visit = boxes_of(page).get(kind="visit")
    assert visit.language == "uk" and visit.state.iso3 == "TJK"
    html = client.get(page.url).content.decode()
    assert 'lang="uk"' in html and "Таджикистан" in html


def test_the_block_asks_for_what_it_shows(home):
    block = ContextBoxBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"show": "person", "person": None}))
    assert block.clean(block.to_python({"show": "article"}))["show"] == "article"


def test_editors_choose_persons_states_and_visits_in_the_wagtail_admin(home, client):
    admin = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(admin)
    for chooser in ("compliance_person_chooser", "compliance_state_chooser", "compliance_visit_chooser"):
        response = client.get(reverse(f"{chooser}:choose"), {"q": "Putin" if "state" not in chooser else "Taj"})
        assert response.status_code == 200, chooser
    results = client.get(reverse("compliance_state_chooser:choose_results"), {"q": "Tajik"})
    assert "Tajikistan" in results.content.decode()
