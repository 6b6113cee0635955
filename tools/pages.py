"""The pages of a built site, as paths relative to its root."""

from __future__ import annotations

import re
from pathlib import Path

QUIZ_SECTION = re.compile(r'<section class="sc-quiz" data-quiz-id="([^"]+)"')
CALL_SECTION = re.compile(r'<section class="sc-call" data-call-id="([^"]+)"')
# A quiz's link to the live site (views/templates/quiz.html) and the download it states.
LIVE_LINK = re.compile(r'<p class="sc-live"[^>]*>.*?<a href="([^"]+)">Try it live in Python</a>', re.S)
LIVE_COST = re.compile(r"about (\d+(?:\.\d+)?) MB")


# Files for download (selfcheck/sphinx_ext/downloads.py), not pages of the course.
DOWNLOADS = "downloads"
# The live site (tools/lite.py), another site in the same folder.
LIVE_SITE = "lite"


def site_pages(html_root: Path) -> list[str]:
    """Every page of a built site (not the theme's or Sphinx's own files under _ or . folders,
    nor the answer keys among the downloads, nor the live site's)."""
    return sorted(
        p.relative_to(html_root).as_posix()
        for p in html_root.rglob("*.html")
        if not p.relative_to(html_root).parts[0].startswith(("_", "."))
        and p.relative_to(html_root).parts[0] not in (DOWNLOADS, LIVE_SITE)
    )


def quiz_pages(html_root: Path) -> dict[str, str]:
    """quiz id -> the page that shows it."""
    found = {}
    for page in site_pages(html_root):
        for quiz_id in QUIZ_SECTION.findall((html_root / page).read_text(encoding="utf-8")):
            found[quiz_id] = page
    return found


def chapter_pages(html_root: Path) -> list[str]:
    """Every page that carries a quiz (the chapters and the final check)."""
    return [page for page in site_pages(html_root)
            if 'class="sc-quiz"' in (html_root / page).read_text(encoding="utf-8")]


def call_pages(html_root: Path) -> dict[str, str]:
    """telephone triage call id -> the page that shows it."""
    found = {}
    for page in site_pages(html_root):
        for call_id in CALL_SECTION.findall((html_root / page).read_text(encoding="utf-8")):
            found[call_id] = page
    return found


def live_links(page_text: str) -> list[str]:
    """The page's links to the live site, as written (HTML-escaped)."""
    return LIVE_LINK.findall(page_text)


def stated_live_megabytes(text: str) -> float | None:
    """The download the live link's paragraph states ("about 30 MB"), or None."""
    found = LIVE_COST.search(text)
    return float(found.group(1)) if found else None
