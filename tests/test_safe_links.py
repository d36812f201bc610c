"""A `javascript:` link stored behind the form's back (a raw update, an old row) renders inert on
every surface that shows sources: article pages (boxes and their JSON-LD), the embed, the person
and state trackers, and the admin's previews. And no form, import or dataset load lets one in."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from compliance.facts import dataset
from compliance.models import ClaimFlag, ContextBox, Person, Source, State
from newsroom.models import Article

pytestmark = pytest.mark.django_db

EVIL = [
    "javascript:alert(document.domain)",
    " javascript:alert(1)",
    "JaVaScRiPt:alert(2)",
    "java\tscript:alert(3)",
    "data:text/html,<script>alert(4)</script>",
    "vbscript:msgbox(5)",
]


def unsafe_attributes(html: str) -> list[str]:
    """Every attribute that would take the browser somewhere, whose value is not http(s), a path or
    a fragment."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for tag in soup.find_all(True):
        for name in ("href", "src", "action", "formaction", "data", "xlink:href"):
            value = tag.get(name)
            if value is None:
                continue
            squeezed = "".join(str(value).split()).lower()
            if ":" in squeezed.split("/", 1)[0] and not squeezed.startswith(("http:", "https:", "mailto:")):
                found.append(f"<{tag.name} {name}={value!r}>")
    return found


@pytest.fixture(params=EVIL)
def poisoned(request):
    """Every source's links replaced by a script URL, without the model's validation."""
    Source.objects.update(url=request.param, archive_url=request.param)
    return request.param


def visible(html: str) -> bool:
    return "International Criminal Court" in html or "Rome Statute" in html


def analysed(**fields) -> Article:
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        return Article.objects.create(language="en", status="published", published_at="2025-10-08T12:00:00Z", **fields)


def test_an_article_page_shows_the_sources_as_text_not_as_script_links(client, settings, poisoned):
    settings.COMPLIANCE_PUBLISH_SUGGESTIONS = True
    article = analysed(
        headline="Tajikistan lets Putin enter despite ICC arrest warrant",
        slug="poisoned",
        body="Russian President Vladimir Putin arrived in Tajikistan on Oct. 8, despite an active arrest warrant "
        "issued by the International Criminal Court.",
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'class="cbox' in html and visible(html)
    assert unsafe_attributes(html) == []
    for block in BeautifulSoup(html, "html.parser").find_all("script", type="application/ld+json"):
        for item in json.loads(block.string):
            assert all(citation["url"] == "" for citation in item["citation"])


def test_the_embed_shows_the_sources_as_text_not_as_script_links(client, poisoned):
    response = client.get(
        reverse("compliance-api:embed-box"), {"person": "Q7747", "state": "TJK", "date": "2025-10-08"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and visible(html)
    assert unsafe_attributes(html) == []


def test_the_trackers_show_the_sources_as_text_not_as_script_links(client, poisoned):
    putin = Person.objects.get(qid="Q7747")
    for url in (
        reverse("compliance:person", args=[putin.pk]),
        reverse("compliance:state", args=["TJK"]),
        reverse("compliance:map", args=[putin.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert unsafe_attributes(response.content.decode()) == [], url


def test_the_admin_previews_show_the_sources_as_text_not_as_script_links(admin_client, settings, poisoned):
    article = analysed(
        headline="Putin in Dushanbe", slug="poisoned-admin", body="Vladimir Putin arrived in Tajikistan."
    )
    ct = ContentType.objects.get_for_model(Article)
    box = ContextBox.objects.filter(content_type=ct, object_id=article.pk).first()
    assert box is not None
    flag = ClaimFlag.objects.create(
        content_type=ct,
        object_id=article.pk,
        sentence="Tajikistan ratified in 1999.",
        kind="treaty_deposit",
        severity="error",
        claimed="1999",
        correct="2000-05-05",
        correction="Tajikistan ratified on 5 May 2000.",
        sources=[{"key": "x", "title": "Forged", "url": poisoned}],
    )
    pages = [
        reverse("admin:compliance_contextbox_change", args=[box.pk]),
        reverse("admin:compliance_contextbox_changelist"),
        reverse("admin:compliance_claimflag_change", args=[flag.pk]),
        reverse("admin:compliance_state_change", args=[State.objects.get(iso3="TJK").pk]),
        reverse("admin:compliance_source_changelist"),
    ]
    for url in pages:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert unsafe_attributes(response.content.decode()) == [], url


@pytest.mark.parametrize("url", EVIL + ["ftp://example.org/file", "//example.org/no-scheme"])
def test_the_form_and_the_dataset_load_accept_only_http_and_https(url):
    source = Source(key="new-source", url=url, title="A source")
    with pytest.raises(ValidationError) as error:
        source.full_clean()
    assert "url" in error.value.message_dict
    data = dataset.read()
    data["sources"][0]["url"] = url
    with pytest.raises(dataset.DatasetError):
        dataset.load(data, dry_run=True)


def csp(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_reader_pages_the_embed_and_the_admin_carry_a_policy_that_runs_no_inline_script(admin_client, client):
    putin = Person.objects.get(qid="Q7747")
    for url in [
        "/",
        reverse("compliance:person", args=[putin.pk]),
        reverse("compliance:state", args=["TJK"]),
        reverse("compliance:map-embed", args=[putin.pk]),
        reverse("compliance-api:embed-box") + "?person=Q7747&state=TJK&date=2025-10-08",
    ]:
        policy = csp(client.get(url))
        assert policy["script-src"] == ["'self'"], url  # no 'unsafe-inline': inline script and javascript: URLs
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"], url
    for url in [
        reverse("admin:index"),
        reverse("admin:compliance_state_changelist"),
        reverse("admin:compliance_contextbox_changelist"),
    ]:
        response = admin_client.get(url)
        assert response.status_code == 200 and csp(response)["script-src"] == ["'self'"], url
        inline = [
            s
            for s in BeautifulSoup(response.content, "html.parser").find_all("script")
            if not s.get("src") and s.get("type") != "application/ld+json"
        ]
        assert inline == [], url  # the admin works under the policy: no inline script of its own
