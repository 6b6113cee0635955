"""Quiz text is Markdown with raw HTML switched off: YAML can never inject markup.

Links keep markdown-it's own refusal of ``javascript:``, ``vbscript:``, ``file:`` and
``data:`` addresses. Images come from the site only: an image from another host (or a
``data:`` address) is written as its description alone, so no quiz page or answer key
ever asks an outside host for anything; the validator refuses such images outright.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt


def is_site_address(src: str) -> bool:
    """True for an address on the site itself (relative, or from the site's root)."""
    src = src.strip().replace("\\", "/")
    if src.startswith("//"):
        return False
    parts = urlsplit(src)
    return not parts.scheme and not parts.netloc


def web_address(url: str) -> str:
    """``url`` when it is an http or https address, else "" (never a live link)."""
    url = (url or "").strip()
    parts = urlsplit(url)
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


def _image(self, tokens, idx, options, env):
    token = tokens[idx]
    if is_site_address(token.attrGet("src") or ""):
        return self.image(tokens, idx, options, env)
    return html.escape(self.renderInlineAsText(token.children or [], options, env))


@lru_cache(maxsize=1)
def _md() -> MarkdownIt:
    # "commonmark" with html off: <script> and <img onerror> come out as escaped text.
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.add_render_rule("image", _image)
    return md


def block(text: str) -> str:
    """Markdown paragraphs, lists, emphasis -> HTML."""
    return _md().render(text or "").strip()


def inline(text: str) -> str:
    """One line of Markdown (emphasis, code, links) -> HTML without a wrapping <p>."""
    return _md().renderInline(text or "").strip()


def outside_images(text: str) -> list[str]:
    """The addresses of images in ``text`` that are not on the site itself."""
    found = []
    stack = list(_md().parse(text or ""))
    while stack:
        token = stack.pop(0)
        if token.type == "image" and not is_site_address(token.attrGet("src") or ""):
            found.append(token.attrGet("src"))
        stack[:0] = token.children or []
    return found


_TAG = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """Markdown -> plain text, for places that show no markup (widget labels)."""
    return html.unescape(_TAG.sub("", inline(text)))
