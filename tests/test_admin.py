from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import escape, format_html

from compliance.editorial import articles
from compliance.models import ClaimFlag, ContextBox, Person, State, Visit
from compliance.ops import roles
from newsroom.models import Article

pytestmark = pytest.mark.django_db

MODELS = [
    "source",
    "court",
    "person",
    "warrant",
    "state",
    "treatyevent",
    "securitycouncilobligation",
    "visit",
    "finding",
]


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
    assert "The host state was obliged to make the arrest on arrival." in page
    assert "Assembly of States Parties" in page


def test_a_staff_user_without_a_role_can_change_nothing(client):
    client.force_login(user_with(username="nobody"))
    state = State.objects.get(iso3="TJK")
    assert client.get(reverse("admin:compliance_state_change", args=[state.pk])).status_code == 403
    assert client.get(reverse("admin:compliance_state_changelist")).status_code == 403


def state_form(state, **changes):
    data = {
        "iso2": state.iso2,
        "iso3": state.iso3,
        "name": state.name,
        "qid": state.qid or "",
        "un_status": state.un_status,
        "note": "",
        "change_reason": "",
    }
    for prefix in ("aliases", "treaty_events", "sc_obligations", "compliance-citation-content_type-object_id"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(changes)
    return data


def test_an_editor_changes_a_state_and_the_history_keeps_who_and_why(editor):
    state = State.objects.get(iso3="TJK")
    response = editor.post(
        reverse("admin:compliance_state_change", args=[state.pk]),
        state_form(state, note="Checked against the UN page.", change_reason="Added a note"),
    )
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
        "key": visit.key,
        "person": visit.person_id,
        "state": visit.state_id,
        "start": "2024-09-03",
        "end": "2024-09-02",
        "status": "completed",
        "outcome": "not_arrested",
        "occasion": "",
        "note": "",
        "planned_start": "",
        "planned_end": "",
        "change_reason": "",
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
    response = admin_client.post(
        reverse("admin:compliance_state_export"),
        {
            "format": "0",
            "resource": "0",
            **{f"stateresource_{f}": "on" for f in ("iso2", "iso3", "name", "qid", "un_status", "note")},
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert text.splitlines()[0].startswith("iso2,iso3,name")
    assert "TJ,TJK,Tajikistan" in text


def test_import_shows_a_dry_run_preview_before_writing(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    csv = "iso2,iso3,name,qid,un_status,note\nTJ,TJK,Tajikistan (renamed),Q863,member,\n"
    response = admin_client.post(
        reverse("admin:compliance_state_import"),
        {
            "format": "0",
            "import_file": SimpleUploadedFile("states.csv", csv.encode(), "text/csv"),
        },
    )
    assert response.status_code == 200
    assert "Confirm import" in response.content.decode() and "(renamed)" in response.content.decode()  # previewed
    assert State.objects.get(iso3="TJK").name == "Tajikistan"  # not written until confirmed


# --- what editors see: the review queue, claim flags, and the admin in Ukrainian -------------------

QUEUE = "admin:compliance_contextbox_changelist"
FLAGS = "admin:compliance_claimflag_changelist"
ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = [
    ROOT / "compliance" / "locale" / "uk" / "LC_MESSAGES" / "django.po",
    ROOT / "newsroom" / "locale" / "uk" / "LC_MESSAGES" / "django.po",
]


@pytest.fixture(autouse=True)
def english_afterwards():
    """A request in Ukrainian leaves Ukrainian active in the thread; the next test starts in English."""
    yield
    translation.activate("en")


def article(headline, slug, published=datetime(2025, 10, 8, 12, tzinfo=UTC)):
    return Article.objects.create(
        headline=headline,
        slug=slug,
        body="Vladimir Putin arrived in Dushanbe.",
        status="published" if published else "draft",
        published_at=published,
    )


def box(for_article, kind="visit", person="Q7747", state="TJK", status="suggested", **fields):
    made = ContextBox.objects.create(
        content_type=ContentType.objects.get_for_model(Article),
        object_id=for_article.pk,
        kind=kind,
        person=Person.objects.get(qid=person) if person else None,
        state=State.objects.get(iso3=state) if state else None,
        status=status,
        **fields,
    )
    articles.rebuild(made, timezone.localdate())
    made.refresh_from_db()
    return made


def flag(for_article, **fields):
    values = {
        "sentence": "Tajikistan ratified the Rome Statute in 1999.",
        "kind": "treaty_deposit",
        "severity": "error",
        "claimed": "1999",
        "correct": "2000-05-05",
        "correction": "Tajikistan deposited its instrument of ratification of the Rome Statute on 5 May 2000.",
        "sources": [
            {
                "key": "untc",
                "title": "UN Treaty Collection: Rome Statute",
                "url": "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-10",
            },
            {"key": "bad", "title": "A forged source", "url": "javascript:alert(1)"},
        ],
    }
    values.update(fields)
    return ClaimFlag.objects.create(
        content_type=ContentType.objects.get_for_model(Article), object_id=for_article.pk, **values
    )


def act(client, url, action, rows, **extra):
    return client.post(reverse(url), {"action": action, "_selected_action": [r.pk for r in rows], **extra}, follow=True)


def shown_messages(response):
    return [str(m) for m in response.context["messages"]]


def test_the_queue_lists_suggested_boxes_first_newest_article_first(editor):
    old = article("Putin in Dushanbe", "old", datetime(2025, 10, 8, 12, tzinfo=UTC))
    new = article("Putin back in Dushanbe", "new", datetime(2025, 11, 8, 12, tzinfo=UTC))
    draft = article("Putin to visit Mongolia", "draft", published=None)
    approved = box(new, status="approved")
    old_suggested = box(old)
    new_suggested = box(new, kind="person", state=None)
    draft_suggested = box(draft, state="MNG")
    response = editor.get(reverse(QUEUE))
    assert response.status_code == 200
    rows = list(response.context["cl"].result_list)
    assert rows == [draft_suggested, new_suggested, old_suggested, approved]
    page = response.content.decode()
    # columns: the headline links to the article's admin page and, in a new tab, to the page readers see
    assert f'href="{reverse("admin:newsroom_article_change", args=[new.pk])}"' in page
    assert f'href="{new.get_absolute_url()}" target="_blank" rel="noopener noreferrer"' in page
    assert "not published yet" in page and draft.get_absolute_url() not in page
    assert "Vladimir Putin — Tajikistan" in page
    assert formats.date_format(date(2025, 10, 8)) in page  # the article's date, in the site's format
    assert "/static/compliance/boxes.css" in page  # the readers' stylesheet, for the previews


def test_the_queue_filters_and_searches(editor):
    # published earlier today: an hour ago, but never before midnight (the test may run just after it)
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    today = max(timezone.now() - timedelta(hours=1), midnight)
    fresh, old = article("Putin lands in Ulaanbaatar", "fresh", today), article("Putin in Dushanbe", "old")
    fresh_box, old_box = box(fresh, state="MNG"), box(old, status="rejected")
    flag(fresh)
    flag(old, status=ClaimFlag.Status.FIXED)

    def listed(**params):
        response = editor.get(reverse(QUEUE), params)
        assert response.status_code == 200
        return list(response.context["cl"].result_list)

    assert listed(status__exact="rejected") == [old_box]
    assert listed(kind__exact="visit", language="en") == [fresh_box, old_box]
    assert listed(published="today") == [fresh_box]
    assert listed(published="no") == []
    assert listed(open_flags="yes") == [fresh_box]  # the old article's flag is fixed
    assert listed(open_flags="no") == [old_box]
    assert listed(article=str(old.pk)) == [old_box]
    assert listed(q="Ulaanbaatar") == [fresh_box]  # headline
    assert listed(q="Путін") == [fresh_box, old_box]  # the person's name in another language
    assert listed(q="Mongolia") == [fresh_box]  # the state
    page = editor.get(reverse(QUEUE)).content.decode()
    flags_url = reverse(FLAGS) + f"?article={fresh.pk}&amp;status__exact=open"
    assert f'href="{flags_url}">1</a>' in page  # the open flags, one click away


def test_approve_records_who_and_when_and_says_how_many(editor):
    story = article("Putin in Dushanbe", "story")
    first, second = box(story), box(story, kind="person", state=None, status="approved")
    response = act(editor, QUEUE, "approve", [first, second])
    assert response.status_code == 200
    assert shown_messages(response) == ["1 box approved: readers see it now."]
    first.refresh_from_db()
    assert first.status == "approved"
    record = first.history.first()
    assert record.history_user.username == "editor"
    assert record.history_change_reason == "set to approved in the review queue"
    assert record.history_date > timezone.now() - timedelta(minutes=1)
    page = editor.get(reverse("admin:compliance_contextbox_change", args=[first.pk])).content.decode()
    assert "set by editor" in page  # the change form says who approved it, and when

    assert shown_messages(act(editor, QUEUE, "pin", [first, second])) == [
        "2 boxes pinned: readers see them, and re-detection keeps them."
    ]
    assert shown_messages(act(editor, QUEUE, "reject", [first])) == ["1 box rejected: readers will not see it."]
    assert shown_messages(act(editor, QUEUE, "reject", [first])) == [
        "Nothing changed: every selected row was already “rejected”."
    ]
    assert set(ContextBox.objects.values_list("status", flat=True)) == {"rejected", "pinned"}


def test_approving_is_refused_without_the_permission(client):
    suggested = box(article("Putin in Dushanbe", "story"))
    client.force_login(user_with(roles.FACT_CHECKERS, username="checker"))
    response = client.get(reverse(QUEUE))
    assert response.status_code == 200  # fact-checkers see the queue...
    assert 'value="approve"' not in response.content.decode()  # ...but are not offered the actions
    response = act(client, QUEUE, "approve", [suggested])
    assert response.status_code == 200 and "approved" not in " ".join(shown_messages(response))
    client.force_login(user_with(username="nobody"))
    assert client.post(reverse(QUEUE), {"action": "approve", "_selected_action": [suggested.pk]}).status_code == 403
    suggested.refresh_from_db()
    assert suggested.status == "suggested"


def test_the_preview_is_the_readers_box_with_editors_words_escaped(editor):
    story = article('Putin <script>alert("headline")</script> in Dushanbe', "story")
    made = box(story, title_override='<script>alert("title")</script> Putin in Tajikistan')
    verdict = made.verdict_text
    assert "obliged" in verdict
    preview_url = reverse("admin:compliance_contextbox_preview", args=[made.pk])
    for url in (reverse("admin:compliance_contextbox_change", args=[made.pk]), reverse(QUEUE)):
        page = editor.get(url).content.decode()
        # in a frame of its own, so that nothing of the admin's styles reaches it
        assert f'<iframe src="{preview_url}"' in page
        assert '<script>alert("headline")' not in page and '<script>alert("title")' not in page
    response = editor.get(preview_url)
    assert response["X-Frame-Options"] == "SAMEORIGIN"  # the admin's frames may show it, no other site
    page = response.content.decode()
    assert escape(verdict) in page
    assert 'class="cbox cbox--visit"' in page  # the template the article page includes
    assert '<script>alert("title")' not in page
    assert escape('<script>alert("title")</script> Putin in Tajikistan') in page
    assert "/static/compliance/boxes.css" in page and "/static/newsroom/site.css" in page  # the readers' styles
    page = editor.get(reverse(QUEUE)).content.decode()
    assert escape('Putin <script>alert("headline")</script> in Dushanbe') in page
    assert '<details class="review-preview">' in page
    assert editor.logout() is None and editor.get(preview_url).status_code == 302  # to the login page


def test_every_source_of_a_box_is_one_click_away(editor):
    made = box(article("Putin in Dushanbe", "story"))
    sources = made.data["sources"]
    assert sources
    page = editor.get(reverse("admin:compliance_contextbox_change", args=[made.pk])).content.decode()
    for source in sources:
        link = format_html(
            '<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>', source["url"], source["title"]
        )
        assert link in page


def test_a_box_page_lists_the_articles_open_claim_flags(editor):
    story = article("Putin in Dushanbe", "story")
    made, claim = box(story), flag(story)
    page = editor.get(reverse("admin:compliance_contextbox_change", args=[made.pk])).content.decode()
    assert escape(claim.correction) in page and escape(claim.sentence) in page
    assert reverse("admin:compliance_claimflag_change", args=[claim.pk]) in page


def test_claim_flags_show_the_sentence_and_the_sources_of_the_correct_fact(editor):
    story = article("Putin in Dushanbe", "story")
    claim = flag(story)
    for url in (reverse(FLAGS), reverse("admin:compliance_claimflag_change", args=[claim.pk])):
        response = editor.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert claim.sentence in page and escape(claim.correction) in page
        assert (
            format_html(
                '<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>',
                claim.sources[0]["url"],
                claim.sources[0]["title"],
            )
            in page
        )
        assert "javascript:alert" not in page and "A forged source" in page  # shown, never a link
        assert "date of ratification or accession" in page  # the kind, in words
        assert reverse("admin:newsroom_article_change", args=[story.pk]) in page


def test_claim_flags_are_fixed_or_dismissed_with_counts_and_filtered(editor):
    story, other = article("Putin in Dushanbe", "story"), article("Putin in Mongolia", "other")
    first, second = flag(story), flag(story, kind="visit_date", severity="note")
    third = flag(other)

    def listed(**params):
        response = editor.get(reverse(FLAGS), params)
        assert response.status_code == 200
        return set(response.context["cl"].result_list)

    assert listed(article=str(story.pk)) == {first, second}
    assert listed(severity="note") == {second}
    assert listed(kind="treaty_deposit") == {first, third}
    assert listed(q="Mongolia") == {third}  # the article's headline
    assert shown_messages(act(editor, FLAGS, "mark_fixed", [first, second])) == ["2 flags marked fixed."]
    assert shown_messages(act(editor, FLAGS, "dismiss", [third])) == [
        "Nothing changed: write the reason in the box beside the action, then run it again."
    ]
    assert listed(status__exact="open") == {third}
    reason = "The sentence quotes a minister's claim, and the next one corrects it."
    assert shown_messages(act(editor, FLAGS, "dismiss", [third], reason=reason)) == ["1 flag dismissed."]
    assert listed(status__exact="open") == set()
    assert listed(status__exact="fixed") == {first, second}
    third.refresh_from_db()
    assert (third.resolved_by.username, third.resolution_note) == ("editor", reason)
    assert third.resolved_at > timezone.now() - timedelta(minutes=1)
    page = editor.get(reverse(FLAGS), {"status__exact": "dismissed"}).content.decode()
    assert "Dismissed by editor on" in page and escape(reason) in page


@pytest.mark.parametrize(
    "url, params",
    [
        (QUEUE, {"status__exact": "bogus"}),
        (QUEUE, {"published": "bogus"}),
        (QUEUE, {"open_flags": "maybe"}),
        (QUEUE, {"article": "abc"}),
        (QUEUE, {"article": "999999"}),
        (QUEUE, {"language": "xx"}),
        (QUEUE, {"as_of__year": "abc"}),
        (QUEUE, {"as_of__year": "2025", "as_of__month": "13"}),
        (QUEUE, {"o": "zz"}),
        (QUEUE, {"o": "99"}),
        (QUEUE, {"nonsense": "1"}),
        (QUEUE, {"q": "'; DROP TABLE"}),
        (FLAGS, {"severity": "bogus"}),
        (FLAGS, {"kind": "<b>"}),
        (FLAGS, {"article": "-1"}),
        (FLAGS, {"status__exact": "x"}),
    ],
)
def test_bad_filter_values_never_break_the_lists(editor, url, params):
    box(article("Putin in Dushanbe", "story"))
    assert editor.get(reverse(url), params).status_code in (200, 302)


def test_an_action_on_no_rows_or_an_unknown_action_says_so(editor):
    made = box(article("Putin in Dushanbe", "story"))
    response = editor.post(reverse(QUEUE), {"action": "approve", "index": "0"}, follow=True)
    assert response.status_code == 200
    assert "Items must be selected in order to perform actions on them." in shown_messages(response)[0]
    response = act(editor, QUEUE, "make_everything_true", [made])
    assert response.status_code == 200 and shown_messages(response) == ["No action selected."]
    response = editor.post(reverse(FLAGS), {"action": "dismiss", "index": "0"}, follow=True)
    assert response.status_code == 200 and shown_messages(response)
    made.refresh_from_db()
    assert made.status == "suggested"


def test_the_queue_does_not_query_per_row(editor):
    story = article("Putin in Dushanbe", "story")
    box(story)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert editor.get(reverse(QUEUE)).status_code == 200
        return len(captured)

    few = queries()
    for n, iso3 in enumerate(["MNG", "HUN", "ZAF", "KAZ", "AZE"]):
        box(article(f"Putin visits {iso3}", f"story-{n}"), state=iso3)
    assert queries() == few


def test_editors_see_the_admin_in_ukrainian(editor):
    visit = Visit.objects.get(key="putin-mng-2024")
    uk = {"HTTP_ACCEPT_LANGUAGE": "uk"}
    page = editor.get(reverse("admin:compliance_visit_changelist"), **uk).content.decode()
    assert '<html lang="uk"' in page
    assert "Візити" in page and "Visits" not in page  # the model's plural
    assert "Запланований початок" not in page  # (not a column)
    for header in ("Особа", "Держава", "Наслідок", "Джерела", "Перевірено"):  # column headers
        assert f">{header}</a>" in page or f">{header}</span>" in page, header
    page = editor.get(reverse("admin:compliance_visit_change", args=[visit.pk]), **uk).content.decode()
    for label in (
        "Запланований початок",
        "Привід",
        "Фактичний перший день.",
        "Висновок на сьогодні (обчислено)",
        "Чому вносите цю зміну?",
    ):
        assert label in page, label
    assert "Planned start" not in page and "Occasion" not in page

    made = box(article("Путін у Душанбе", "uk-story"))
    page = editor.get(reverse(QUEUE), **uk).content.decode()
    for text in (
        "Контекстні блоки",
        "Особа / держава",
        "Відкриті позначені твердження",
        "публікація статті",
        "Схвалити: показувати читачам",
        "Попередній перегляд",
        "запропоновано",
    ):
        assert text in page, text
    assert "Context boxes" not in page and "Approve: show to readers" not in page
    page = editor.get(reverse("admin:compliance_contextbox_change", args=[made.pk]), **uk).content.decode()
    for text in (
        "Як це побачать читачі",
        "Формулювання",
        "Остання зміна статусу",
        "Заголовок (замість автоматичного)",
        "Позначені твердження в цій статті",
    ):
        assert text in page, text
    response = editor.post(reverse(QUEUE), {"action": "approve", "_selected_action": [made.pk]}, follow=True, **uk)
    assert shown_messages(response) == ["Схвалено 1 блок: читачі вже бачать його."]


def read_po(path: Path) -> list[dict]:
    """Entries of a gettext catalogue: flags, msgid, msgid_plural, msgstr (or msgstr[n]). Enough for a check."""
    import ast

    entries = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        entry, key = {"flags": set(), "obsolete": False}, None
        for line in block.splitlines():
            if line.startswith("#~"):
                entry["obsolete"] = True
            elif line.startswith("#,"):
                entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith(("msgctxt ", "msgid ", "msgid_plural ", "msgstr")):
                key, _, value = line.partition(" ")
                entry[key] = ast.literal_eval(value)
            elif line.startswith('"') and key:
                entry[key] += ast.literal_eval(line)
        entries.append(entry)
    return entries


@pytest.mark.parametrize("path", CATALOGUES, ids=["compliance", "newsroom"])
def test_the_ukrainian_catalogues_are_complete(path):
    import gettext
    import re

    header, *entries = read_po(path)
    assert "nplurals=3;" in header["msgstr"]
    assert entries
    placeholders = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
    for entry in entries:
        where = f"{path.name}: msgid {entry['msgid']!r}"
        assert not entry["obsolete"] and "fuzzy" not in entry["flags"], where
        forms = sorted(k for k in entry if k.startswith("msgstr"))
        assert forms == (["msgstr[0]", "msgstr[1]", "msgstr[2]"] if "msgid_plural" in entry else ["msgstr"]), where
        for form in forms:
            assert entry[form].strip(), where
            assert sorted(placeholders.findall(entry[form])) == sorted(
                placeholders.findall(entry["msgid_plural"] if form in ("msgstr[1]", "msgstr[2]") else entry["msgid"])
            ), where
    # the compiled catalogue is the .po compiled: no entry missing or stale
    with path.with_suffix(".mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for entry in entries:
        msgid = (entry["msgctxt"] + "\x04" if "msgctxt" in entry else "") + entry["msgid"]
        if "msgid_plural" in entry:
            assert compiled._catalog[(msgid, 2)] == entry["msgstr[2]"], msgid
        else:
            assert compiled._catalog[msgid] == entry["msgstr"], msgid


# --- the editor's desk: analysis state, flags that gate publication, change log, previews ----------

FALSE_CLAIM = "Tajikistan ratified the Rome Statute in 1999."
STORY = (
    "Vladimir Putin arrived in Dushanbe on Wednesday for a summit.\r\n\r\n"
    f"{FALSE_CLAIM} Its government has not said whether it will act on the warrant.\r\n\r\n"
    "The Kremlin said the visit would last two days."
)


def article_form(response, **changes) -> dict:
    """What the browser would post back from an admin change page: every form's current values, changed."""
    from django import forms as django_forms

    context = response.context
    all_forms = [context["adminform"].form]
    data = {}
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            data[formset.management_form.add_prefix(name)] = formset.management_form[name].value()
        all_forms += formset.forms
    for form in all_forms:
        for name, field in form.fields.items():
            value, key = form[name].value(), form.add_prefix(name)
            if isinstance(field, django_forms.SplitDateTimeField):
                if isinstance(value, datetime):
                    value = timezone.localtime(value)
                    data[key + "_0"], data[key + "_1"] = value.date().isoformat(), value.strftime("%H:%M:%S")
                elif isinstance(value, list):
                    data[key + "_0"], data[key + "_1"] = value
                else:
                    data[key + "_0"] = data[key + "_1"] = ""
            elif isinstance(field, django_forms.BooleanField):
                if value:
                    data[key] = "on"
            elif value is not None:
                data[key] = value
    data.update(changes)
    return data


def add_article(client, body=STORY, **fields):
    """Write an article in the admin as an editor would, and let its analysis run (without a broker it
    runs in-process once the save commits)."""
    page = client.get(reverse("admin:newsroom_article_add"))
    data = article_form(
        page,
        headline="Putin lands in Dushanbe",
        slug="putin-lands-in-dushanbe",
        body=body,
        language="en",
        status="draft",
        **fields,
    )
    return client.post(reverse("admin:newsroom_article_add"), data)


def test_an_article_typed_in_a_browser_keeps_its_paragraphs(client, django_capture_on_commit_callbacks):
    story = Article.objects.create(
        headline="Putin in Dushanbe",
        slug="crlf",
        body=STORY,
        status="published",
        published_at=datetime(2025, 10, 8, 12, tzinfo=UTC),
    )
    story.refresh_from_db()
    assert "\r" not in story.body  # stored as typed, with one kind of line ending
    assert len(story.paragraphs()) == 3
    assert len(Article(body="One.\r\n \r\nTwo.\rThree.\r\rFour.").paragraphs()) == 3  # as rendered, too
    page = client.get(story.get_absolute_url()).content.decode()
    assert "<p>Vladimir Putin arrived in Dushanbe on Wednesday for a summit.</p>" in page
    assert "<p>The Kremlin said the visit would last two days.</p>" in page


def test_saving_an_article_says_what_the_analysis_found(editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = add_article(editor)
    assert response.status_code == 302, response.content.decode()[:3000]
    story = Article.objects.get(slug="putin-lands-in-dushanbe")
    analysis = articles.analysis_of(story)
    assert analysis.state == "done"
    suggested = ContextBox.objects.filter(object_id=story.pk, status="suggested").count()
    flagged = ClaimFlag.objects.filter(object_id=story.pk, status="open").count()
    assert suggested >= 1 and flagged == 1
    page = editor.get(reverse("admin:newsroom_article_change", args=[story.pk])).content.decode()
    summary = f"Analysis done: {suggested} box{'es' if suggested > 1 else ''} suggested, 1 claim flagged."
    assert summary in page
    assert f'<mark class="flagged-claim">{FALSE_CLAIM}</mark>' in page  # the sentence, marked in the body
    assert f'<iframe src="{story.get_absolute_url()}"' in page  # the draft, framed, at its real address
    listing = editor.get(reverse("admin:newsroom_article_changelist")).content.decode()
    assert ">done<" in listing


def test_a_failed_analysis_shows_on_the_article_page_and_can_be_retried(
    editor, settings, django_capture_on_commit_callbacks
):
    settings.COMPLIANCE_MAX_ARTICLE_CHARS = 100
    with django_capture_on_commit_callbacks(execute=True):
        add_article(editor)
    story = Article.objects.get(slug="putin-lands-in-dushanbe")
    change_url = reverse("admin:newsroom_article_change", args=[story.pk])
    page = editor.get(change_url).content.decode()
    reason = f"the body has {len(story.body)} characters, more than the 100 analysed (COMPLIANCE_MAX_ARTICLE_CHARS)"
    assert f"Analysis failed: {reason}" in page
    retry = reverse("admin:newsroom_article_analyse", args=[story.pk])
    assert f'formaction="{retry}"' in page and "Retry the analysis" in page
    # counted on the admin index, linking to the list of the articles concerned
    index = editor.get(reverse("admin:index")).content.decode()
    failed_list = reverse("admin:newsroom_article_changelist") + "?analysis=failed"
    assert f'<a href="{failed_list}">Failed analyses</a> <span class="count">1</span>' in index
    listed = editor.get(failed_list)
    assert list(listed.context["cl"].result_list) == [story]
    assert f'title="{reason}">failed<' in listed.content.decode()
    assert editor.get(retry).status_code == 403  # a retry is a POST

    settings.COMPLIANCE_MAX_ARTICLE_CHARS = 2_000_000
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(retry)
    assert response.status_code == 302 and response["Location"] == change_url + "#analysis"
    assert articles.analysis_of(story).state == "done"
    assert "Analysis done:" in editor.get(change_url).content.decode()


def test_an_open_error_flag_stops_approval_and_publication_until_it_is_resolved(
    editor, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Permission
    from django.test import Client

    with django_capture_on_commit_callbacks(execute=True):
        add_article(editor)
    story = Article.objects.get(slug="putin-lands-in-dushanbe")
    suggested = ContextBox.objects.filter(object_id=story.pk, status="suggested")
    claim = ClaimFlag.objects.get(object_id=story.pk, status="open")
    # the queue's bulk approval refuses, and says why
    response = act(editor, QUEUE, "approve", list(suggested))
    assert shown_messages(response)[-1].startswith(f"{suggested.count()} box")
    assert "not approved: " in shown_messages(response)[-1] and "open error flag" in shown_messages(response)[-1]
    assert suggested.count() >= 1 and not ContextBox.objects.filter(object_id=story.pk, status="approved").exists()
    # and so does the box's own page
    first = suggested.first()
    page = editor.get(reverse("admin:compliance_contextbox_change", args=[first.pk]))
    data = {"status": "approved", "position": first.position, "title_override": "", "verdict_override": ""}
    response = editor.post(reverse("admin:compliance_contextbox_change", args=[first.pk]), data)
    assert page.status_code == 200 and response.status_code == 200
    assert "The article has an open error flag" in response.content.decode()
    # publishing is refused while the sentence is in the text
    change_url = reverse("admin:newsroom_article_change", args=[story.pk])
    now = timezone.now()
    response = editor.post(
        change_url,
        article_form(
            editor.get(change_url),
            status="published",
            published_at_0=now.date().isoformat(),
            published_at_1=now.strftime("%H:%M:%S"),
        ),
    )
    assert response.status_code == 200
    assert "This article cannot be published while a claim flag is open" in response.content.decode()
    story.refresh_from_db()
    assert story.status == "draft"
    # overriding takes the named permission: an editor is not offered it
    assert 'value="override"' not in editor.get(reverse(FLAGS)).content.decode()
    assert shown_messages(act(editor, FLAGS, "override", [claim], reason="Quoted to refute it.")) == [
        "No action selected."
    ]
    chief = user_with(roles.EDITORS, username="chief")
    chief.user_permissions.add(Permission.objects.get(codename="override_claimflag"))
    client = Client()
    client.force_login(chief)
    assert shown_messages(act(client, FLAGS, "override", [claim], reason="Quoted to refute it.")) == [
        "1 flag overridden."
    ]
    claim.refresh_from_db()
    assert (claim.status, claim.resolved_by.username, claim.resolution_note) == (
        "overridden",
        "chief",
        "Quoted to refute it.",
    )
    # now the boxes can be approved, by whom and when recorded, and the article published
    assert shown_messages(act(editor, QUEUE, "approve", [first]))[0].startswith("1 box approved")
    first.refresh_from_db()
    assert first.approved_by.username == "editor" and first.approved_text and not first.changed_since_approval
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            change_url,
            article_form(
                editor.get(change_url),
                status="published",
                published_at_0=now.date().isoformat(),
                published_at_1=now.strftime("%H:%M:%S"),
            ),
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    story.refresh_from_db()
    assert story.status == "published"


def test_correcting_the_sentence_closes_its_flag_with_the_time(editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        add_article(editor)
    story = Article.objects.get(slug="putin-lands-in-dushanbe")
    change_url = reverse("admin:newsroom_article_change", args=[story.pk])
    corrected = STORY.replace(FALSE_CLAIM, "Tajikistan ratified the Rome Statute in 2000.")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(change_url, article_form(editor.get(change_url), body=corrected))
    assert response.status_code == 302
    claim = ClaimFlag.objects.get(object_id=story.pk, sentence=FALSE_CLAIM)
    assert claim.status == "fixed" and claim.resolved_by is None and claim.resolved_at
    assert not articles.blocking_flags(story).exists()
    assert "Fixed in the text by the analysis on" in editor.get(change_url).content.decode()


def test_a_draft_is_seen_at_its_address_by_editors_only(editor):
    draft = article("Putin to visit Mongolia", "draft-preview", published=None)
    url = draft.get_absolute_url()
    from django.test import Client

    assert Client().get(url).status_code == 404
    response = editor.get(url)
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex" and "no-store" in response["Cache-Control"]
    assert "Putin to visit Mongolia" in response.content.decode()


def test_every_change_log_entry_opens_and_says_who_which_fact_and_what_readers_see(
    editor, settings, django_capture_on_commit_callbacks
):
    from compliance import tasks
    from compliance.models import ChangeLog

    story = article("Putin in Dushanbe", "story")
    made = box(story)
    articles.approve(made, User.objects.get(username="editor"))
    tajikistan = State.objects.get(iso3="TJK")
    name = tajikistan.aliases.get(kind="name", language="en")
    name.text = "the Republic of Tajikistan"  # the name readers see in English
    name.save()
    tasks.refresh_fact(f"state:{tajikistan.pk}", "state changed", "", User.objects.get(username="editor").pk)
    ChangeLog.objects.create(box=made, fact="state:0", reason="an entry from before the log said more")
    ChangeLog.objects.create(box=None, fact="", reason="its box was deleted since")
    entries = list(ChangeLog.objects.all())
    assert len(entries) == 3
    listing = editor.get(reverse("admin:compliance_changelog_changelist"))
    assert listing.status_code == 200
    for entry in entries:
        assert editor.get(reverse("admin:compliance_changelog_change", args=[entry.pk])).status_code == 200
    entry = ChangeLog.objects.get(fact=f"state:{tajikistan.pk}")
    assert entry.changed_by.username == "editor"
    assert "Tajikistan" in entry.before and "the Republic of Tajikistan" in entry.after
    page = editor.get(reverse("admin:compliance_changelog_change", args=[entry.pk])).content.decode()
    assert "<ins>" in page and "Republic" in page
    assert reverse("admin:compliance_state_change", args=[tajikistan.pk]) in page  # the fact
    assert reverse("admin:newsroom_article_change", args=[story.pk]) in page  # the article
    # the approved box is marked, and its editor told on the admin index
    made.refresh_from_db()
    assert made.changed_since_approval is not None
    index = editor.get(reverse("admin:index")).content.decode()
    assert "Boxes you approved that have changed since" in index
    assert made in articles.live_boxes(story)  # by default it stays live meanwhile
    settings.COMPLIANCE_KEEP_CHANGED_BOXES_LIVE = False
    assert made not in articles.live_boxes(story)
    articles.approve(made, User.objects.get(username="editor"))
    assert made in articles.live_boxes(story)


def test_the_admin_index_has_the_desk_and_keeps_the_plumbing_apart(editor, admin_client):
    story = article("Putin in Dushanbe", "story")
    box(story)
    flag(story)
    page = editor.get(reverse("admin:index")).content.decode()
    queue = reverse(QUEUE) + "?status__exact=suggested"
    assert f'<a href="{queue}">Boxes to review</a> <span class="count">1</span>' in page
    assert f'<a href="{reverse(FLAGS)}?status__exact=open">Open claim flags</a> <span class="count">1</span>' in page
    page = admin_client.get(reverse("admin:index")).content.decode()
    plumbing = page.index("Plumbing (background work and the partner feed)")
    assert page.index("Outbox messages") > plumbing and page.index("Task runs") > plumbing
    assert page.index("Context boxes") < plumbing


def test_sync_tasks_run_now_without_a_broker(admin_client):
    from compliance.models import TaskRun

    listing = admin_client.get(reverse("admin:compliance_taskrun_changelist")).content.decode()
    url = reverse("admin:compliance_taskrun_run", args=["refresh_dates"])
    assert f'action="{url}"' in listing
    assert admin_client.get(url).status_code == 403
    response = admin_client.post(url, follow=True)
    assert shown_messages(response)[0].startswith("“Refresh statuses as dates pass” ran:")
    assert TaskRun.objects.get(name="refresh_dates").last_success is not None
