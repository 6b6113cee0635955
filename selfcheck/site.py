"""Course-wide adjustments to what the theme ships (Sphinx extension ``selfcheck.site``).

Jupyter Book loads machinery a reading course never uses (code-copy buttons, thebe,
sphinx-design, a 1.5 MB icon script whose icons the theme's stylesheet already draws
with a web font). Some of it is registered with Sphinx, some written straight into the
theme's templates, so the written pages are trimmed once the build has finished. Which
files to drop is data, in ``_config.yml``:

- ``site_drop_assets``: script and stylesheet file names removed from every page;
- ``site_search_only_assets``: kept only on the search page;
- ``site_drop_inline_scripts``: inline scripts removed when their body contains one of these.

It also mends two things axe reports as serious or critical: the bibliography gets plain
containers (docutils marks it ``role="list"`` with ``role="doc-biblioentry"`` children), and
the navigation's expand/collapse toggles, an icon alone, get an accessible name.
"""

from __future__ import annotations

import re
from pathlib import Path

_SCRIPT = re.compile(r"[ \t]*<script\b[^>]*>.*?</script>[ \t]*\n?", re.DOTALL | re.IGNORECASE)
_LINK = re.compile(r"[ \t]*<link\b[^>]*>[ \t]*\n?", re.IGNORECASE)
_URL = re.compile(r'\b(?:src|href)="([^"]+)"', re.IGNORECASE)


def _file_name(tag: str) -> str:
    match = _URL.search(tag)
    if not match:
        return ""
    return match.group(1).split("?", 1)[0].rsplit("/", 1)[-1]


def trim_page(html: str, is_search_page: bool, config) -> str:
    """The page without the dropped scripts, stylesheets and preloads."""
    drop = set(config.site_drop_assets)
    if not is_search_page:
        drop |= set(config.site_search_only_assets)

    def script(match: re.Match) -> str:
        tag = match.group(0)
        if _file_name(tag) in drop:
            return ""
        opening, _, rest = tag.partition(">")
        if "src=" not in opening and any(token in rest for token in config.site_drop_inline_scripts):
            return ""
        return tag

    def link(match: re.Match) -> str:
        tag = match.group(0)
        is_asset = re.search(r'rel="(stylesheet|preload)"', tag)
        return "" if is_asset and _file_name(tag) in drop else tag

    html = _SCRIPT.sub(script, html)
    html = _LINK.sub(link, html)
    return (
        html.replace('<div role="list" class="citation-list">', '<div class="citation-list">')
        .replace(' role="doc-biblioentry"', "")
        .replace('<summary><span class="toctree-toggle"', '<summary aria-label="Show or hide the pages in this section"><span class="toctree-toggle"')
    )


def _trim_site(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        trimmed = trim_page(text, page.relative_to(out).as_posix() == "search.html", app.config)
        if trimmed != text:
            page.write_text(trimmed, encoding="utf-8")


def setup(app):
    app.add_config_value("site_drop_assets", [], "html", [list])
    app.add_config_value("site_search_only_assets", [], "html", [list])
    app.add_config_value("site_drop_inline_scripts", [], "html", [list])
    app.connect("build-finished", _trim_site)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True}
