import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils.html import escape

from compliance import roles
from compliance.models import State, Visit

pytestmark = pytest.mark.django_db

MODELS = ["source", "court", "person", "warrant", "state", "treatyevent", "securitycouncilobligation", "visit",
          "finding"]


def user_with(*groups, username="someone"):
    user = User.objects.create_user(username, password="x", is_staff=True)
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def editor(client):
    client.force_login(user_with(roles.EDITORS, username="editor"))
    return client


@pytest.mark.parametrize("model", MODELS)
def test_every_changelist_and_its_search_work(admin_client, model):
    url = reverse(f"admin:compliance_{model}_changelist")
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "Putin"}).status_code == 200


@pytest.mark.parametrize("model", ["state", "person", "warrant", "visit", "finding", "treatyevent"])
def test_change_pages_show_the_sources(admin_client, model):
    from django.apps import apps

    obj = apps.get_model("compliance", model).objects.first()
    response = admin_client.get(reverse(f"admin:compliance_{model}_change", args=[obj.pk]))
    assert response.status_code == 200
    assert escape(obj.citations.first().source.url) in response.content.decode()


def test_state_page_shows_computed_membership_beside_the_events(admin_client):
    hungary = State.objects.get(iso3="HUN")
    page = admin_client.get(reverse("admin:compliance_state_change", args=[hungary.pk])).content.decode()
    assert "Membership today (computed)" in page
    assert "took effect on 2 June 2026" in page


def test_visit_page_shows_the_verdict(admin_client):
    visit = Visit.objects.get(key="putin-mng-2024")
    page = admin_client.get(reverse("admin:compliance_visit_change", args=[visit.pk])).content.decode()
    assert "The host state was obliged to arrest him on arrival." in page
    assert "Assembly of States Parties" in page


def test_a_staff_user_without_a_role_can_change_nothing(client):
    client.force_login(user_with(username="nobody"))
    state = State.objects.get(iso3="TJK")
    assert client.get(reverse("admin:compliance_state_change", args=[state.pk])).status_code == 403
    assert client.get(reverse("admin:compliance_state_changelist")).status_code == 403


def state_form(state, **changes):
    data = {
        "iso2": state.iso2, "iso3": state.iso3, "name": state.name, "qid": state.qid or "",
        "un_status": state.un_status, "note": "", "change_reason": "",
    }
    for prefix in ("aliases", "treaty_events", "sc_obligations", "compliance-citation-content_type-object_id"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(changes)
    return data


def test_an_editor_changes_a_state_and_the_history_keeps_who_and_why(editor):
    state = State.objects.get(iso3="TJK")
    response = editor.post(reverse("admin:compliance_state_change", args=[state.pk]),
                           state_form(state, note="Checked against the UN page.", change_reason="Added a note"))
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = State.history.filter(id=state.pk).latest("history_date")
    assert (latest.history_user.username, latest.history_change_reason) == ("editor", "Added a note")
    assert editor.get(reverse("admin:compliance_state_history", args=[state.pk])).status_code == 200


def test_duplicate_iso_codes_get_an_error_that_says_what_is_wrong(editor):
    state = State.objects.get(iso3="TJK")
    response = editor.post(reverse("admin:compliance_state_change", args=[state.pk]), state_form(state, iso3="RUS"))
    assert response.status_code == 200
    assert "State with this ISO 3166-1 alpha-3 already exists." in response.content.decode()


def test_a_visit_ending_before_it_starts_is_refused(editor):
    visit = Visit.objects.get(key="putin-mng-2024")
    data = {
        "key": visit.key, "person": visit.person_id, "state": visit.state_id, "start": "2024-09-03",
        "end": "2024-09-02", "status": "completed", "outcome": "not_arrested", "occasion": "", "note": "",
        "planned_start": "", "planned_end": "", "change_reason": "",
        "compliance-citation-content_type-object_id-TOTAL_FORMS": "0",
        "compliance-citation-content_type-object_id-INITIAL_FORMS": "0",
    }
    response = editor.post(reverse("admin:compliance_visit_change", args=[visit.pk]), data)
    assert "A visit cannot end before it starts." in response.content.decode()
    visit.refresh_from_db()
    assert str(visit.end) == "2024-09-03"


def test_only_fact_checkers_can_mark_records_verified(client):
    state = State.objects.get(iso3="MNG")
    url = reverse("admin:compliance_state_changelist")
    action = {"action": "mark_verified", "_selected_action": [state.pk]}
    client.force_login(user_with(roles.EDITORS, username="ed"))
    client.post(url, action)
    state.refresh_from_db()
    assert state.verified_at is None
    client.force_login(user_with(roles.FACT_CHECKERS, username="checker"))
    client.post(url, action)
    state.refresh_from_db()
    assert state.verified_by.username == "checker" and state.verified_at is not None


def test_fact_checkers_cannot_edit(client):
    client.force_login(user_with(roles.FACT_CHECKERS, username="checker"))
    state = State.objects.get(iso3="MNG")
    response = client.post(reverse("admin:compliance_state_change", args=[state.pk]), state_form(state, name="X"))
    assert response.status_code == 403


def test_export_states_as_csv_keyed_by_iso_code(admin_client):
    response = admin_client.post(reverse("admin:compliance_state_export"), {"format": "0", "resource": "0",
                                 **{f"stateresource_{f}": "on" for f in ("iso2", "iso3", "name", "qid", "un_status", "note")}})
    assert response.status_code == 200
    text = response.content.decode()
    assert text.splitlines()[0].startswith("iso2,iso3,name")
    assert "TJ,TJK,Tajikistan" in text


def test_import_shows_a_dry_run_preview_before_writing(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    csv = "iso2,iso3,name,qid,un_status,note\nTJ,TJK,Tajikistan (renamed),Q863,member,\n"
    response = admin_client.post(reverse("admin:compliance_state_import"), {
        "format": "0", "import_file": SimpleUploadedFile("states.csv", csv.encode(), "text/csv"),
    })
    assert response.status_code == 200
    assert "Confirm import" in response.content.decode() and "(renamed)" in response.content.decode()  # previewed
    assert State.objects.get(iso3="TJK").name == "Tajikistan"  # not written until confirmed
