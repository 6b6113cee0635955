"""The book side: a myst-nb MIME renderer for quizzes and a small Sphinx extension.

- ``QuizMimeRenderer`` turns the quiz MIME output of ``quiz("<id>")`` into static HTML.
  It re-reads the YAML from the book's source folder (``app.srcdir``) and declares it a
  page dependency, so a YAML edit rebuilds the page even when the notebook's outputs
  come from the execution cache.
- ``setup`` checks the whole bank and every page's front matter, adds the quiz script
  and stylesheet to quiz pages only, drops the saved ipywidgets state there (inert on
  a static page) and writes each page's meta description from its front matter.
"""

from __future__ import annotations

import datetime as dt
import json
from html import escape
import re
from pathlib import Path

from docutils import nodes
from sphinx.util import logging

from . import bank, fairness
from .display import QUIZ_MIME
from .html import human_date, render_quiz
from .model import review_due
from .progress import ProgressDirective, fill_placeholders, progress_pages, progress_placeholder
from .sources import read_sources
from .validate import QuizError, Unreadable, display_path, read_text

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"
QUIZ_JS = "selfcheck-quiz.js"
QUIZ_CSS = "selfcheck-quiz.css"
HTML_BUILDERS = ("html", "dirhtml", "singlehtml", "readthedocs", "readthedocsdirhtml")
FRONT_MATTER_KEYS = ("reviewed", "description", "study_minutes")


def _quiz_pages(env) -> dict[str, list[str]]:
    if not hasattr(env, "selfcheck_quiz_pages"):
        env.selfcheck_quiz_pages = {}
    return env.selfcheck_quiz_pages


def _heading_level(myst_renderer) -> int:
    """One below the heading the quiz stands under (myst-parser tracks open sections by
    heading level; the mapping is internal, so fall back to h3 if it is not there)."""
    levels = getattr(myst_renderer, "_level_to_section", None)
    if not levels:
        return 3
    return min(max(levels) + 1, 6)


class QuizMimeRenderer:
    """myst-nb MIME renderer plugin (entry point group ``myst_nb.mime_renderers``)."""

    # Below the widget view's priority (10), so the static quiz wins on HTML pages.
    mime_priority_overrides = [(name, QUIZ_MIME, 5) for name in HTML_BUILDERS]

    @staticmethod
    def handle_mime(renderer, data, inline):
        if data.mime_type != QUIZ_MIME or inline:
            return None
        env = renderer.renderer.sphinx_env
        if env is None:
            return None
        content = data.content
        if isinstance(content, (str, bytes)):
            content = json.loads(content)
        quiz_id = str(content.get("id", ""))
        root = Path(env.app.srcdir)
        docname = env.docname
        location = (docname, data.line)
        quiz_file = root / bank.QUIZ_DIR / f"{quiz_id}.yml"
        bib_file = root / bank.BIB_FILE
        # Rebuild this page whenever its quiz or the bibliography changes.
        env.note_dependency(str(quiz_file))
        env.note_dependency(str(bib_file))
        try:
            quiz = bank.load_quiz(quiz_id, root)
        except bank.UnknownQuiz as exc:
            return _fail(location, f"{env.doc2path(docname, False)}: {exc}")
        except QuizError as exc:
            listing = "\n  ".join(str(p) for p in exc.problems)
            return _fail(
                location,
                f"{env.doc2path(docname, False)}: quiz '{quiz_id}' ({bank.QUIZ_DIR}/{quiz_id}.yml) "
                f"is invalid:\n  {listing}",
            )
        pages = _quiz_pages(env)
        pages.setdefault(docname, [])
        if quiz_id in pages[docname]:
            # Two copies would share their ids and radio groups, and one learner's answers.
            return _fail(location, f"{env.doc2path(docname, False)}: quiz '{quiz_id}' is shown twice on this page: show it once")
        pages[docname].append(quiz_id)
        level = max(_heading_level(renderer.renderer), 2)
        html = render_quiz(quiz, read_sources(bib_file), heading_level=level)
        return [nodes.raw("", html, format="html")]


def _fail(location, message: str):
    logger.error(message, location=location)
    return [nodes.paragraph(text=f"[quiz not built: {message}]", classes=["sc-build-error"])]


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)
# A bare date, perhaps with a time (YAML reads both as dates), perhaps before a comment.
_BARE_DATE = re.compile(
    r"^(\w+):[ \t]*(\d{4}-\d{1,2}-\d{1,2}"
    r"(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d*)?)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::?\d{2})?))?)?)"
    r"[ \t]*(#.*)?$",
    re.MULTILINE,
)


def _quote_front_matter_dates(app, docname, source) -> None:
    """Quote bare dates in front matter (``reviewed: 2026-11-20``).

    YAML reads them as dates, and the notebook execution cache cannot store a date in
    notebook metadata: the build would stop with an opaque JSON error.
    """
    match = _FRONT_MATTER.match(source[0])
    if match:
        quoted = _BARE_DATE.sub(lambda m: f'{m[1]}: "{m[2]}"' + (f"  {m[3]}" if m[3] else ""), match.group(1))
        source[0] = source[0][: match.start(1)] + quoted + source[0][match.end(1) :]


def _add_static_path(app, config) -> None:
    config.html_static_path = [*config.html_static_path, str(STATIC_DIR)]


def _check_bibliography(app, config) -> None:
    """A bibliography that is not UTF-8 is one clear error, not a traceback.

    sphinxcontrib-bibtex skips a missing or irregular file with a warning, but a file it
    cannot decode stops the whole build with a traceback. The problem is reported here (the
    build then fails on it) and the reader is told to take the bytes as Latin-1, which can
    decode anything, so that nothing else fails first."""
    for entry in getattr(config, "bibtex_bibfiles", None) or []:
        path = Path(app.confdir) / entry
        try:
            read_text(path)
        except Unreadable as exc:
            if exc.message.startswith("not UTF-8"):
                config.bibtex_encoding = "latin-1"
            logger.error(f"{display_path(path, Path(app.srcdir))}:{exc.line}: {exc.message}")


def _check_bank(app) -> None:
    """A broken quiz fails the build even if no chapter shows it yet; so does a chapter
    citing a withdrawn source or a copy."""
    root = Path(app.srcdir)
    quizzes, problems = bank.check_bank(root) if (root / bank.QUIZ_DIR).is_dir() else ([], [])
    for problem in bank.chapter_problems(root):
        if problem not in problems:  # a broken copy-host list is found by both checks
            logger.error(f"sources: {problem}")
    for problem in problems:
        logger.error(f"quiz bank: {problem}")
    # The build is strict: a bank that rewards the longest option or one position fails it.
    for problem in fairness.bank_problems(quizzes, root):
        logger.error(f"quiz bank: {problem}")


def _check_front_matter(app, doctree) -> None:
    env = app.env
    docname = env.docname
    meta = env.metadata.get(docname, {})
    missing = [key for key in FRONT_MATTER_KEYS if key not in meta]
    where = env.doc2path(docname, False)
    if missing:
        logger.error(
            f"{where}: front matter lacks {', '.join(missing)} (every page needs "
            "reviewed: YYYY-MM-DD, description: one sentence, study_minutes: a number)",
            location=docname,
        )
        return
    reviewed = str(meta["reviewed"])
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}([Tt]|\s+)\d.*", reviewed):
        logger.error(f"{where}: front matter reviewed '{reviewed}' must be a date written YYYY-MM-DD, without a time",
                     location=docname)
        return
    try:
        day = dt.date.fromisoformat(reviewed)
    except ValueError:
        logger.error(f"{where}: front matter reviewed '{reviewed}' is not a real date (YYYY-MM-DD)", location=docname)
        return
    if day > dt.date.today():
        logger.error(f"{where}: front matter reviewed {reviewed} is in the future", location=docname)
    try:
        minutes = int(str(meta["study_minutes"]))
    except ValueError:
        logger.error(f"{where}: front matter study_minutes must be a whole number of minutes", location=docname)
        return
    due = review_due(day, dt.date.today())
    if due:
        _overdue_pages(env)[docname] = day
    if docname not in progress_pages(env):
        _insert_page_facts(doctree, day, minutes, due)


def _overdue_pages(env) -> dict[str, dt.date]:
    """docname -> its front matter's reviewed date, for pages due for review."""
    if not hasattr(env, "selfcheck_overdue"):
        env.selfcheck_overdue = {}
    return env.selfcheck_overdue


def _insert_page_facts(doctree, reviewed: dt.date, minutes: int, due: bool = False) -> None:
    """Under the page title: when the content was last checked, and the study time."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not section.children or not isinstance(section[0], nodes.title):
        return
    when = human_date(reviewed)
    line = nodes.paragraph(
        "", f"Study time: about {minutes} minutes · Content last reviewed: {when}", classes=["sc-page-facts"]
    )
    section.insert(1, line)
    if due:
        notice = nodes.paragraph("", "", classes=["sc-due-review"])
        notice += nodes.strong("", "Due for review:")
        notice += nodes.Text(
            f" this page was last checked on {when}, more than 12 months ago. "
            "Check anything you act on against current guidance."
        )
        section.insert(2, notice)


def _list_overdue(app, exception) -> None:
    """After a build: what is due for review, as information (the build does not fail on
    the passage of time, and it runs with -W, so this is no warning)."""
    if exception is not None:
        return
    root = Path(app.srcdir)
    today = dt.date.today()
    due = [(app.env.doc2path(doc, False), day) for doc, day in _overdue_pages(app.env).items()]
    if (root / bank.QUIZ_DIR).is_dir():
        quizzes, _ = bank.check_bank(root)
        due += [(display_path(q.path, root), q.reviewed) for q in quizzes if review_due(q.reviewed, today)]
    if not due:
        return
    logger.info(f"Due for review (last reviewed more than 12 months before {today.isoformat()}):")
    for where, day in sorted(due, key=lambda item: (item[1], str(item[0]))):
        logger.info(f"  {where}: reviewed {day.isoformat()}")


def _drop_widget_state(app, doctree) -> None:
    docname = app.env.docname
    if docname not in _quiz_pages(app.env):
        return
    nb_meta = getattr(app.env, "nb_metadata", {}).get(docname, {})
    js_files = nb_meta.get("js_files", {})
    for key in [k for k in js_files if k.startswith("ipywidgets")]:
        del js_files[key]


def _page_context(app, pagename, templatename, context, doctree) -> None:
    if app.builder.format != "html":
        return
    description = app.env.metadata.get(pagename, {}).get("description")
    if description:
        tag = f'<meta name="description" content="{escape(str(description), quote=True)}" />\n'
        context["metatags"] = context.get("metatags", "") + tag
    if pagename in _quiz_pages(app.env) or pagename in progress_pages(app.env):
        app.add_css_file(QUIZ_CSS)
        app.add_js_file(QUIZ_JS, loading_method="defer")


def _purge(app, env, docname) -> None:
    _quiz_pages(env).pop(docname, None)
    _overdue_pages(env).pop(docname, None)
    progress_pages(env).discard(docname)


def _merge(app, env, docnames, other) -> None:
    pages = _quiz_pages(env)
    for docname, ids in _quiz_pages(other).items():
        if docname in docnames:
            pages[docname] = ids
    progress_pages(env).update(progress_pages(other) & set(docnames))
    overdue = _overdue_pages(env)
    overdue.update({doc: day for doc, day in _overdue_pages(other).items() if doc in docnames})


def _progress_outdated(app, env, added, changed, removed):
    """The progress page lists every chapter: re-read it when any page changes."""
    if added or changed or removed:
        return sorted(progress_pages(env))
    return []


def _resolve_progress(app, doctree, docname) -> None:
    fill_placeholders(app, doctree, docname, _quiz_pages(app.env))


def setup(app):
    from . import answer_key_page, reference_style

    reference_style.register()  # before sphinxcontrib-bibtex looks the style up
    answer_key_page.setup(app)
    app.connect("config-inited", _add_static_path)
    app.connect("config-inited", _check_bibliography)
    app.connect("builder-inited", _check_bank)
    app.connect("source-read", _quote_front_matter_dates)
    app.connect("doctree-read", _check_front_matter)
    app.connect("doctree-read", _drop_widget_state)
    app.connect("html-page-context", _page_context)
    app.add_node(progress_placeholder)
    app.add_directive("selfcheck-progress", ProgressDirective)
    app.connect("env-get-outdated", _progress_outdated)
    app.connect("doctree-resolved", _resolve_progress)
    app.connect("env-purge-doc", _purge)
    app.connect("build-finished", _list_overdue)
    app.connect("env-merge-info", _merge)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
