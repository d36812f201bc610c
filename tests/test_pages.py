"""The public pages readers see: a tracker per wanted person and per state, and the arrest maps."""

import xml.etree.ElementTree as ET

import pytest

from compliance.models import Person, Source, State, Visit

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
    # Later events are told as such ("since then": no article was published on that date).
    assert "Since then" in page and "Since publication" not in page
    assert "On 24 October 2024 the Court found that Mongolia had failed to comply" in page
    # Nothing after the date leaks in: the Tajikistan trip of October 2025 is not there.
    assert "Tajikistan, 8" not in page


def test_the_box_and_the_timeline_count_the_same_trips(client, putin):
    from compliance.editorial import boxes
    from compliance.reader import timeline

    on = putin.visits.exclude(start=None).order_by("-start").first().start
    box = boxes.person_box(putin, on)
    line = timeline.person_timeline(putin, on)
    assert box["verdict"]["visits"] == line.trips and box["verdict"]["visits_to_obliged_states"] == line.trips_to_obliged
    cancelled = Visit.objects.filter(person=putin, status="cancelled").count()
    assert cancelled, "the reference data records a cancelled trip (South Africa, 2023)"


def test_the_map_as_an_svg_image(client, putin):
    response = client.get(f"/people/{putin.pk}/map.svg", {"date": "2024-09-03", "highlight": "mng"})
    assert response.status_code == 200 and response["Content-Type"].startswith("image/svg+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    mongolia = [p for p in root.iter(f"{SVG}path") if p.get("data-iso3") == "MNG"]
    assert mongolia and "cmap-highlight" in mongolia[0].get("class") and "cmap-obliged" in mongolia[0].get("class")
    assert "Outlined: Mongolia." in root.find(f"{SVG}desc").text


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
    assert "1 July 2002</time> – <time datetime=\"2025-06-01\">1 June 2025</time>: state party" in page
    assert "2 June 2025</time> – <time datetime=\"2026-06-01\">1 June 2026</time>: state party, withdrawal notified" in page
    assert "2 June 2026</time> – now: withdrew: no longer a party" in page
    assert "Benjamin Netanyahu" in page


@pytest.mark.parametrize("url, params, status, message", [
    ("/people/{pk}/", {"date": "2024-02-30"}, 400, "is not a date"),
    ("/people/{pk}/map/", {"date": "soon"}, 400, "is not a date"),
    ("/people/{pk}/map.svg", {"date": "soon"}, 400, "is not a date"),
    ("/people/{pk}/map/", {"highlight": "ZZZ"}, 404, ""),
    ("/people/999999/", {}, 404, ""),
    ("/states/XXX/", {}, 404, ""),
])
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
    source = Source.objects.filter(citations__object_id=putin.warrants.first().pk).first()
    source.title = '<script>alert("x")</script>'
    source.save()
    state = State.objects.get(iso3="TJK")
    state.aliases.filter(language="en", kind="name").update(text='<img src=x onerror=alert(1)>')
    page = text(client.get(f"/people/{putin.pk}/"))
    assert '<script>alert("x")</script>' not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    state_page = text(client.get("/states/TJK/"))
    assert "<img src=x" not in state_page
