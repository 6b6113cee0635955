"""The whole course offline: a service worker shipped with the site (part of ``course_site``).

Once every page is written and the stylesheets and fonts are cut down (``course_site.trim``,
also ``build-finished``; this handler runs after it), ``sw.js`` is written at the root of the
output folder, so that it controls every page, with:

- the files to save for offline reading: every page, and what the pages reference (scripts,
  stylesheets, icons, the search index; in stylesheets, ``url()``s, only the first source of
  a font), never ``_sources/`` or theme files no page uses; plus the globs in
  ``course_site_offline_also`` for files that a script fetches (no page names them);
- each file's revision (a hash of its content) and the build id (a hash of them all), so a
  new build saves only the files that changed, and an unchanged build leaves ``sw.js``
  byte for byte the same (the browser then installs nothing).

Every page carries a small inline script (``templates/course_site/offline-register.js``) that
registers the worker once the page has loaded and the browser is idle, over http(s) only,
and shows the notices the worker's answers call for. The worker
(``templates/course_site/sw.js``): pages network-first, falling back to the saved copy;
saved files from the cache of their build; old builds' caches deleted once a new one is
complete.

``course_site_offline: false`` turns it off: pages register nothing, and ``sw.js`` becomes a
worker that deletes what an earlier build saved and unregisters itself, for readers whose
browsers still have one.
"""

from __future__ import annotations

import fnmatch
import hashlib
import posixpath
import re
from pathlib import Path
from urllib.parse import quote, unquote

import jinja2

TEMPLATES = Path(__file__).parent / "templates" / "course_site"
WORKER = "sw.js"

# Any quoted string in a page that may be a link (attributes, and the after-paint loader's
# list of scripts inside an inline script); kept only when it names a file of the site.
_QUOTED = re.compile(r"""["']([^"'\s<>(){}]+)["']""")
_REFRESH = re.compile(r'content="\d+;\s*url=([^"]+)"', re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_CSS_IMPORT = re.compile(r"""@import\s+(['"])([^'"]+)\1""")
_FONT_SRC = re.compile(r"@font-face\s*{[^}]*?\bsrc\s*:\s*([^;}]*)", re.IGNORECASE)
_SCHEME = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|/|#)", re.IGNORECASE)


def site_pages(out: Path, other_sites: list[str] = ()) -> list[Path]:
    """The pages of the written site (not Sphinx's or the theme's files under _ or . folders,
    nor the pages of another site in the output, such as the live site)."""
    return sorted(p for p in out.rglob("*.html")
                  if not p.relative_to(out).parts[0].startswith(("_", "."))
                  and p.relative_to(out).parts[0] not in other_sites)


def _local_file(reference: str, base: Path, out: Path) -> Path | None:
    """The file of the site that ``reference`` (relative to the folder ``base``) names, if any."""
    if _SCHEME.match(reference):
        return None
    path = unquote(reference.split("#", 1)[0].split("?", 1)[0])
    if not path or path.endswith("/"):
        return None
    target = Path(posixpath.normpath(posixpath.join(base.relative_to(out).as_posix(), path)))
    if target.parts and target.parts[0] in ("..", "_sources"):
        return None
    found = out / target
    return found if found.is_file() else None


def _css_references(css: str) -> list[str]:
    """The ``url()``s and imports of a stylesheet; of a font's sources only the first: every
    browser with service workers reads it (woff2), so the fallbacks are never fetched."""
    fallbacks = set()
    for sources in _FONT_SRC.findall(css):
        fallbacks |= {url for _, url in _CSS_URL.findall(sources)[1:]}
    found = [url for _, url in _CSS_URL.findall(css) if url not in fallbacks]
    return found + [url for _, url in _CSS_IMPORT.findall(css)]


def precache_files(out: Path, also: list[str] = (), leave_out: list[str] = (),
                   other_sites: list[str] = ()) -> list[str]:
    """Every file a reader needs with no network, as paths relative to ``out`` (sorted);
    files matching the globs of ``leave_out`` are not saved (downloads for educators), nor
    anything in the folders of ``other_sites`` (the live site keeps its own cache)."""
    found: set[Path] = set()
    for page in site_pages(out, other_sites):
        found.add(page)
        text = page.read_text(encoding="utf-8")
        for reference in _QUOTED.findall(text) + _REFRESH.findall(text):
            target = _local_file(reference.strip(), page.parent, out)
            if target is not None:
                found.add(target)
    sheets = [path for path in found if path.suffix == ".css"]
    while sheets:
        sheet = sheets.pop()
        for reference in _css_references(sheet.read_text(encoding="utf-8")):
            target = _local_file(reference.strip(), sheet.parent, out)
            if target is not None and target not in found:
                found.add(target)
                if target.suffix == ".css":
                    sheets.append(target)
    for pattern in also:
        found |= {path for path in out.glob(pattern) if path.is_file()}
    names = (path.relative_to(out).as_posix() for path in found
             if path.name != WORKER and not fnmatch.fnmatch(path.name, "*.map")
             and path.relative_to(out).parts[0] not in other_sites)
    return sorted(name for name in names if not any(fnmatch.fnmatch(name, glob) for glob in leave_out))


def revisions(out: Path, files: list[str]) -> list[tuple[str, str]]:
    """(URL path relative to the site's root, hash of the file's content) for each file."""
    return [(quote(name), hashlib.sha256((out / name).read_bytes()).hexdigest()[:12]) for name in files]


def build_id(entries: list[tuple[str, str]]) -> str:
    return hashlib.sha256("\n".join(f"{path} {rev}" for path, rev in entries).encode()).hexdigest()[:12]


def _template(name: str) -> jinja2.Template:
    return jinja2.Template((TEMPLATES / name).read_text(encoding="utf-8"), keep_trailing_newline=True)


def worker_script(entries: list[tuple[str, str]], other_sites: list[str] = ()) -> str:
    return _template("sw.js").render(build=build_id(entries), files=entries, other_sites=list(other_sites))


def site_worker_script(out: Path, also: list[str] = (), leave_out: list[str] = (), other_sites: list[str] = ()) -> str:
    """The worker for the site written in ``out``, as the build writes it (``course_site_offline_*``
    and ``course_site_other_sites`` from the configuration)."""
    return worker_script(revisions(out, precache_files(out, also, leave_out, other_sites)), other_sites)


def retiring_worker_script() -> str:
    return _template("sw-retire.js").render()


def register_script() -> str:
    """The page's script, without its comments (Jinja's) and indentation: it is in every page."""
    lines = _template("offline-register.js").render().splitlines()
    return "\n".join(line.strip() for line in lines if line.strip())


def _write_worker(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    if app.config.course_site_offline:
        script = site_worker_script(out, app.config.course_site_offline_also, app.config.course_site_offline_leave_out,
                                    app.config.course_site_other_sites)
    else:
        script = retiring_worker_script()
    worker = out / WORKER
    if not worker.is_file() or worker.read_text(encoding="utf-8") != script:
        worker.write_text(script, encoding="utf-8")


def _add_register_script(app, config) -> None:
    # Before the builder exists: added later, Sphinx would list it twice (registry and builder).
    if config.course_site_offline:
        app.add_js_file(None, body=register_script())


def setup(app):
    app.add_config_value("course_site_offline", True, "html", [bool])
    app.add_config_value("course_site_offline_also", [], "html", [list])
    app.add_config_value("course_site_offline_leave_out", [], "html", [list])
    # Folders of the output that hold another site (the live site, built beside the book):
    # its pages are not trimmed or saved, and the worker leaves its requests alone.
    app.add_config_value("course_site_other_sites", [], "html", [list])
    app.connect("config-inited", _add_register_script)
    # After course_site.trim (500): the list must name the stylesheets and fonts it writes.
    app.connect("build-finished", _write_worker, priority=900)
