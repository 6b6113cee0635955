"""Course-wide adjustments to what the theme ships (part of the ``course_site`` extension).

Jupyter Book loads machinery a reading course never uses (code-copy buttons, thebe,
sphinx-design, a 1.5 MB icon script whose icons the theme's stylesheet already draws
with a web font). Some of it is registered with Sphinx, some written straight into the
theme's templates, so the written pages are trimmed once the build has finished. Which
files to drop is data, in ``_config.yml``:

- ``course_site_drop_assets``: script and stylesheet file names removed from every page;
- ``course_site_search_only_assets``: kept only on the search page;
- ``course_site_drop_inline_scripts``: inline scripts removed when their body contains one of these;
- ``course_site_inline_scripts``: small scripts written into the page instead of fetched (a fetch
  costs a phone a round trip before it can draw anything);
- ``course_site_after_paint_scripts``: scripts fetched as usual but run only once the page has
  first been drawn, in their order (menus, search box, dark-mode switch, tooltips), so
  that their start-up work does not hold up the text; everywhere but the search page,
  whose own scripts need them first;
- ``course_site_prune_stylesheets``: stylesheets (globs under ``_static``) cut to the rules that can
  match the site (``course_site.css_prune``);
- ``course_site_subset_fonts``: icon fonts (globs under ``_static``) cut to the glyphs the
  stylesheets draw (``course_site.font_subset``).

The theme's ``theme.css`` only imports ``basic.css``; pages link ``basic.css`` directly, so
the phone need not fetch one stylesheet to discover the next. Then each page's stylesheets
are joined into one (``course_site.css_bundle``).

The reference list, the citations' hover text (``course_site.citations``), the navigation's
toggles (``course_site.theme_patches``) and the phone's navigation drawers (the theme's
header, overridden in ``templates/``) are written right in the first place.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from sphinx.errors import ExtensionError

from .css_bundle import BundleError, bundle_site
from .css_prune import DynamicNames, SiteElements, drop_unused_properties, icon_codepoints, prune_stylesheet
from .font_subset import subset_font

_SCRIPT = re.compile(r"[ \t]*<script\b[^>]*>.*?</script>[ \t]*\n?", re.DOTALL | re.IGNORECASE)
_LINK = re.compile(r"[ \t]*<link\b[^>]*>[ \t]*\n?", re.IGNORECASE)
_URL = re.compile(r'\b(?:src|href)="([^"]+)"', re.IGNORECASE)


def _file_name(tag: str) -> str:
    match = _URL.search(tag)
    if not match:
        return ""
    return match.group(1).split("?", 1)[0].rsplit("/", 1)[-1]


_AFTER_PAINT_MARK = "<!-- course_site: scripts after first paint -->"


def _after_paint_loader(urls: list[str]) -> str:
    """An inline script that, once the page is parsed and drawn, adds ``urls`` as scripts
    that run in order (``async = false``), as deferred scripts would."""
    return (
        "<script>document.addEventListener(\"DOMContentLoaded\",function(){"
        "requestAnimationFrame(function(){setTimeout(function(){"
        f"{json.dumps(urls)}.forEach(function(u){{var s=document.createElement(\"script\");"
        "s.src=u;s.async=false;document.head.appendChild(s)})},0)})})</script>\n"
    )


def trim_page(html: str, is_search_page: bool, config, inline: dict[str, str] | None = None) -> str:
    """The page without the dropped scripts, stylesheets and preloads; ``inline`` maps a
    script's file name to the text written into the page in its place."""
    drop = set(config.course_site_drop_assets)
    if not is_search_page:
        drop |= set(config.course_site_search_only_assets)
    after_paint = set() if is_search_page else set(config.course_site_after_paint_scripts)
    inline = inline or {}
    late: list[str] = []

    def script(match: re.Match) -> str:
        tag = match.group(0)
        name = _file_name(tag)
        if name in drop:
            return ""
        if name in inline:
            return f"<script>{inline[name].strip()}</script>\n"
        if name in after_paint:
            late.append(_URL.search(tag).group(1))
            return _AFTER_PAINT_MARK if len(late) == 1 else ""
        opening, _, rest = tag.partition(">")
        if "src=" not in opening and any(token in rest for token in config.course_site_drop_inline_scripts):
            return ""
        return tag

    def link(match: re.Match) -> str:
        tag = match.group(0)
        is_asset = re.search(r'rel="(stylesheet|preload)"', tag)
        return "" if is_asset and _file_name(tag) in drop else tag

    html = _SCRIPT.sub(script, html)
    html = html.replace(_AFTER_PAINT_MARK, _after_paint_loader(late))
    html = _LINK.sub(link, html)
    html = re.sub(r'href="([^"]*)styles/theme\.css(\?[^"]*)?"', r'href="\1basic.css"', html)
    return html


def _static_files(static: Path, patterns: list[str]) -> list[Path]:
    return sorted({path for pattern in patterns for path in static.glob(pattern) if path.is_file()})


def _trim_site(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    static = out / "_static"
    sources = _static_sources(app)
    inline = {path.name: _current_text(path, static, sources) for path in _static_files(static, app.config.course_site_inline_scripts)}
    pages = {}
    for page in out.rglob("*.html"):
        if page.relative_to(out).parts[0].startswith("_"):
            continue  # _static holds theme templates, not pages
        text = page.read_text(encoding="utf-8")
        trimmed = trim_page(text, page.relative_to(out).as_posix() == "search.html", app.config, inline)
        if trimmed != text:
            page.write_text(trimmed, encoding="utf-8")
        pages[page] = trimmed
    pruned = _prune_assets(static, pages.values(), app.config, sources)
    try:
        bundled = bundle_site(static, pages, lambda part: _current_text(static / part, static, sources, pruned))
    except BundleError as error:
        raise ExtensionError(str(error)) from None
    for page, text in bundled.items():
        page.write_text(text, encoding="utf-8")


def _static_sources(app) -> list[Path]:
    """Where the files in ``_static`` come from, the one that wins first. A build that
    rewrites no page does not copy them again, so cutting down starts from these."""
    own = [Path(app.confdir, entry) for entry in app.config.html_static_path]
    theme = [Path(folder, "static") for folder in app.builder.theme.get_theme_dirs()] if app.builder.theme else []
    return own + theme


def _original(path: Path, static: Path, sources: list[Path]) -> Path:
    relative = path.relative_to(static)
    return next((source / relative for source in sources if (source / relative).is_file()), path)


def _current_text(path: Path, static: Path, sources: list[Path], written: set[Path] = frozenset()) -> str:
    """What a file in ``_static`` holds as of this build: written by this build, or its source."""
    return (path if path in written else _original(path, static, sources)).read_text(encoding="utf-8")


def _prune_assets(static: Path, pages, config, sources: list[Path]) -> set[Path]:
    """Cut the configured stylesheets to what the pages can use, then the icon fonts to the
    glyphs the remaining rules draw; returns the stylesheets cut. The scripts the pages may
    run are read first: what they add to a page at run time must keep its style."""
    dropped = set(config.course_site_drop_assets)
    scripts = [_current_text(p, static, sources) for p in static.rglob("*.js") if p.name not in dropped]
    scripts += [m for page in pages for m in re.findall(r"<script\b[^>]*>(.*?)</script>", page, re.DOTALL)]
    elements = SiteElements()
    for page in pages:
        elements.add_page(page)
    dynamic = DynamicNames(scripts)
    sheets = _static_files(static, config.course_site_prune_stylesheets)
    pruned = {}
    for sheet in sheets:
        try:
            pruned[sheet] = prune_stylesheet(_current_text(sheet, static, sources), elements, dynamic)
        except ValueError as error:
            raise ExtensionError(f"{sheet.relative_to(static)}: {error}") from None
    others = [_current_text(p, static, sources) for p in static.rglob("*.css")
              if p not in pruned and not p.name.startswith("bundle-") and p.name not in dropped]
    pruned = drop_unused_properties(pruned, others + scripts + list(pages))
    for sheet, css in pruned.items():
        sheet.write_text(css, encoding="utf-8")
        sheet.with_name(sheet.name + ".map").unlink(missing_ok=True)  # it described the whole file
    codepoints = set()
    for sheet in static.rglob("*.css"):
        if not sheet.name.startswith("bundle-") and sheet.name not in dropped:
            codepoints |= icon_codepoints(_current_text(sheet, static, sources, set(pruned)))
    for font in _static_files(static, config.course_site_subset_fonts):
        subset_font(_original(font, static, sources), codepoints, font)
    return set(sheets)


def setup(app):
    app.add_config_value("course_site_drop_assets", [], "html", [list])
    app.add_config_value("course_site_search_only_assets", [], "html", [list])
    app.add_config_value("course_site_drop_inline_scripts", [], "html", [list])
    app.add_config_value("course_site_inline_scripts", [], "html", [list])
    app.add_config_value("course_site_after_paint_scripts", [], "html", [list])
    app.add_config_value("course_site_prune_stylesheets", [], "html", [list])
    app.add_config_value("course_site_subset_fonts", [], "html", [list])
    app.connect("build-finished", _trim_site)
