"""Browser tests: Debian's headless Chromium through Playwright, against ``live_server``.

What a test module here gets:

- ``page``: a fresh German browser tab per test, with the portal's Content-Security-Policy in
  force. After the test it fails on any CSP violation or JavaScript error, on any request the
  live server could not answer (an unknown template variable ends a request so), and on any
  page the test visited without running ``axe_check`` on it.
- ``axe_check(page)``: runs axe-core's WCAG 2.1 A and AA rules on the page as it is now and
  fails on violations of impact "serious" or "critical" (lesser ones become warnings).
- ``log_in(page, user)``: logs in through allauth's form, as a person does.
- ``enter_as(page, user)``: logs in by setting a session cookie: fast, for tests about
  something else than the login.

Mark each module with ``pytestmark = BROWSER`` (the ``browser`` marker plus the transactional
database that ``live_server`` needs). Without /usr/bin/chromium every browser test is skipped;
``make test`` installs Debian's ``chromium`` package through scripts/system-deps.sh.
"""

import re
import warnings
from pathlib import Path

import pytest
from django.conf import settings
from django.core.servers.basehttp import ServerHandler
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SCRIPT = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
# axe is served under the page's own origin, so the CSP (script-src 'self') stays untouched.
AXE_PATH = "/__tests__/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
TIMEOUT_MS = 10_000

BROWSER = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def label(text: str) -> re.Pattern:
    """A field's label as ``get_by_label`` should match it: whole, with or without the colon."""
    return re.compile(rf"^{re.escape(text)}:?$")


def main_navigation(page):
    """The main navigation, unfolded first where it is folded into "Menü" (a phone)."""
    menu = page.locator("details.site-menu")
    if page.get_by_role("navigation", name="Hauptnavigation").is_hidden():
        menu.locator("summary").click()
    return page.get_by_role("navigation", name="Hauptnavigation")


def account_menu(page):
    """The header's account menu ("Konto"), opened."""
    menu = page.get_by_role("navigation", name="Konto")
    if menu.get_by_role("list").is_hidden():
        menu.get_by_text("Konto", exact=True).click()
    return menu


FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        item.stash[FAILED] = True
    return report


@pytest.fixture(scope="module")
def browser(django_db_setup):
    # The test database exists before Playwright starts: creating it while Playwright's loop
    # runs would count as a call from async code.
    if not CHROMIUM.exists():
        pytest.skip(
            f"Chromium is not installed at {CHROMIUM}; `make test` installs Debian's chromium "
            "package (scripts/system-deps.sh)"
        )
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `npm ci` (make test does)")
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        # Playwright's sync API keeps an asyncio loop running in this thread, so Django takes
        # the tests' own ORM calls for calls from async code. Module scope keeps that loop (and
        # this switch) away from the tests of other modules.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _page_of(url: str) -> str:
    return url.split("#", 1)[0]  # a jump to an anchor is the same page


class PageLog:
    """What happened in a tab: pages visited, pages checked by axe, and problems."""

    def __init__(self):
        self.visited: list[str] = []
        self.checked: set[str] = set()
        self.problems: list[str] = []

    def on_console(self, message) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.problems.append(f"CSP violation: {message.text}")

    def on_navigation(self, frame) -> None:
        if frame.parent_frame is None and _page_of(frame.url) not in self.visited:
            self.visited.append(_page_of(frame.url))

    def on_server_crash(self, environ: dict, error: BaseException) -> None:
        request = f"{environ.get('REQUEST_METHOD')} {environ.get('PATH_INFO')}"
        self.problems.append(f"Live server crashed on {request}: {type(error).__name__}: {error}")


@pytest.fixture
def page(request, browser, live_server, monkeypatch):
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", timezone_id="Europe/Berlin"
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.route(
        f"{live_server.url}{AXE_PATH}",
        lambda route: route.fulfill(path=AXE_SCRIPT, content_type="text/javascript"),
    )
    page = context.new_page()
    log = PageLog()
    page.on("console", log.on_console)
    page.on("pageerror", lambda error: log.problems.append(f"JavaScript error: {error}"))
    page.on("framenavigated", log.on_navigation)
    page.visits = log
    # Django answers an exception of a view with a logged 500 (fail_on_logged_errors catches
    # it), but not what pytest raises: an unknown template variable (--fail-on-template-vars)
    # ends the request in the server's thread, out of this test's reach, with a bare 500 and a
    # traceback on stderr. The server's handler reports it here, so the test fails on it.
    log_exception = ServerHandler.log_exception

    def report_crash(handler, exc_info):
        log.on_server_crash(handler.environ, exc_info[1])
        log_exception(handler, exc_info)

    monkeypatch.setattr(ServerHandler, "log_exception", report_crash)
    yield page
    context.close()
    if request.node.stash.get(FAILED, False):
        return  # the test's own failure says more than the follow-ups below
    unchecked = [url for url in log.visited if url not in log.checked]
    assert not log.problems, "\n".join(log.problems)
    assert not unchecked, f"Pages visited without axe_check: {unchecked}"


def _describe(violation: dict) -> str:
    targets = "; ".join(
        f"{' '.join(node['target'])} ({node['html'][:120]})" for node in violation["nodes"]
    )
    return f"[{violation['impact']}] {violation['id']}: {violation['help']} — {targets}"


@pytest.fixture
def axe_check():
    def check(page) -> list[dict]:
        """Run axe on ``page`` as it is now; returns all violations found (for assertions)."""
        # After a click that navigates, the new document may not have its head yet.
        page.wait_for_load_state("domcontentloaded")
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.add_script_tag(url=AXE_PATH)
        result = page.evaluate(
            """tags => axe.run(document, {
                runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]
            })""",
            AXE_TAGS,
        )
        violations = result["violations"]
        page.visits.checked.add(_page_of(page.url))
        blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
        for violation in violations:
            if violation not in blocking:
                warnings.warn(f"axe on {page.url}: {_describe(violation)}", stacklevel=2)
        assert not blocking, f"axe on {page.url}:\n" + "\n".join(map(_describe, blocking))
        return violations

    return check


@pytest.fixture
def log_in(axe_check):
    def log_in(page, user, password: str = PASSWORD) -> None:
        """Log ``user`` in through allauth's form, checking the form with axe on the way."""
        login = reverse("account_login")
        page.goto(login)
        axe_check(page)
        page.locator("#id_login").fill(user.email)
        page.locator("#id_password").fill(password)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(lambda url: login not in url)  # times out when the login failed

    return log_in


@pytest.fixture
def enter_as(live_server):
    def enter_as(page, user) -> None:
        """Give ``page`` a logged-in session of ``user`` without going through the form."""
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )

    return enter_as
