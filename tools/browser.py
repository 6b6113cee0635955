"""Debian's Chromium, launched the same way by the tests, the page-weight bench and Lighthouse."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
# No sandbox (containers and root have none), no GPU, and nothing that phones home.
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def require_chromium() -> None:
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: run `make test`, which installs it"


class WorkersBlocked:
    """A Playwright browser whose new contexts block service workers unless asked to allow
    them (``new_context(service_workers="allow")``): the site's worker would otherwise save
    the whole course in the background of every test and measurement, and answer pages in
    place of the server. Only the offline tests want it."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **options):
        options.setdefault("service_workers", "block")
        return self._browser.new_context(**options)

    def __getattr__(self, name):
        return getattr(self._browser, name)


def launch(playwright) -> WorkersBlocked:
    """A headless Chromium through Playwright (service workers blocked unless a context allows them)."""
    require_chromium()
    return WorkersBlocked(playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True))


def launch_persistent(playwright, profile: Path):
    """A headless Chromium keeping its profile (storage) in ``profile``, as a reader's browser
    does; service workers blocked, as in ``launch``."""
    require_chromium()
    return playwright.chromium.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True, service_workers="block")


def lighthouse_flags() -> str:
    """The same flags, as Lighthouse's ``--chrome-flags`` takes them."""
    return " ".join(["--headless=new", *CHROMIUM_FLAGS])


def block_outside(context, outside: list) -> None:
    """Let a Playwright context's requests to 127.0.0.1 through; record and refuse every other host."""

    def route(route):
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", route)


def bytes_over_network(requests) -> int:
    """Bytes that crossed the network (headers and bodies as sent) for finished Playwright
    requests; a page's request answered by a service worker counts once, as the worker's
    own fetch."""
    total = 0
    for request in requests:
        response = request.response()
        if response is None or response.from_service_worker:
            continue
        sizes = request.sizes()
        total += sizes["responseHeadersSize"] + sizes["responseBodySize"]
    return total
