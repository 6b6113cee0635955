"""The "My progress" page: a ``{selfcheck-progress}`` directive.

The directive leaves a placeholder; once every page has been read, the placeholder
becomes the progress view with a manifest of every quiz in the book (chapter, link,
description, study time, question ids and versions, the parts of the NMC Code the chapter
supports, the length of its session plan) and of the course (title, build date, the Code's
standards and themes). The page's script reads the learner's answers from this browser and fills in
scores, chapters not yet started, the overall figure and a printable learning record.
Nothing leaves the browser.

The NMC Code is data (read and checked by ``core.nmc_code``): ``book/nmc-code.yml`` lists
the Code's themes and standards, and each quiz chapter names the standards it supports in its
front matter (``nmc_code: [6, 13]``). Once that file exists, a quiz chapter without ``nmc_code`` or naming a standard the file
lacks fails the build with one line, ``path:line: message``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from docutils import nodes
from markupsafe import Markup
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..core import bank
from ..core.nmc_code import NMC_CODE_FILE, NMC_CODE_KEY, NmcCodeError, chapter_code, code_themes, read_nmc_code
from ..core.validate import QuizError
from ..views.call_page import call_anchor
from ..views.templating import template_environment

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
# Participatory learning for a chapter without a session plan starts at an hour (the plans are 60 minutes).
DEFAULT_SESSION_MINUTES = 60


class progress_placeholder(nodes.General, nodes.Element):
    pass


class ManifestDirective(SphinxDirective):
    """A page built from the manifest of every quiz (My progress; Review subclasses it): it
    leaves a placeholder, by which the collector finds the page, and the page depends on every
    quiz file and on the NMC Code's standards."""

    has_content = False
    placeholder: type[nodes.Element]

    def run(self):
        root = Path(self.env.app.srcdir)
        for path in [*bank.quiz_files(root / bank.QUIZ_DIR), *bank.quiz_files(root / bank.CALL_DIR)]:
            self.env.note_dependency(str(path))
        if (root / NMC_CODE_FILE).is_file():
            self.env.note_dependency(str(root / NMC_CODE_FILE))
        return [self.placeholder()]


class ProgressDirective(ManifestDirective):
    placeholder = progress_placeholder


def _docs_in_reading_order(env) -> list[str]:
    relations = env.collect_relations()
    order, seen = [], set()
    doc = env.config.root_doc
    while doc is not None and doc not in seen:
        order.append(doc)
        seen.add(doc)
        doc = relations.get(doc, (None, None, None))[2]
    return order + sorted(set(env.found_docs) - seen)


def _minutes(env, docname: str, default: int = 0) -> int:
    minutes = str(env.metadata.get(docname, {}).get("study_minutes", default))
    return int(minutes) if minutes.isdigit() else default


def _session_minutes(env, docname: str) -> int:
    """The length a chapter's participatory learning starts at: its session plan's study time."""
    head, _, name = docname.rpartition("/")
    session = f"{head}/session-{name}" if head else f"session-{name}"
    if session in env.found_docs:
        return _minutes(env, session, DEFAULT_SESSION_MINUTES) or DEFAULT_SESSION_MINUTES
    return DEFAULT_SESSION_MINUTES


def course_facts(app) -> dict:
    """The course's title and its version: the build date, and the release if one is set."""
    config = app.config
    title = str(getattr(config, "html_title", "") or "").strip()
    if not title or re.fullmatch(re.escape(config.project) + r"\s+\S*\s*documentation", title):
        title = config.project  # Sphinx's own default, not a title the course chose
    built = dt.date.today().isoformat()
    release = str(getattr(config, "release", "") or "").strip()
    return {"title": title, "built": built, "release": release}


def calls_manifest(app, fromdocname: str, call_pages: dict[str, tuple[str, ...]],
                   standards: dict[int, dict] | None = None) -> dict:
    """The telephone triage calls in reading order (``calls``: id, title, version, address,
    chapter, outcome ids) and the chapters that show them (``callChapters``: the learning
    record's line for each, with its study time, description and parts of the Code)."""
    env, root = app.env, Path(app.srcdir)
    calls, chapters = [], []
    for docname in _docs_in_reading_order(env):
        shown = []
        for call_id in call_pages.get(docname, []):
            try:
                call = bank.load_call(call_id, root)
            except (QuizError, bank.UnknownCall):
                continue  # already reported as an error by the page that shows it
            title = env.titles.get(docname)
            calls.append({
                "id": call.id,
                "title": call.title,
                "version": call.version,
                "url": app.builder.get_relative_uri(fromdocname, docname) + "#" + call_anchor(call.id),
                "chapter": title.astext() if title is not None else call.title,
                "outcomes": [o.id for o in call.outcomes],
            })
            shown.append(call.id)
        if not shown:
            continue
        title, meta = env.titles.get(docname), env.metadata.get(docname, {})
        chapter = {
            # The record's key for the chapter's own hours and notes: apart from any quiz's.
            "id": docname.rpartition("/")[2] + "-calls",
            "chapter": title.astext() if title is not None else docname,
            "url": app.builder.get_relative_uri(fromdocname, docname),
            "minutes": _minutes(env, docname),
            "description": str(meta.get("description", "") or "").strip(),
            "calls": shown,
        }
        if standards is not None and meta.get(NMC_CODE_KEY) is not None:
            chapter["code"] = chapter_code(meta.get(NMC_CODE_KEY), standards, Path(env.doc2path(docname)),
                                           str(env.doc2path(docname, False)))
        chapters.append(chapter)
    return {"calls": calls, "callChapters": chapters}


def manifest(app, fromdocname: str, quiz_pages: dict[str, tuple[str, ...]],
             standards: dict[int, dict] | None = None,
             call_pages: dict[str, tuple[str, ...]] | None = None) -> dict:
    """The manifest; with ``standards`` (the NMC Code) each quiz chapter's ``nmc_code`` is
    checked and listed (NmcCodeError on the first that is wrong)."""
    env, root = app.env, Path(app.srcdir)
    quizzes = []
    for docname in _docs_in_reading_order(env):
        for quiz_id in quiz_pages.get(docname, []):
            try:
                quiz = bank.load_quiz(quiz_id, root)
            except (QuizError, bank.UnknownQuiz):
                continue  # already reported as an error by the page that shows it
            title = env.titles.get(docname)
            entry = {
                "id": quiz.id,
                "title": quiz.title,
                "chapter": title.astext() if title is not None else quiz.title,
                "url": app.builder.get_relative_uri(fromdocname, docname),
                "minutes": _minutes(env, docname),
                # the topic, printed in the record's CPD log ("a description of the topic")
                "description": str(env.metadata.get(docname, {}).get("description", "") or "").strip(),
                "sessionMinutes": _session_minutes(env, docname),
                "questions": [
                    {"id": q.id, "version": q.version, "options": len(q.options), "multiple": q.is_multiple}
                    for q in quiz.questions
                ],
            }
            if standards is not None:
                path = Path(env.doc2path(docname))
                entry["code"] = chapter_code(env.metadata.get(docname, {}).get(NMC_CODE_KEY), standards,
                                             path, str(env.doc2path(docname, False)))
            quizzes.append(entry)
    data = {"course": course_facts(app), "quizzes": quizzes}
    if call_pages:
        data.update(calls_manifest(app, fromdocname, call_pages, standards))
    if standards is not None:
        data["code"] = {str(n): s for n, s in sorted(standards.items())}
        data["themes"] = code_themes(standards)
    return data


def _script_json(data: dict) -> str:
    """JSON that can stand inside a <script> element: no "<" that could close it."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


def render(data: dict) -> str:
    """The progress view (templates/progress.html) with the manifest in it, as JSON."""
    template = template_environment(TEMPLATES).get_template("progress.html")
    course = {"title": "", "built": "", "release": "", **data.get("course", {})}
    themes = [t for t in data.get("themes", []) if isinstance(t, str)]
    return template.render(manifest=Markup(_script_json(data)), course=course, themes=themes,
                           has_calls=bool(data.get("calls"))).strip()


def fill_placeholders(
    app, doctree, fromdocname: str, quiz_pages: dict[str, tuple[str, ...]], review_page: str | None = None,
    call_pages: dict[str, tuple[str, ...]] | None = None,
) -> None:
    placeholders = list(doctree.findall(progress_placeholder))
    if not placeholders:
        return
    code_file = Path(app.srcdir) / NMC_CODE_FILE
    try:
        standards = read_nmc_code(code_file) if code_file.is_file() else None
        data = manifest(app, fromdocname, quiz_pages, standards, call_pages)
    except NmcCodeError as exc:
        logger.error(str(exc), location=fromdocname)
        data = manifest(app, fromdocname, quiz_pages, call_pages=call_pages)
    if review_page:  # for "3 questions due for review today: Review"
        data["review"] = app.builder.get_relative_uri(fromdocname, review_page)
    html = render(data)
    for node in placeholders:
        node.replace_self(nodes.raw("", html, format="html"))
