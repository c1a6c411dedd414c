"""Shared helpers for tests that drive the built site in a real browser.

* `serve(directory, mount="/")`: the site over ``http://127.0.0.1:<free port><mount>`` (a
  ThreadingHTTPServer on port 0 in a daemon thread), as a reader's browser gets it.
* `chromium()`: Debian's ``/usr/bin/chromium`` driven by Playwright's Python package with
  ``executable_path`` (``playwright install`` is never used: it downloads a browser). Tests take
  the session-wide ``browser`` fixture (tests/conftest.py), launched once with it; bench/ uses it
  directly.
* `watch(context)` / `PageWatch`: records console errors, uncaught exceptions, failed requests and
  every request that would leave 127.0.0.1 (those are aborted: a page that needs the network fails).
* `require(...)`: fails the test with one message naming every missing prerequisite and how to
  install it (chromium, node, java, the npm packages). It never skips: a skipped browser test would
  hide the very thing it checks (and with ``CI=true`` tests/conftest.py turns skips into failures).

    from browser import serve, watch

    def test_page(browser, site):  # browser: the session's Chromium (tests/conftest.py)
        with serve(site) as url:
            context = browser.new_context()
            events = watch(context)
            page = context.new_page()
            page.goto(f"{url}index.html")
            assert events.problems() == []
"""

from __future__ import annotations

import functools
import posixpath
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "node_modules"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LOCAL_HOST = "127.0.0.1"

AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

#: What each prerequisite is, how to check it, and how to install it (README "테스트 준비물").
_HOW_TO_INSTALL = {
    "chromium": "Debian's browser at /usr/bin/chromium: `apt-get install -y chromium` "
    "(never `playwright install`)",
    "playwright": "the Playwright Python package: `pip install -r requirements/tests.txt`",
    "node": "Node.js 18+ with npm: `apt-get install -y nodejs npm`",
    "java": "a Java 11+ runtime for the Nu Html Checker: `apt-get install -y default-jre-headless`",
    "axe-core": f"the npm package axe-core ({AXE_JS.relative_to(ROOT)}): `npm ci` in {ROOT}",
    "vnu-jar": f"the npm package vnu-jar ({VNU_JAR.relative_to(ROOT)}): `npm ci` in {ROOT}",
}


def _present(name: str) -> bool:
    if name == "chromium":
        return CHROMIUM.is_file()
    if name == "playwright":
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            return False
        return True
    if name in ("node", "java"):
        exe = shutil.which(name)
        if exe is None:
            return False
        flag = "--version" if name == "node" else "-version"
        return subprocess.run([exe, flag], capture_output=True, check=False).returncode == 0
    if name == "axe-core":
        return AXE_JS.is_file()
    if name == "vnu-jar":
        return VNU_JAR.is_file()
    raise ValueError(f"unknown prerequisite {name!r}; known: {sorted(_HOW_TO_INSTALL)}")


def missing(*names: str) -> list[str]:
    """The prerequisites among `names` that this machine lacks."""
    return [name for name in names if not _present(name)]


def require(*names: str) -> None:
    """Fail (never skip) with a message naming each missing prerequisite and how to install it."""
    absent = missing(*names)
    if {"axe-core", "vnu-jar"} & set(absent):  # installed by `npm ci`, which needs node and npm
        absent += [name for name in missing("node") if name not in absent]
    if absent:
        lines = [f"  - {name}: {_HOW_TO_INSTALL[name]}" for name in absent]
        pytest.fail(
            "browser tests need system prerequisites that are missing here:\n"
            + "\n".join(lines)
            + "\n(.ci/run installs them; see README.md)",
            pytrace=False,
        )


# -- The site over HTTP ------------------------------------------------------------------------------
class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves `directory` under the URL path `mount` (e.g. /actfn/ as on GitHub Pages); quiet."""

    mount = "/"

    def translate_path(self, path: str) -> str:
        parts = urlsplit(path)
        local = unquote(parts.path)
        if not local.startswith(self.mount):
            return str(Path(self.directory) / "__outside_the_mount__" / "nothing")  # a 404
        rest = posixpath.normpath("/" + local[len(self.mount) :])
        target = Path(self.directory, *[p for p in rest.split("/") if p not in ("", ".", "..")])
        if local.endswith("/"):
            return str(target) + "/"
        return str(target)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A page closed while a file was still streaming (BrokenPipe, reset): not a site problem.
        # Real failures reach the browser as HTTP errors or failed requests.
        pass


@contextmanager
def serve(directory: Path, mount: str = "/") -> Iterator[str]:
    """Serve `directory` at ``http://127.0.0.1:<port><mount>``; yields that URL (ends with /)."""
    mount = "/" + mount.strip("/") + "/" if mount.strip("/") else "/"
    handler = type("Handler", (_SiteHandler,), {"mount": mount})
    server = _Server((LOCAL_HOST, 0), functools.partial(handler, directory=str(directory)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_port}{mount}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# -- The browser ---------------------------------------------------------------------------------------
@contextmanager
def chromium() -> Iterator[Any]:
    """Headless Debian Chromium through Playwright (yields a playwright Browser)."""
    require("playwright", "chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageWatch:
    """What went wrong while pages of one browser context loaded and ran."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return [
            *(f"console error: {m}" for m in self.console_errors),
            *(f"uncaught exception: {m}" for m in self.page_errors),
            *(f"failed request: {m}" for m in self.failed_requests),
            *(f"request leaving {LOCAL_HOST} (blocked): {m}" for m in self.external_requests),
        ]

    def clear(self) -> None:
        for records in (
            self.console_errors,
            self.page_errors,
            self.failed_requests,
            self.external_requests,
        ):
            records.clear()


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname == LOCAL_HOST


def watch(context: Any) -> PageWatch:
    """Record problems on every page of a Playwright BrowserContext; abort non-local requests."""
    events = PageWatch()
    blocked: set[str] = set()

    def route(route: Any) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            blocked.add(url)
            events.external_requests.append(url)
            route.abort("blockedbyclient")

    def on_console(message: Any) -> None:
        if message.type == "error":
            location = message.location or {}
            where = location.get("url", "")
            events.console_errors.append(f"{message.text} ({where})" if where else message.text)

    def on_request_failed(request: Any) -> None:
        if request.url not in blocked:
            events.failed_requests.append(f"{request.url} ({request.failure})")

    def on_response(response: Any) -> None:
        if response.status >= 400:
            events.failed_requests.append(f"{response.url} (HTTP {response.status})")

    def on_page(page: Any) -> None:
        page.on("console", on_console)
        page.on("pageerror", lambda error: events.page_errors.append(str(error)))
        page.on("requestfailed", on_request_failed)
        page.on("response", on_response)

    context.route("**/*", route)
    context.on("page", on_page)
    return events


def axe_source() -> str:
    """axe-core's browser bundle, to inject into a page (never fetched from a CDN)."""
    require("axe-core")
    return AXE_JS.read_text(encoding="utf-8")
