"""Browser tests: Playwright drives Debian's headless Chromium over the live site, with axe-core.

Fixtures:

- ``browser``: one Chromium for all the tests in this folder (``CHROMIUM``, default /usr/bin/chromium,
  started by Playwright's own driver; ``playwright install`` is never needed nor used).
- ``demo_site``: the live server with the reference dataset and the demo articles (``load_demo``) in the
  database, as ``manage.py demo`` sets them up; loaded once for the folder (see ``demo_data``).
- ``page_at(width, javascript=True)``: a fresh page 375 px (a phone) or 1280 px (a desktop) wide, whose
  requests go to the live server only, and whose console errors, page errors and failed requests are
  recorded: ``page_problems(page)`` lists them, and a test that leaves any fails at teardown.
- ``screenshot(page, name)``: a full-page PNG at ``artifacts/screenshots/<name>-<width>.png``.
- ``axe(page)``: axe-core's violations of WCAG 2.0/2.1 A and AA and WCAG 2.2 AA;
  ``assert_accessible(page)`` fails listing every serious or critical one.

Run them with ``pytest tests/browser`` (or ``-m browser``). Without Chromium, or the playwright or
axe-playwright-python package, they skip, saying what to install; under CI (``CI`` set) they fail instead.
"""

import functools
import importlib
import io
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # The machine has no network: without these Chromium keeps trying to reach Google's services.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {
    375: {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True},
    1280: {"viewport": {"width": 1280, "height": 900}},
}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = ("serious", "critical")


def unavailable(what: str, how: str):
    """Fail under CI, skip locally (as tests/conftest.py does for services)."""
    message = f"{what}. {how}"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@functools.cache
def missing_browser() -> tuple[str, str] | None:
    """What is missing to run the browser tests, and how to install it; None when nothing is."""
    for module, package in (("playwright.sync_api", "playwright"), ("axe_playwright_python", "axe-playwright-python")):
        try:
            importlib.import_module(module)
        except ImportError:
            return (
                f"The Python package {package} is not installed",
                "Install the test dependencies: pip install -e '.[site,test]'.",
            )
    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not shutil.which(executable):
        return (
            f"Chromium is not installed ({executable} not found)",
            "Install Debian's package: apt-get install chromium (or set CHROMIUM to its path); "
            "`playwright install` is not needed.",
        )
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Skip (fail under CI) before any fixture is set up: the test database alone takes seconds."""
    if missing := missing_browser():
        unavailable(*missing)


@pytest.fixture(scope="package")
def browser():
    """One headless Chromium for the browser tests.

    Scoped to this folder, which holds every test that can see it, rather than to the session: while
    Playwright's sync API is started, the main thread has a running asyncio loop, which makes Django
    refuse ORM calls (SynchronousOnlyOperation) and ``asyncio.run()`` fail. So Django is told to allow
    them (the ORM still runs in this one thread, and the live server in its own) for exactly as long as
    Playwright runs, and Playwright stops when the last browser test is done, before the rest of the
    suite goes on.
    """
    from playwright.sync_api import Error, sync_playwright

    executable = shutil.which(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            try:
                chromium = playwright.chromium.launch(
                    executable_path=executable, args=CHROMIUM_ARGS, headless=True, timeout=60_000
                )
            except Error as error:
                pytest.fail(f"Chromium at {executable} did not start under Playwright: {error}", pytrace=False)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def demo_data(django_db_setup, django_db_blocker):
    """The reference dataset and the demo articles with their approved boxes, committed once for all the
    browser tests (with the code ``manage.py demo`` uses), so the live server's thread sees them.

    pytest-django would make every test that uses ``live_server`` transactional, emptying the database
    after each; loading the dataset again costs about 13 s a test (``dataset.load``), so this folder
    replaces ``transactional_db`` (below) and keeps the data for all its tests instead. At the end the
    database is flushed, as after any transactional test. Browser tests only read: one that changes data
    must undo it itself (and must not request ``db``, which would bring back a per-test flush).
    """
    from django.core.management import call_command

    from compliance.facts import dataset
    from compliance.models import State

    with django_db_blocker.unblock():
        if not State.objects.exists():  # an earlier transactional test emptied the database
            dataset.load(dataset.read())
        call_command("load_demo", stdout=io.StringIO())
        yield
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def transactional_db(demo_data):
    """Database access for a test using ``live_server`` (pytest-django's ``_live_server_helper`` asks for
    this fixture by name): here the committed data of ``demo_data``, shared by the browser tests."""


@pytest.fixture
def demo_site(demo_data, live_server):
    """The live server, serving the demo site (``demo_site.url``; pages take paths thanks to base_url)."""
    return live_server


@dataclass
class Watch:
    """What went wrong in a page: console errors, uncaught exceptions, failed or blocked requests."""

    console_errors: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    failed_requests: list = field(default_factory=list)
    blocked_requests: list = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"console error: {m}" for m in self.console_errors]
            + [f"uncaught exception: {e}" for e in self.page_errors]
            + [f"request failed: {r}" for r in self.failed_requests]
            + [f"request outside the live server, blocked: {u}" for u in self.blocked_requests]
        )


@pytest.fixture
def page_at(browser, live_server):
    """``page_at(width, javascript=True)``: a new page (in its own browser context) at 375 or 1280 px."""
    server = urlsplit(live_server.url)
    contexts, watches = [], {}

    def open_page(width: int, *, javascript: bool = True):
        if width not in VIEWPORTS:
            raise ValueError(f"width must be one of {sorted(VIEWPORTS)}")
        context = browser.new_context(
            **VIEWPORTS[width],
            base_url=live_server.url,
            java_script_enabled=javascript,
            locale="en-GB",
            timezone_id="UTC",
            reduced_motion="reduce",
            service_workers="block",
        )
        contexts.append(context)
        watch = Watch()

        def route(route):
            url = urlsplit(route.request.url)
            if url.scheme in ("http", "https") and (url.hostname, url.port) == (server.hostname, server.port):
                route.continue_()
            else:
                watch.blocked_requests.append(route.request.url)
                route.abort("blockedbyclient")

        context.route("**/*", route)
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                message.type == "error"
                and watch.console_errors.append(
                    message.text
                    + (
                        f" ({message.location['url']}:{message.location.get('lineNumber', 0) + 1})"
                        if message.location.get("url")
                        else ""
                    )
                )
            ),
        )
        page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
        page.on(
            "requestfailed",
            lambda request: (
                request.url not in watch.blocked_requests
                # A load cut short by the test moving on (net::ERR_ABORTED) is not a failure of the page.
                and "ERR_ABORTED" not in (request.failure or "")
                and watch.failed_requests.append(f"{request.method} {request.url}: {request.failure}")
            ),
        )
        page.on(
            "response",
            lambda response: (
                response.status >= 400
                and watch.failed_requests.append(f"{response.request.method} {response.url}: HTTP {response.status}")
            ),
        )
        watches[page] = watch
        return page

    open_page.watches = watches
    yield open_page
    left = {page.url: watch.problems() for page, watch in watches.items() if watch.problems()}
    for context in contexts:
        context.close()
    if left:
        pytest.fail(f"The pages had problems: {left}", pytrace=False)


@pytest.fixture
def page_problems(page_at):
    """``page_problems(page)``: the page's console errors, uncaught exceptions and failed or blocked
    requests so far (``assert not (problems := page_problems(page)), problems``)."""

    def problems(page) -> list[str]:
        return page_at.watches[page].problems()

    return problems


@pytest.fixture
def screenshot():
    """``screenshot(page, name)``: save a full-page PNG to artifacts/screenshots/<name>-<width>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}-{page.viewport_size['width']}.png"
        page.screenshot(path=str(path), full_page=True, animations="disabled")
        return path

    return take


@pytest.fixture
def axe():
    """``axe(page)``: inject axe-core into the page, run it on the whole document for the WCAG tags,
    and return the violations (axe's dicts: id, impact, help, helpUrl, nodes with target and summary)."""
    from axe_playwright_python.sync_playwright import Axe

    engine = Axe()

    def run(page) -> list[dict]:
        options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
        return engine.run(page, options=options).response["violations"]

    return run


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} <{v.get('helpUrl', '')}>")
        for node in v["nodes"]:
            lines.append(
                f"    {' '.join(map(str, node['target']))}: {node.get('failureSummary', '').strip()}".replace("\n", " ")
            )
    return "\n".join(lines)


@pytest.fixture
def assert_accessible(axe):
    """``assert_accessible(page)``: run axe and fail listing every serious or critical violation (id, impact,
    help and the failing nodes' targets). Returns all the violations, the minor ones included."""

    def check(page) -> list[dict]:
        violations = axe(page)
        blocking = serious(violations)
        if blocking:
            pytest.fail(
                f"axe-core found {len(blocking)} serious or critical violation(s) on {page.url} "
                f"at {page.viewport_size['width']} px:\n{describe(blocking)}",
                pytrace=False,
            )
        return violations

    return check
