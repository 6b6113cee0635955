"""Quiz text is Markdown with raw HTML switched off: YAML can never inject markup."""

from __future__ import annotations

import html
import re
from functools import lru_cache

from markdown_it import MarkdownIt


@lru_cache(maxsize=1)
def _md() -> MarkdownIt:
    # "commonmark" with html off: <script> and <img onerror> come out as escaped text.
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def block(text: str) -> str:
    """Markdown paragraphs, lists, emphasis -> HTML."""
    return _md().render(text or "").strip()


def inline(text: str) -> str:
    """One line of Markdown (emphasis, code, links) -> HTML without a wrapping <p>."""
    return _md().renderInline(text or "").strip()


_TAG = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """Markdown -> plain text, for places that show no markup (widget labels)."""
    return html.unescape(_TAG.sub("", inline(text)))
