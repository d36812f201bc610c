"""The permission matrix (compliance/ops/roles.py), every cell tried through the admin as its user
would: anonymous, staff with no group, Fact-checker, Editor, superuser, against view, add, change,
delete, import, export, verify, approve, and API key and webhook management. Writes are checked in
the database, not by the status code alone."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from compliance.models import ApiKey, ContextBox, Court, Source, State, WebhookSubscription
from compliance.ops import roles
from tests.test_admin import article, box, state_form

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "no group", "Fact-checker", "Editor", "superuser"]
ALLOWED = {
    #               anonymous, no group, Fact-checker, Editor, superuser
    "view": (False, False, True, True, True),
    "add": (False, False, False, True, True),
    "change": (False, False, False, True, True),
    "delete": (False, False, False, True, True),
    "import": (False, False, False, True, True),
    "export": (False, False, True, True, True),
    "verify": (False, False, True, False, True),
    "approve": (False, False, False, True, True),
    "manage keys": (False, False, False, False, True),
    "manage hooks": (False, False, False, False, True),
}


@pytest.fixture
def as_role(client):
    def login(role):
        if role == "anonymous":
            return client
        if role == "superuser":
            user = User.objects.create_superuser("root", password="x")
        else:
            user = User.objects.create_user(role.replace(" ", "-").lower(), password="x", is_staff=True)
            group = {"Fact-checker": roles.FACT_CHECKERS, "Editor": roles.EDITORS}.get(role)
            if group:
                user.groups.add(Group.objects.get(name=group))
        client.force_login(user)
        return client

    return login


def refused(response) -> bool:
    """Denied: a 403, or (anonymous) sent to the login page."""
    return response.status_code == 403 or (response.status_code == 302 and "/login/" in response["Location"])


CSV_HEADER = "iso2,iso3,name,qid,un_status,note\n"


def import_states(client, csv: str):
    """The admin's two steps: upload (a dry-run preview), then confirm. Returns the last response."""
    response = client.post(
        reverse("admin:compliance_state_import"),
        {"format": "0", "import_file": SimpleUploadedFile("states.csv", csv.encode(), "text/csv")},
    )
    if response.status_code != 200 or "Confirm import" not in response.content.decode():
        return response
    page = response.content.decode()
    fields = dict(re.findall(r'name="(import_file_name|original_file_name|format|resource)" value="([^"]*)"', page))
    return client.post(reverse("admin:compliance_state_process_import"), fields)


def attempt(client, action: str) -> bool:
    """Try `action`; True when it took effect."""
    tjk = State.objects.get(iso3="TJK")
    if action == "view":
        return client.get(reverse("admin:compliance_state_changelist")).status_code == 200
    if action == "add":
        return client.get(reverse("admin:compliance_state_add")).status_code == 200
    if action == "change":
        client.post(reverse("admin:compliance_state_change", args=[tjk.pk]), state_form(tjk, note="Changed."))
        return State.objects.get(pk=tjk.pk).note == "Changed."
    if action == "delete":
        court = Court.objects.create(code="test-court", name="A court made for this test")
        client.post(reverse("admin:compliance_court_delete", args=[court.pk]), {"post": "yes"})
        return not Court.objects.filter(pk=court.pk).exists()
    if action == "import":
        import_states(client, CSV_HEADER + "ZZ,ZZZ,Testland,,member,\n")
        return State.objects.filter(iso3="ZZZ").exists()
    if action == "export":
        response = client.post(
            reverse("admin:compliance_state_export"),
            {
                "format": "0",
                "resource": "0",
                **{f"stateresource_{f}": "on" for f in ("iso2", "iso3", "name", "qid", "un_status", "note")},
            },
        )
        return response.status_code == 200 and "TJ,TJK,Tajikistan" in response.content.decode()
    if action == "verify":
        client.post(
            reverse("admin:compliance_state_changelist"), {"action": "mark_verified", "_selected_action": [tjk.pk]}
        )
        return State.objects.get(pk=tjk.pk).verified_at is not None
    if action == "approve":
        suggested = box(article("Putin in Dushanbe", "permission-story"))
        client.post(
            reverse("admin:compliance_contextbox_changelist"), {"action": "approve", "_selected_action": [suggested.pk]}
        )
        return ContextBox.objects.get(pk=suggested.pk).status == "approved"
    if action == "manage keys":
        listed = client.get(reverse("admin:compliance_apikey_changelist")).status_code == 200
        client.post(
            reverse("admin:compliance_apikey_add"), {"name": "Example Daily", "rate": "100/hour", "active": "on"}
        )
        return listed and ApiKey.objects.filter(name="Example Daily").exists()
    if action == "manage hooks":
        return client.get(reverse("admin:compliance_webhooksubscription_changelist")).status_code == 200
    raise AssertionError(action)


@pytest.mark.parametrize("action", list(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_can_do_exactly_what_the_matrix_allows(as_role, role, action):
    client = as_role(role)
    expected = ALLOWED[action][ROLES.index(role)]
    assert attempt(client, action) is expected, f"{role} {'could not' if expected else 'could'} {action}"


@pytest.mark.parametrize("role", ["anonymous", "no group", "Fact-checker"])
def test_those_who_may_not_import_are_refused_before_anything_is_read(as_role, role):
    client = as_role(role)
    csv = CSV_HEADER + "TJ,TJK,Tajikistan (overwritten),Q863,member,\n"
    response = client.post(
        reverse("admin:compliance_state_import"),
        {"format": "0", "import_file": SimpleUploadedFile("states.csv", csv.encode(), "text/csv")},
    )
    assert refused(response)
    assert refused(
        client.post(
            reverse("admin:compliance_state_process_import"),
            {"import_file_name": "x", "original_file_name": "states.csv", "format": "0", "resource": "0"},
        )
    )
    assert State.objects.get(iso3="TJK").name == "Tajikistan"


def test_import_runs_the_forms_validation_and_writes_nothing_invalid(as_role):
    client = as_role("Editor")
    response = import_states(client, CSV_HEADER + "ZY,ZZY,Nowhere,Q99999992,not-a-status,\n")
    assert "not-a-status" in response.content.decode() and "not a valid choice" in response.content.decode()
    assert not State.objects.filter(iso3="ZZY").exists()

    csv = (
        "key,url,title,publisher,published,accessed,archive_url,note\n"
        "evil,javascript:alert(document.cookie),A forged source,,,,,\n"
    )
    response = client.post(
        reverse("admin:compliance_source_import"),
        {"format": "0", "import_file": SimpleUploadedFile("sources.csv", csv.encode(), "text/csv")},
    )
    page = response.content.decode()
    assert "Enter a web address that starts with http:// or https://." in page
    assert "Confirm import" not in page
    assert not Source.objects.filter(key="evil").exists()


def test_fact_checkers_and_editors_never_see_a_webhook_secret_and_its_creator_sees_it_once(as_role, settings):
    settings.COMPLIANCE_WEBHOOK_PRIVATE_TARGETS = False
    key, _ = ApiKey.issue("Example Daily")
    client = as_role("superuser")
    response = client.post(
        reverse("admin:compliance_webhooksubscription_add"),
        {
            "api_key": key.pk,
            "url": "https://93.184.215.14/hooks/icc",
            "active": "on",
            "deliveries-TOTAL_FORMS": "0",
            "deliveries-INITIAL_FORMS": "0",
        },
        follow=True,
    )
    subscription = WebhookSubscription.objects.get(api_key=key)
    assert response.content.decode().count(subscription.secret) == 1  # in the message after saving
    page = client.get(reverse("admin:compliance_webhooksubscription_change", args=[subscription.pk]))
    assert page.status_code == 200 and subscription.secret not in page.content.decode()
    for role in ("Fact-checker", "Editor"):
        client = as_role(role)
        for url in (
            reverse("admin:compliance_webhooksubscription_change", args=[subscription.pk]),
            reverse("admin:compliance_webhookdelivery_changelist"),
            reverse("admin:compliance_apikey_changelist"),
        ):
            assert client.get(url).status_code == 403, (role, url)
