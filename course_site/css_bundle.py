"""One stylesheet per page instead of six.

Each stylesheet a page links costs a phone a connection and round trips before it can draw
anything; joined, the same rules arrive in one response. A page's stylesheets are joined
in their order into ``_static/bundle-<hash>.css`` (the hash of the content, so a changed
bundle is never served stale from a cache). The link keeps the list of its parts in
``data-parts``, so a later build, or a test, can tell what the bundle holds.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import posixpath
import re
from pathlib import Path
from typing import Callable

_STYLESHEET = re.compile(r'[ \t]*<link\b(?=[^>]*\brel="stylesheet")[^>]*>[ \t]*\n?', re.IGNORECASE)
_HREF = re.compile(r'\bhref="([^"]+)"')
_PARTS = re.compile(r'\bdata-parts="([^"]*)"')
_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_CHARSET = re.compile(r'@charset\s+"[^"]*";', re.IGNORECASE)
_IMPORT = re.compile(r"@import\b", re.IGNORECASE)


class BundleError(ValueError):
    pass


def _is_local(href: str) -> bool:
    return not re.match(r"^(?:[a-z][a-z0-9+.-]*:|//|/)", href, re.IGNORECASE)


def _parts_of(tag: str, page: Path, static: Path) -> list[str] | None:
    """The files (relative to ``_static``) a stylesheet link brings, or None to leave it be."""
    listed = _PARTS.search(tag)
    if listed:
        return html_lib.unescape(listed.group(1)).split()
    href = _HREF.search(tag)
    if not href or " media=" in tag or not _is_local(href.group(1)):
        return None
    target = (page.parent / href.group(1).split("?", 1)[0]).resolve()
    try:
        return [target.relative_to(static.resolve()).as_posix()]
    except ValueError:
        return None  # not under _static


def _rebase_urls(css: str, part: str) -> str:
    """``url()`` paths in ``part`` made relative to ``_static``, where the bundle lives."""

    def rebase(match: re.Match) -> str:
        url = match.group(2).strip()
        if not _is_local(url) or url.startswith(("#", "data:")):
            return match.group(0)
        return f'url("{posixpath.normpath(posixpath.join(posixpath.dirname(part), url))}")'

    return _URL.sub(rebase, css)


def bundle_text(parts: list[str], read: Callable[[str], str]) -> str:
    pieces = [f"/* {' + '.join(parts)} */"]
    for part in parts:
        css = read(part)
        if _IMPORT.search(css):
            raise BundleError(f"{part} imports another stylesheet, which a bundle cannot keep in order")
        pieces.append(_rebase_urls(_CHARSET.sub("", css), part).strip())  # @charset is only valid first
    return "\n".join(pieces) + "\n"


def bundle_site(static: Path, pages: dict[Path, str], read: Callable[[str], str]) -> dict[Path, str]:
    """Each page with its stylesheets replaced by one bundle; writes the bundles and
    removes bundles no page uses any more. ``read`` gives the text of a stylesheet named
    relative to ``_static``. Returns the pages that changed."""
    bundles: dict[tuple[str, ...], str] = {}
    changed = {}
    for page, html in pages.items():
        tags = [(m, _parts_of(m.group(0), page, static)) for m in _STYLESHEET.finditer(html)]
        tags = [(m, parts) for m, parts in tags if parts is not None]
        if not tags:
            continue
        parts = tuple(p for _, group in tags for p in group)
        if parts not in bundles:
            text = bundle_text(list(parts), read)
            name = f"bundle-{hashlib.sha256(text.encode()).hexdigest()[:12]}.css"
            (static / name).write_text(text, encoding="utf-8")
            bundles[parts] = name
        href = posixpath.relpath((static / bundles[parts]).as_posix(), page.parent.as_posix())
        link = f'<link rel="stylesheet" href="{href}" data-parts="{html_lib.escape(" ".join(parts))}" />\n'
        first, rest = tags[0][0], [m for m, _ in tags[1:]]
        new = html[: first.start()] + link
        position = first.end()
        for match in rest:
            new += html[position: match.start()]
            position = match.end()
        new += html[position:]
        if new != html:
            changed[page] = new
    in_use = set(bundles.values())
    for old in static.glob("bundle-*.css"):
        if old.name not in in_use:
            old.unlink()
    return changed
