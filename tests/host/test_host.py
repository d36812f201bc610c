"""The app in a host that is not the demo newsroom (tests/host/hostsite): stories with no slug, other
field names, an embargo flag, no REST_FRAMEWORK settings. Run with DJANGO_SETTINGS_MODULE=hostsite.settings
(scripts/test.sh does)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone
from hostsite.models import Story

from compliance.models import ApiKey, ContextBox

pytestmark = pytest.mark.django_db

BODY = (
    "Russian President Vladimir Putin arrived in Dushanbe on Oct. 8 for talks, despite the arrest "
    "warrant the International Criminal Court issued against him in March 2023.\r\n\r\n"
    "Tajikistan is a party to the Rome Statute."
)


def story(**fields) -> Story:
    defaults = {
        "title": "Putin lands in Tajikistan",
        "text": BODY,
        "lang": "en",
        "released": datetime(2025, 10, 8, 12, tzinfo=UTC),
    }
    return Story.objects.create(**{**defaults, **fields})


def boxes(s: Story):
    return ContextBox.objects.filter(content_type=ContentType.objects.get_for_model(Story), object_id=s.pk)


def test_the_host_passes_every_check():
    call_command("check", fail_level="WARNING")


def test_saving_a_story_gets_it_a_visit_box_through_the_adapter(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        s = story()
    visit = boxes(s).get(kind="visit")
    assert visit.state.iso3 == "TJK" and visit.person.name == "Vladimir Putin"
    assert visit.as_of.isoformat() == "2025-10-08"


def test_a_story_without_a_slug_is_found_by_id_and_by_its_address(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        s = story()
    boxes(s).update(status="approved")
    by_id = client.get("/api/v1/boxes/", {"article": s.pk}, HTTP_ACCEPT="application/json")
    assert by_id.status_code == 200 and by_id.json()["boxes"]
    by_url = client.get(
        "/api/v1/boxes/", {"article": f"https://news.example.org/stories/{s.pk}/"}, HTTP_ACCEPT="application/json"
    )
    assert by_url.status_code == 404  # no slug to look up by address: a clean 404, never a 500
    assert client.get(f"/stories/{s.pk}/").status_code == 200


@pytest.mark.parametrize(
    "fields", [{"embargoed": True}, {"released": None}, {"released": timezone.now() + timedelta(days=1)}]
)
def test_an_unpublished_storys_boxes_never_reach_the_feed(client, fields, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        s = story(**fields)
    boxes(s).update(status="approved")
    assert boxes(s).exists()
    response = client.get("/api/v1/boxes/", {"article": s.pk}, HTTP_ACCEPT="application/json")
    assert response.status_code == 404
    assert "Putin" not in response.content.decode()
    assert client.get(f"/stories/{s.pk}/").status_code == 404


def test_partner_keys_and_limits_hold_without_rest_framework_settings(client, settings):
    settings.COMPLIANCE_API_ANON_RATE = "2/min"
    assert client.get("/api/v1/sources/", HTTP_AUTHORIZATION="Api-Key forged-key").status_code == 401
    _key, raw = ApiKey.issue("Partner", rate="100/min")
    assert client.get("/api/v1/sources/", HTTP_AUTHORIZATION=f"Api-Key {raw}").status_code == 200
    anonymous = [client.get("/api/v1/sources/").status_code for _ in range(3)]
    assert anonymous == [200, 200, 429]


def test_reader_pages_and_the_embed_work_in_the_host(client):
    assert client.get("/people/").status_code == 200
    assert client.get("/states/TJK/").status_code == 200
    embed = client.get("/api/v1/embed/box/", {"person": "Q7747", "state": "TJK", "date": "2025-10-08"})
    assert embed.status_code == 200 and "Tajikistan" in embed.content.decode()


def test_line_endings_typed_in_a_browser_are_read_as_paragraphs():
    from compliance import conf

    s = story()
    assert "\r" not in conf.adapter().field(s, "body")
    assert conf.adapter().field(s, "body").count("\n\n") == 1
