"""No 500 on bad input, and every 500 logged: NUL characters, unicode digits, and sizes that are
not whole positive numbers, in any parameter, are a 400 that says what is wrong; server errors
and task failures are logged to stderr as JSON lines."""

import io
import json
import logging
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.django_db

EMBED = quote("http://testserver/api/v1/embed/box/?person=Q7747&state=TJK", safe="")


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/persons/?qid=%00",
        "/api/v1/persons/?%00=1",
        "/api/v1/sources/%00/",
        "/api/v1/warrants/?situation=%00",
        "/api/v1/visits/?state=MNG%00",
        "/api/v1/boxes/?person=Putin%00",
        "/api/v1/obligations/?person=%00&state=TJK&date=2024-09-03",
        "/api/v1/embed/box/?person=%00",
        "/people/?q=%00",
        "/states/TJK/?date=%00",
        "/?page=%00",
        "/api/v1/changes/?limit=%C2%B2",
        "/api/v1/changes/?limit=-5",
        "/api/v1/changes/?limit=abc",
        "/api/v1/sources/?page_size=%C2%B2",
        "/api/v1/sources/?page_size=-5",
        "/api/v1/sources/?page_size=abc",
        f"/api/v1/oembed/?url={EMBED}&maxwidth=abc",
        f"/api/v1/oembed/?url={EMBED}&maxwidth=-5",
        f"/api/v1/oembed/?url={EMBED}&maxwidth=%C2%B2",
        f"/api/v1/oembed/?url={EMBED}&maxheight=0",
    ],
)
def test_bad_input_is_a_400_with_a_message(client, url):
    response = client.get(url)
    assert response.status_code == 400, (url, response.status_code, response.content[:300])
    assert len(response.content.strip()) > 10  # says what is wrong


def test_a_good_oembed_width_is_kept_within_the_largest(client):
    assert client.get(f"/api/v1/oembed/?url={EMBED}&maxwidth=300").json()["width"] == 300
    assert client.get(f"/api/v1/oembed/?url={EMBED}&maxwidth=5000").json()["width"] == 800


@pytest.fixture
def json_log():
    """What the JSON handler (LOGGING's "json", on stderr) writes, captured."""
    handler = next(h for h in logging.getLogger("django.request").handlers if h.name == "json")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def test_a_server_error_is_logged_to_stderr_as_json(client, monkeypatch, json_log):
    from compliance.feed.api import download

    def broken():
        raise RuntimeError("the export broke")

    monkeypatch.setattr(download, "files", broken)
    client.raise_request_exception = False
    assert client.get("/api/v1/download/").status_code == 500
    record = json.loads(json_log.getvalue().splitlines()[-1])
    assert record["level"] == "ERROR" and record["logger"] == "django.request"
    assert "/api/v1/download/" in record["message"] and "the export broke" in record["exc_info"]


def test_a_task_failure_is_logged_to_stderr_as_json(json_log):
    from django.contrib.contenttypes.models import ContentType

    from compliance.tasks import analyse_article

    result = analyse_article.apply(args=[987654, 1], throw=False)  # no such content type; as a worker runs it
    assert isinstance(result.result, ContentType.DoesNotExist)
    records = [json.loads(line) for line in json_log.getvalue().splitlines()]
    assert any(
        r["logger"] == "celery.app.trace" and r["level"] == "ERROR" and "analyse_article" in r["message"]
        for r in records
    )
