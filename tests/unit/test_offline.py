"""What the service worker saves for offline reading (course_site.offline), on a tiny written
site: every page and what the pages and their stylesheets reference, nothing else; each
file's revision and the build id move with the content, and only with it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from course_site.offline import build_id, precache_files, register_script, revisions, site_pages, worker_script

CHAPTER = """<!DOCTYPE html><html data-content_root="../"><head>
<link rel="stylesheet" href="../_static/bundle-1.css?v=3" />
<link rel="icon" href="../_static/favicon.svg"/>
<script>document.addEventListener("DOMContentLoaded",function(){["../_static/late.js?v=9"].forEach(load)})</script>
<script defer src="../_static/quiz.js?v=1"></script>
</head><body>
<a href="other.html#part">next</a> <a href="../_sources/book/chapter.md.txt">source</a>
<a href="https://example.org/x.css">outside</a> <a href="//cdn.example.org/y.js">outside</a>
<a href="missing.html">missing</a> <img src="../_images/figure%201.png" alt="">
</body></html>"""
BUNDLE = """@import "extra.css";
@font-face { font-family: icons; src: url("fonts/icons.woff2") format("woff2"), url("fonts/icons.ttf") format("truetype"); }
.file { background: url(file.png); } .remote { background: url("https://example.org/i.png"); }
.inline { background: url("data:image/png;base64,AAAA"); }"""


@pytest.fixture
def site(tmp_path) -> Path:
    files = {
        "index.html": '<meta http-equiv="Refresh" content="0; url=book/chapter.html" />',
        "book/chapter.html": CHAPTER,
        "book/other.html": '<html><body><a href="chapter.html">back</a></body></html>',
        "search.html": '<script src="searchindex.js"></script><script src="_static/searchtools.js"></script>',
        "searchindex.js": "Search.setIndex({})",
        "_static/bundle-1.css": BUNDLE, "_static/extra.css": ".x { background: url(x.svg); }",
        "_static/x.svg": "<svg/>", "_static/fonts/icons.woff2": "w", "_static/fonts/icons.ttf": "t",
        "_static/file.png": "p", "_static/favicon.svg": "<svg/>", "_static/late.js": "1", "_static/quiz.js": "2",
        "_static/searchtools.js": "3", "_static/unused.js": "never loaded", "_static/theme.css": "unused",
        "_static/questions/q1.html": "<p>fetched by a script</p>",
        "_images/figure 1.png": "img", "_sources/book/chapter.md.txt": "source",
        "_static/sbt-webpack-macros.html": "a theme template, not a page", "sw.js": "the worker itself",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_the_list_is_every_page_and_what_pages_and_stylesheets_reference(site):
    assert precache_files(site) == [
        "_images/figure 1.png",
        "_static/bundle-1.css", "_static/extra.css", "_static/favicon.svg", "_static/file.png",
        "_static/fonts/icons.woff2",  # not the .ttf fallback: no browser with service workers needs it
        "_static/late.js", "_static/quiz.js", "_static/searchtools.js", "_static/x.svg",
        "book/chapter.html", "book/other.html", "index.html", "search.html", "searchindex.js",
    ]


def test_globs_add_files_that_scripts_fetch(site):
    files = precache_files(site, ["_static/questions/*", "_static/nothing-here/*"])
    assert "_static/questions/q1.html" in files
    assert "_static/unused.js" not in files and not any(f.startswith("_sources/") for f in files)


def test_globs_leave_out_files_no_reader_needs_offline(site):
    (site / "downloads").mkdir()
    (site / "downloads" / "key.html").write_text("<p>every answer</p>", encoding="utf-8")
    (site / "downloads" / "bank.xml").write_text("<quiz/>", encoding="utf-8")
    page = site / "book" / "chapter.html"
    page.write_text(page.read_text(encoding="utf-8") + '<a href="../downloads/bank.xml">bank</a>', encoding="utf-8")
    assert {"downloads/key.html", "downloads/bank.xml"} <= set(precache_files(site))
    files = precache_files(site, leave_out=["downloads/*"])
    assert not any(name.startswith("downloads/") for name in files) and "book/chapter.html" in files


def test_revisions_and_build_id_follow_the_content(site):
    first = revisions(site, precache_files(site))
    assert dict(first)["_images/figure%201.png"]  # paths as URLs
    assert revisions(site, precache_files(site)) == first and worker_script(first) == worker_script(first)
    (site / "book/other.html").write_text("<p>corrected dose</p>", encoding="utf-8")
    second = revisions(site, precache_files(site))
    changed = {path for (path, rev), (_, new) in zip(first, second) if rev != new}
    assert changed == {"book/other.html"}
    assert build_id(second) != build_id(first)


def test_the_worker_carries_the_build_and_the_files(site):
    entries = revisions(site, precache_files(site))
    script = worker_script(entries)
    assert json.loads(re.search(r"^const BUILD = (.+);$", script, re.M).group(1)) == build_id(entries)
    assert json.loads(re.search(r"^const FILES = (.+);$", script, re.M).group(1)) == [list(e) for e in entries]
    assert "{{" not in script and "{#" not in script


def test_the_page_script_registers_over_http_only_and_relative_to_the_page():
    script = register_script()
    assert "{{" not in script and "{#" not in script
    assert '/^https?:$/.test(location.protocol)' in script
    assert 'getAttribute("data-content_root")' in script and 'register(root + "sw.js", { scope: root })' in script
    assert "innerHTML" not in script and "http://" not in script and "https://" not in script


# --- the live site in the same output (tools/lite.py): its own cache, not this worker's ----

LIVE_FILES = {"lite/repl/index.html": "<script src='../build/bootstrap.js'></script>",
              "lite/build/bootstrap.js": "1", "lite/jupyter-lite.json": "{}",
              "lite/static/pyodide/pyodide.asm.wasm": "wasm", "lite/index.html": "<a href='repl/index.html'>REPL</a>"}


@pytest.fixture
def site_with_live_site(site) -> Path:
    for name, text in LIVE_FILES.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    page = site / "book" / "chapter.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</body>", '<p class="sc-live"><a href="../lite/repl/index.html?kernel=python&amp;code=x">Try it live</a></p></body>'),
        encoding="utf-8")
    return site


def test_the_live_site_is_not_saved_by_the_course(site_with_live_site):
    files = precache_files(site_with_live_site, ["lite/*", "lite/**/*"], other_sites=["lite"])
    assert not any(name.startswith("lite/") for name in files), files
    assert "book/chapter.html" in files and "_static/quiz.js" in files
    # without the setting the live site's pages would be saved: the setting is what keeps them out
    assert "lite/repl/index.html" in precache_files(site_with_live_site)


def test_the_live_site_pages_are_not_the_course_pages(site_with_live_site):
    out = site_with_live_site
    pages = [p.relative_to(out).as_posix() for p in site_pages(out, ["lite"])]
    assert "book/chapter.html" in pages and "index.html" in pages
    assert not any(page.startswith("lite/") for page in pages)
    assert "lite/index.html" in [p.relative_to(out).as_posix() for p in site_pages(out)]


def test_the_worker_names_the_other_sites(site_with_live_site):
    entries = revisions(site_with_live_site, precache_files(site_with_live_site, other_sites=["lite"]))
    script = worker_script(entries, ["lite"])
    assert re.search(r'^const ELSEWHERE = \["lite"\]\.map', script, re.M)
    assert re.search(r"^const ELSEWHERE = \[\]\.map", worker_script(entries), re.M)


# The rendered worker run in Node with a stand-in for the service worker's global scope: which
# fetches it answers (calls respondWith for). Input on stdin: {"worker": source, "requests": [...]}.
WORKER_HARNESS = r"""
const vm = require("node:vm");
const input = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
const handlers = {};
const scope = {
  location: { href: input.base + "sw.js" },
  addEventListener: (type, handler) => { handlers[type] = handler; },
  clients: { claim: async () => {} },
  skipWaiting: async () => {},
};
const context = vm.createContext({
  self: scope, URL, Map, Set, Promise, JSON, Response: class {},
  caches: { match: async () => undefined, open: async () => ({ match: async () => undefined }), keys: async () => [] },
  fetch: async () => ({ ok: true }),
});
vm.runInContext(input.worker, context);
const answered = {};
for (const [url, mode] of input.requests) {
  let responded = false;
  handlers.fetch({ request: { method: "GET", url, mode }, resultingClientId: "page",
                   respondWith: (promise) => { responded = true; promise.catch(() => {}); } });
  answered[url] = responded;
}
process.stdout.write(JSON.stringify(answered));
"""


def test_the_worker_does_not_answer_for_the_live_site(site_with_live_site):
    node = shutil.which("node")
    assert node, "node is not installed (the page scripts' tests need Node 20)"
    entries = revisions(site_with_live_site, precache_files(site_with_live_site, other_sites=["lite"]))
    base = "https://example.org/course/"
    requests = [
        (base + "lite/repl/index.html?kernel=python&code=x", "navigate"),
        (base + "lite/static/pyodide/pyodide.asm.wasm", "cors"),
        (base + "lite/", "navigate"),
        (base + "book/chapter.html", "navigate"),
        (base + "_static/quiz.js", "no-cors"),
        (base + "lite-notes.html", "navigate"),  # a page whose name starts so is the course's
        ("https://other.example.org/lite/repl/index.html", "navigate"),
    ]
    run = subprocess.run([node, "-e", WORKER_HARNESS], capture_output=True, text=True, timeout=60,
                         input=json.dumps({"worker": worker_script(entries, ["lite"]), "base": base,
                                           "requests": requests}))
    assert run.returncode == 0, run.stderr
    answered = json.loads(run.stdout)
    assert answered == {
        base + "lite/repl/index.html?kernel=python&code=x": False,
        base + "lite/static/pyodide/pyodide.asm.wasm": False,
        base + "lite/": False,
        base + "book/chapter.html": True,
        base + "_static/quiz.js": True,
        base + "lite-notes.html": True,
        "https://other.example.org/lite/repl/index.html": False,
    }
