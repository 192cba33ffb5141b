"""Headless Chromium for the report tests: Debian's `chromium` driven by the playwright package.

`open_page(url)` yields the loaded page and a log of console errors, page (JS) errors and every
request that left `file://`. Tests skip with a message when no Chromium is installed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import ConsoleMessage, Page

CHROMIUM_CANDIDATES = ("/usr/bin/chromium",)
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
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")


def chromium_path() -> str:
    """Debian's chromium ($PILKADA_CHROMIUM overrides), or skip the test saying how to get it."""
    candidates = [os.environ.get("PILKADA_CHROMIUM", ""), *CHROMIUM_CANDIDATES]
    candidates.append(shutil.which("chromium") or "")
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    pytest.skip(
        "no headless browser: Debian's chromium is not installed at /usr/bin/chromium"
        " (`apt-get install chromium`; .ci/run installs it)"
    )


@dataclass
class PageLog:
    """What went wrong while a page loaded."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    remote_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        """Keep console errors, with the URL they came from."""
        if message.type == "error":
            where = (message.location or {}).get("url") or ""
            self.console_errors.append(f"{message.text} [{where}]" if where else message.text)

    @property
    def problems(self) -> list[str]:
        """Every console error, page error and failed request, one line each."""
        return (
            [f"console: {m}" for m in self.console_errors]
            + [f"page error: {m}" for m in self.page_errors]
            + [f"request failed: {m}" for m in self.failed_requests]
        )

    @property
    def local_problems(self) -> list[str]:
        """Problems other than the blocked remote requests themselves (their JS fallout stays)."""
        blocked = tuple(self.remote_requests)
        return [
            p
            for p in self.problems
            if not (
                p.startswith(("console: Failed to load resource", "request failed: "))
                and any(url in p for url in blocked)
            )
        ]


@contextmanager
def open_page(
    url: str, *, block_remote: bool = True, viewport: tuple[int, int] = (1280, 900)
) -> Iterator[tuple[Page, PageLog]]:
    """Load `url` in headless Chromium and yield the page with its error log.

    With `block_remote`, requests outside file:/data: are aborted (and recorded), so a page that
    needs the network shows it in `log.remote_requests` and `log.failed_requests`.
    """
    executable = chromium_path()
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package")
    log = PageLog()
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
            page.on("console", log.on_console)
            page.on("pageerror", lambda exc: log.page_errors.append(str(exc)))
            page.on(
                "requestfailed",
                lambda req: log.failed_requests.append(f"{req.url} ({req.failure})"),
            )
            if block_remote:

                def _route(route) -> None:
                    if route.request.url.startswith(LOCAL_SCHEMES):
                        route.continue_()
                    else:
                        log.remote_requests.append(route.request.url)
                        route.abort()

                page.route("**/*", _route)
            page.goto(url, wait_until="load")
            yield page, log
        finally:
            browser.close()
