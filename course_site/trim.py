"""What the theme ships, cut down to what the site uses, once every page is written
(part of the ``course_site`` extension). This needs all the pages at once, so it is done
after the build (``build-finished``), on the written site:

- ``course_site_prune_stylesheets``: stylesheets (globs under ``_static``) cut to the rules that can
  match the site (``course_site.css_prune``);
- ``course_site_subset_fonts``: icon fonts (globs under ``_static``) cut to the glyphs the
  stylesheets draw (``course_site.font_subset``);
- then each page's stylesheets are joined into one (``course_site.css_bundle``).

Which scripts and stylesheets a page loads at all is decided while it is rendered
(``course_site.page_assets``).
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.errors import ExtensionError

from .css_bundle import BundleError, bundle_site
from .css_prune import DynamicNames, SiteElements, drop_unused_properties, icon_codepoints, prune_stylesheet
from .font_subset import subset_font


def _static_files(static: Path, patterns: list[str]) -> list[Path]:
    return sorted({path for pattern in patterns for path in static.glob(pattern) if path.is_file()})


def _trim_site(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    static = out / "_static"
    sources = _static_sources(app)
    pages = {}
    for page in out.rglob("*.html"):
        if page.relative_to(out).parts[0].startswith("_"):
            continue  # _static holds theme templates, not pages
        if page.relative_to(out).parts[0] in app.config.course_site_other_sites:
            continue  # another site's pages (the live site's), not the course's
        pages[page] = page.read_text(encoding="utf-8")
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
    app.add_config_value("course_site_prune_stylesheets", [], "html", [list])
    app.add_config_value("course_site_subset_fonts", [], "html", [list])
    app.connect("build-finished", _trim_site)
