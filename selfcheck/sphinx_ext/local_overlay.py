"""A trust's ``local.yml`` on the site (read and checked by core.local_overlay).

When the file is there and valid:

- every chapter (a page with a quiz or a telephone triage call) shows an "At <organisation>" box under its title, with
  the advice line, the pathways and that chapter's note (``templates/local-box.html``, its
  stylesheet ``local_static/selfcheck-local.css``, on chapter pages only);
- wherever a page names the 24-hour advice line ("ring the 24-hour advice line", the
  glossary term, "the 24-hour line"), the local number follows it once per paragraph:
  "(at <organisation>: <number>)". The chapters are not edited: this happens as each page
  is written (``doctree-resolved``), so writers keep editing the text as it is.

A broken file stops the build with one line per problem, as a broken quiz does. Without the
file nothing here runs: the site is byte for byte what it was (no stylesheet is copied either).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from docutils import nodes
from markupsafe import Markup
from sphinx.util import logging

from ..core import course_order, local_overlay, markup
from ..views.templating import template_environment
from .collector import quiz_pages

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "local_static"
LOCAL_CSS = "selfcheck-local.css"
NUMBER_CLASS = "sc-local-number"
# Under the title come the page's facts and the "Go to the quiz" link; the box follows them.
UNDER_TITLE_CLASSES = ("sc-page-facts", "sc-due-review", "sc-jump")
# How the course names the 24-hour line: "the 24-hour advice line", "the 24-hour oncology
# advice line", "the 24-hour line", "the 24-hour advice-line number", "the 24-hour number".
ADVICE_LINE = re.compile(
    r"\b24[- ]hour (?:oncology )?(?:advice[- ]line(?:[- ]number)?|line|number)\b", re.IGNORECASE)
# Text inside these is not followed by the number: code, and what a reader does not read as prose.
_SKIP = (nodes.literal, nodes.literal_block, nodes.raw, nodes.title, nodes.term, nodes.FixedTextElement)


def _state(app):
    return getattr(app, "selfcheck_local", (None, []))


def _read(app, config) -> None:
    root = Path(app.srcdir)
    app.selfcheck_local = local_overlay.read(root)
    if local_overlay.present(root):
        config.html_static_path = [*config.html_static_path, str(STATIC)]


def _report(app) -> None:
    for problem in _state(app)[1]:
        logger.error(str(problem))


def _stamp(root: Path) -> str | None:
    path = local_overlay.local_file(root)
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _outdated(app, env, added, changed, removed) -> list[str]:
    """Every page shows the number, so an edit to local.yml (or adding or removing it) rewrites them all."""
    stamp = _stamp(Path(app.srcdir))
    if getattr(env, "selfcheck_local_stamp", None) == stamp:
        return []
    env.selfcheck_local_stamp = stamp
    return sorted(env.found_docs)


def chapters(app) -> set[str]:
    """The chapters' docnames: pages showing a quiz (as the collector found them) and the
    pages of the table of contents showing a quiz or a call (core.course_order). Found once
    a build, after reading (every page asks)."""
    found = getattr(app, "selfcheck_local_chapters", None)
    if found is None:
        env = app.env
        listed = {page for page in course_order.chapter_pages(Path(app.srcdir)) if page in env.found_docs}
        found = app.selfcheck_local_chapters = frozenset(set(quiz_pages(env)) | listed)
    return found


def _check_chapters(app, env) -> None:
    overlay = _state(app)[0]
    if overlay is None:
        return
    app.selfcheck_local_chapters = None  # the pages have just been read: find them afresh
    names = [Path(env.doc2path(docname, False)).name for docname in chapters(app)]
    for problem in local_overlay.unknown_chapters(overlay, names):
        logger.error(str(problem))


def _box(overlay, note: str | None) -> nodes.raw:
    html = template_environment(TEMPLATES, keep_trailing_newline=False).get_template("local-box.html").render(
        organisation=overlay.organisation,
        advice_line=overlay.advice_line,
        pathways=overlay.pathways,
        note=Markup(markup.block(note)) if note else "",
    )
    return nodes.raw("", html, format="html")


def _insert_box(doctree, box: nodes.raw) -> None:
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not section.children or not isinstance(section[0], nodes.title):
        return
    index = 1
    while index < len(section.children) and any(
        cls in section[index].get("classes", []) for cls in UNDER_TITLE_CLASSES
    ):
        index += 1
    section.insert(index, box)


def _number_after(text_node: nodes.Text, paragraph: nodes.Element, words: str) -> bool:
    """Put ``words`` after the first mention of the advice line in ``text_node``; False if none."""
    match = ADVICE_LINE.search(str(text_node))
    if match is None:
        return False
    number = nodes.inline("", words, classes=[NUMBER_CLASS])
    # Inside a link (the glossary term), the number goes after the link, not into it.
    holder = text_node
    node = text_node.parent
    while node is not None and node is not paragraph:
        if isinstance(node, nodes.reference):
            holder = node
        node = node.parent
    if holder is not text_node:
        holder.parent.insert(holder.parent.index(holder) + 1, number)
        return True
    text = str(text_node)
    parent = text_node.parent
    at = parent.index(text_node)
    parent.replace(text_node, nodes.Text(text[: match.end()]))
    parent.insert(at + 1, number)
    if text[match.end():]:
        parent.insert(at + 2, nodes.Text(text[match.end():]))
    return True


def add_number(doctree, organisation: str, advice_line: str) -> None:
    words = f" (at {organisation}: {advice_line})"
    for paragraph in list(doctree.findall(nodes.paragraph)):
        if any(isinstance(a, _SKIP) for a in _ancestors(paragraph)):
            continue
        for text_node in list(paragraph.findall(nodes.Text)):
            if any(isinstance(a, _SKIP) for a in _ancestors(text_node, paragraph)):
                continue
            if _number_after(text_node, paragraph, words):
                break  # once a paragraph is enough


def _ancestors(node, stop=None):
    node = node.parent
    while node is not None and node is not stop:
        yield node
        node = node.parent


def _resolved(app, doctree, docname) -> None:
    overlay = _state(app)[0]
    if overlay is None or app.builder.format != "html":
        return
    if overlay.advice_line:
        add_number(doctree, overlay.organisation, overlay.advice_line)
    if docname in chapters(app):
        name = Path(app.env.doc2path(docname, False)).name
        _insert_box(doctree, _box(overlay, overlay.notes.get(name)))


def _page_context(app, pagename, templatename, context, doctree) -> None:
    if _state(app)[0] is not None and app.builder.format == "html" and pagename in chapters(app):
        app.add_css_file(LOCAL_CSS)


def setup(app) -> None:
    app.connect("config-inited", _read)
    app.connect("builder-inited", _report)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-check-consistency", _check_chapters)
    app.connect("doctree-resolved", _resolved)
    app.connect("html-page-context", _page_context)
