"""The browser layer: Debian's Chromium through Playwright (tools.browser), the built sites
served on 127.0.0.1 (tools.site_server), outside hosts blocked."""

from __future__ import annotations

import pytest

from tools.browser import block_outside, launch
from tools.pages import quiz_pages
from tools.site_server import SiteServer
from tests.support import PILOT_QUIZ


@pytest.fixture(scope="session")
def site_url(built_site):
    with SiteServer(built_site) as base:
        yield base


@pytest.fixture(scope="module")
def pilot_page(built_site):
    return quiz_pages(built_site)[PILOT_QUIZ]


@pytest.fixture(scope="session")
def playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright):
    browser = launch(playwright)
    yield browser
    browser.close()


@pytest.fixture
def visit(browser, site_url):
    """Open pages of the site in one fresh context; outside requests are refused and
    listed in ``visit.outside``, script errors in ``visit.errors``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    errors: list[str] = []
    block_outside(context, outside)

    def open_page(path: str):
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(site_url + path, wait_until="networkidle")
        return page

    open_page.outside = outside
    open_page.errors = errors
    open_page.context = context
    yield open_page
    context.close()
