"""Which scripts and stylesheets each page loads, decided while Sphinx renders the page.

Jupyter Book loads machinery a reading course never uses (code-copy buttons, thebe,
sphinx-design, a 1.5 MB icon script whose icons the theme's stylesheet already draws with a
web font). What extensions register reaches the page through its ``script_files`` and
``css_files``, which an ``html-page-context`` handler filters here; what the theme writes
into its own templates (its stylesheets, preloads and scripts, and the search tools it
loads on every page) is written by this package's overrides of those templates
(``templates/static/webpack-macros.html``, ``templates/layout.html``), from the lists this
module puts in the page's context as ``course_site``. Which files is data, in ``_config.yml``:

- ``course_site_drop_assets``: script and stylesheet file names no page loads;
- ``course_site_search_only_assets``: loaded only by the search page;
- ``course_site_drop_inline_scripts``: inline scripts left out when their body contains one
  of these, whether registered as page scripts or written into the document as raw HTML;
- ``course_site_inline_scripts``: small scripts written into the page instead of fetched (a
  fetch costs a phone a round trip before it can draw anything);
- ``course_site_after_paint_scripts``: scripts fetched as usual but run only once the page
  has first been drawn, in their order (menus, search box, dark-mode switch, tooltips), so
  that their start-up work does not hold up the text; everywhere but the search page, whose
  own scripts need them first.
"""

from __future__ import annotations

import fnmatch
import posixpath
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from docutils import nodes

SEARCH_PAGE = "search"
# The themes whose templates this package replaces (pydata-sphinx-theme 0.17, and
# sphinx-book-theme 1.3 built on it); with any other theme only the page's lists are filtered.
THEMES = ("sphinx_book_theme", "pydata_sphinx_theme")
# What pydata-sphinx-theme 0.17's static/webpack-macros.html loads, which the override in
# templates/static/webpack-macros.html writes instead. Its theme.css only @imports
# basic.css: linking basic.css itself spares the phone a round trip.
THEME_STYLESHEETS = ("basic.css", "styles/pydata-sphinx-theme.css")
THEME_HEAD_SCRIPTS = ("scripts/fontawesome.js",)
THEME_BODY_SCRIPTS = ("scripts/bootstrap.js", "scripts/pydata-sphinx-theme.js")
# What its layout.html loads on every page so that its search box can work anywhere.
THEME_SEARCH_SCRIPTS = ("_static/searchtools.js", "_static/language_data.js", "searchindex.js")
AFTER_PAINT_LOADER = Path(__file__).parent / "templates" / "course_site" / "after-paint-loader.js"


def file_name(path) -> str:
    """``doctools.js`` for ``_static/doctools.js?v=1``: the names the settings list."""
    return posixpath.basename(str(path).split("?", 1)[0])


@dataclass(frozen=True)
class AssetRules:
    """The settings, for one page."""

    dropped: frozenset[str]
    drop_inline_tokens: tuple[str, ...] = ()
    inline: tuple[str, ...] = ()  # glob patterns of file names
    after_paint: tuple[str, ...] = ()  # file names, in the order they are to run

    @classmethod
    def for_page(cls, config, pagename: str) -> AssetRules:
        dropped = set(config.course_site_drop_assets)
        is_search_page = pagename == SEARCH_PAGE
        if not is_search_page:
            dropped |= set(config.course_site_search_only_assets)
        return cls(
            dropped=frozenset(dropped),
            drop_inline_tokens=tuple(config.course_site_drop_inline_scripts),
            inline=tuple(config.course_site_inline_scripts),
            after_paint=() if is_search_page else tuple(config.course_site_after_paint_scripts),
        )

    def keeps(self, path) -> bool:
        return file_name(path) not in self.dropped

    def is_inlined(self, path) -> bool:
        return any(fnmatch.fnmatchcase(file_name(path), pattern) for pattern in self.inline)

    def runs_after_paint(self, path) -> bool:
        return file_name(path) in self.after_paint


@dataclass
class PageAssets:
    """What the theme's own templates load on this page (``course_site`` in the context)."""

    stylesheets: list[str] = field(default_factory=list)  # _static-relative
    head_scripts: list[str] = field(default_factory=list)  # URLs
    preloads: list[str] = field(default_factory=list)  # URLs
    body_scripts: list[str] = field(default_factory=list)  # URLs
    search_scripts: list[str] = field(default_factory=list)  # URLs


def is_dropped_inline_script(html: str, tokens) -> bool:
    """Raw HTML that is one inline script (no ``src``) mentioning one of ``tokens``."""
    text = html.strip()
    opening = text[: text.find(">") + 1]
    return (text.startswith("<script") and text.endswith("</script>") and text.count("<script") == 1
            and " src=" not in opening and any(token in text for token in tokens))


def drop_inline_script_nodes(app, doctree, docname) -> None:
    """sphinx-thebe writes its settings into every page as raw HTML scripts, appended to
    the resolved document (``doctree-resolved``) rather than registered as page scripts."""
    tokens = tuple(app.config.course_site_drop_inline_scripts)
    for raw in list(doctree.findall(nodes.raw)):
        if "html" in raw.get("format", "").split() and is_dropped_inline_script(raw.astext(), tokens):
            raw.parent.remove(raw)


def select_stylesheets(css_files: list, rules: AssetRules) -> list:
    return [css for css in css_files if rules.keeps(css.filename)]


@dataclass(frozen=True)
class LoaderSlot:
    """Where, among a page's scripts, the after-paint loader goes: in place of ``replaced``."""

    replaced: object


def inline_script(like, body: str):
    """An inline script in the list's own class (Sphinx's ``_JavaScript``), at ``like``'s priority."""
    return type(like)("", priority=like.priority, body=body)


def select_scripts(script_files: list, rules: AssetRules, read_inline, url_of) -> tuple[list, list[str]]:
    """The page's ``script_files`` without the dropped ones, with the inlined ones as inline
    scripts (``read_inline(name)`` gives their text), and without those that run after the
    first paint: their URLs (``url_of(filename)``) are returned, and the first leaves a
    ``LoaderSlot`` in the list where the loader is to go."""
    kept: list = []
    late: list[str] = []
    for js in script_files:
        if not js.filename:
            if not any(token in js.attributes.get("body", "") for token in rules.drop_inline_tokens):
                kept.append(js)
        elif not rules.keeps(js.filename):
            continue
        elif rules.is_inlined(js.filename):
            kept.append(inline_script(js, read_inline(file_name(js.filename)).strip()))
        elif rules.runs_after_paint(js.filename):
            if not late:
                kept.append(LoaderSlot(js))
            late.append(url_of(js.filename))
        else:
            kept.append(js)
    return kept, late


def theme_assets(rules: AssetRules, url_of) -> tuple[PageAssets, list[str]]:
    """What the theme's templates are to load, and the URLs of its scripts that run after the
    first paint. Those are not preloaded: a preload is fetched at once, beside the page's text
    and stylesheet, and on a slow phone line it delays the first paint (Lighthouse measured
    the largest chapters' LCP at 1.56 s with the preloads, 1.30 s without)."""
    assets = PageAssets(
        stylesheets=[sheet for sheet in THEME_STYLESHEETS if rules.keeps(sheet)],
        head_scripts=[url_of(f"_static/{s}") for s in THEME_HEAD_SCRIPTS if rules.keeps(s)],
        search_scripts=[url_of(s, checksum=False) for s in THEME_SEARCH_SCRIPTS if rules.keeps(s)],
    )
    late = []
    for script in THEME_BODY_SCRIPTS:
        if not rules.keeps(script):
            continue
        url = url_of(f"_static/{script}")
        if rules.runs_after_paint(script):
            late.append(url)
        else:
            assets.body_scripts.append(url)
            assets.preloads.append(url)  # as the theme does, for the scripts it runs itself
    return assets, late


def after_paint_loader(urls: list[str]) -> str:
    """The inline script that starts ``urls`` once the page is first drawn."""
    template = jinja2.Template(AFTER_PAINT_LOADER.read_text(encoding="utf-8"))
    return template.render(urls=urls).strip()


def cache_buster(outdir: Path, filename: str) -> str:
    """``?v=`` and a checksum of the written file, as Sphinx marks the files it links, so a
    changed file is never taken from a cache; empty when the file is not written (yet)."""
    try:
        content = Path(outdir, filename).read_bytes().replace(b"\r", b"")
    except (FileNotFoundError, IsADirectoryError):
        return ""
    return f"?v={zlib.crc32(content):08x}" if content else ""


def _page_context(app, pagename, templatename, context, doctree) -> None:
    if app.builder.format != "html" or "script_files" not in context:
        return
    rules = AssetRules.for_page(app.config, pagename)
    outdir = Path(app.outdir)
    pathto = context["pathto"]

    def url_of(filename, checksum: bool = True) -> str:
        filename = str(filename)
        if "://" in filename:
            return filename
        return pathto(filename, 1) + (cache_buster(outdir, filename) if checksum else "")

    def read_inline(name: str) -> str:
        return (outdir / "_static" / name).read_text(encoding="utf-8")

    # In place: handlers that run later may still add to these lists.
    context["css_files"][:] = select_stylesheets(context["css_files"], rules)
    scripts, late = select_scripts(context["script_files"], rules, read_inline, url_of)
    assets = None
    if app.config.html_theme in THEMES:
        assets, late_theme = theme_assets(rules, url_of)
        late += late_theme
    if late:
        order = {name: i for i, name in enumerate(rules.after_paint)}
        late.sort(key=lambda url: order[file_name(url)])
        loader = after_paint_loader(late)
        if not any(isinstance(js, LoaderSlot) for js in scripts):  # only the theme's scripts run late
            scripts.append(LoaderSlot(context["script_files"][-1]))
        scripts = [inline_script(js.replaced, loader) if isinstance(js, LoaderSlot) else js for js in scripts]
    context["script_files"][:] = scripts
    context["course_site"] = assets


def setup(app):
    app.add_config_value("course_site_drop_assets", [], "html", [list])
    app.add_config_value("course_site_search_only_assets", [], "html", [list])
    app.add_config_value("course_site_drop_inline_scripts", [], "html", [list])
    app.add_config_value("course_site_inline_scripts", [], "html", [list])
    app.add_config_value("course_site_after_paint_scripts", [], "html", [list])
    # After the theme's and the other extensions' handlers, which add to the lists.
    app.connect("html-page-context", _page_context, priority=900)
    app.connect("doctree-resolved", drop_inline_script_nodes, priority=900)
