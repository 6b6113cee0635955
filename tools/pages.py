"""The pages of a built site, as paths relative to its root."""

from __future__ import annotations

import re
from pathlib import Path

QUIZ_SECTION = re.compile(r'<section class="sc-quiz" data-quiz-id="([^"]+)"')
CALL_SECTION = re.compile(r'<section class="sc-call" data-call-id="([^"]+)"')


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
