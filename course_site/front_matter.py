"""Every page's front matter: the course's rules for it and what it puts on the page.

Each page declares ``reviewed: YYYY-MM-DD``, ``description`` and ``study_minutes``. The
build fails on a page that lacks one or gets one wrong; under each page's title it writes
the study time and when the content was last reviewed (with a notice when that is more
than twelve months ago), and the description becomes the page's meta description.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from html import escape

from docutils import nodes
from sphinx.util import logging

from selfcheck.core.model import due_listing, human_date, review_due

logger = logging.getLogger(__name__)

FRONT_MATTER_KEYS = ("reviewed", "description", "study_minutes")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)
# A bare date, perhaps with a time (YAML reads both as dates), perhaps before a comment.
_BARE_DATE = re.compile(
    r"^(\w+):[ \t]*(\d{4}-\d{1,2}-\d{1,2}"
    r"(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d*)?)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::?\d{2})?))?)?)"
    r"[ \t]*(#.*)?$",
    re.MULTILINE,
)


def quote_front_matter_dates(app, docname, source) -> None:
    """Quote bare dates in front matter (``reviewed: 2026-11-20``).

    YAML reads them as dates, and the notebook execution cache cannot store a date in
    notebook metadata: the build would stop with an opaque JSON error.
    """
    match = _FRONT_MATTER.match(source[0])
    if match:
        quoted = _BARE_DATE.sub(lambda m: f'{m[1]}: "{m[2]}"' + (f"  {m[3]}" if m[3] else ""), match.group(1))
        source[0] = source[0][: match.start(1)] + quoted + source[0][match.end(1) :]


def check_front_matter(app, doctree) -> None:
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
        overdue_pages(env)[docname] = day
    if docname not in app.config.course_site_pages_without_facts:
        insert_page_facts(doctree, day, minutes, due)


def overdue_pages(env) -> dict[str, dt.date]:
    """docname -> its front matter's reviewed date, for pages due for review."""
    if not hasattr(env, "course_site_overdue"):
        env.course_site_overdue = {}
    return env.course_site_overdue


def insert_page_facts(doctree, reviewed: dt.date, minutes: int, due: bool = False) -> None:
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


def tell(app, line: str) -> None:
    """Information for whoever runs the build. `make book` runs Sphinx quietly (-q), which
    drops information but not warnings, and this must be seen without failing the strict build."""
    logger.info(line)
    if app.quiet:
        print(line, file=sys.stderr, flush=True)  # make book sends stdout to its log


def list_overdue(app, exception) -> None:
    """After a build: the pages due for review, as information (the build does not fail on
    the passage of time, and it runs with -W, so this is no warning)."""
    if exception is not None:
        return
    reviewed = {app.env.doc2path(doc, False): day for doc, day in overdue_pages(app.env).items()}
    for line in due_listing("Pages", reviewed, dt.date.today()):
        tell(app, line)


def meta_description(app, pagename, templatename, context, doctree) -> None:
    if app.builder.format != "html":
        return
    description = app.env.metadata.get(pagename, {}).get("description")
    if description:
        tag = f'<meta name="description" content="{escape(str(description), quote=True)}" />\n'
        context["metatags"] = context.get("metatags", "") + tag


def purge(app, env, docname) -> None:
    overdue_pages(env).pop(docname, None)


def merge(app, env, docnames, other) -> None:
    overdue_pages(env).update({doc: day for doc, day in overdue_pages(other).items() if doc in docnames})


def setup(app) -> None:
    app.add_config_value("course_site_pages_without_facts", [], "env", [list])
    app.connect("source-read", quote_front_matter_dates)
    app.connect("doctree-read", check_front_matter)
    app.connect("html-page-context", meta_description)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("build-finished", list_overdue)
