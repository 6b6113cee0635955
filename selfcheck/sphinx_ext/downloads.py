"""Downloads built with the site, for an educator who has only the website: the question bank
as Moodle XML, GIFT and a QTI 2.1 package, and one printable answer key per chapter (the full
key is ``answer-key.html``, answer_key_page.py), all in course order (core.course_order).

``{selfcheck-downloads}`` on For educators lists them as links; once the build has finished
they are written into ``downloads/`` from the same bank the quizzes come from. With
``selfcheck_publish_answer_keys: false`` the site publishes no answers: no answer keys and no
exports (each export holds every correct answer), and the list says so; files an earlier
build left there are removed.
"""

from __future__ import annotations

import importlib.util
import posixpath
from pathlib import Path

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..core import bank, course_order

logger = logging.getLogger(__name__)

FOLDER = "downloads"
# (format, file name, what the link says)
EXPORTS = (
    ("moodle-xml", "question-bank-moodle.xml", "Moodle XML (every quiz, one category each)"),
    ("gift", "question-bank-gift.txt", "GIFT (for Moodle's GIFT import)"),
    ("qti", "question-bank-qti.zip", "QTI 2.1 content package (Canvas, Blackboard and others)"),
)
SCORM_FILE = "course-scorm.zip"
# SCORM (issue 16 item 1) comes from selfcheck/export/scorm.py, written by another branch: the
# link and the file appear together, and only once that module exists, so no link is broken.
SCORM_MODULE = "selfcheck.export.scorm"


def answer_key_file(quiz_id: str) -> str:
    return f"answer-key-{quiz_id}.html"


def publishing_answers(config) -> bool:
    return bool(config.selfcheck_publish_answer_keys)


def scorm_available() -> bool:
    return importlib.util.find_spec(SCORM_MODULE) is not None


def course_bank(root: Path):
    """The whole bank in course order, as the exporters take it (with the telephone triage
    calls, which only the answer key shows); None when it has problems (each has already
    stopped the build with its own message)."""
    from .. import export
    from ..core.bibliography import read_bibliography

    quizzes, problems = bank.check_bank(root)
    calls, call_problems = bank.check_calls(root)  # the answer key shows them after the quizzes
    if problems or call_problems:
        return None
    ordered = tuple(course_order.in_course_order(quizzes, root))
    return export.Bank(export.course_title(root), ordered, read_bibliography(root / bank.BIB_FILE, root).sources,
                       tuple(course_order.calls_in_course_order(calls, root)))


def _link(text: str, target: str, docname: str) -> nodes.reference:
    href = posixpath.relpath(target, posixpath.dirname(docname) or ".")
    return nodes.reference("", text, refuri=href, internal=False)


def _item(*children) -> nodes.list_item:
    return nodes.list_item("", nodes.paragraph("", "", *children))


class DownloadsDirective(SphinxDirective):
    has_content = False

    def run(self):
        root = Path(self.env.app.srcdir)
        for path in bank.quiz_files(root / bank.QUIZ_DIR):
            self.env.note_dependency(str(path))
        docname = self.env.docname
        listing = nodes.bullet_list(classes=["sc-downloads"])
        if scorm_available():
            listing += _item(_link("SCORM 1.2 package of the whole course", f"{FOLDER}/{SCORM_FILE}", docname),
                             nodes.Text(" (for Moodle, Totara, ESR's Oracle Learning and the NHS Learning Hub)"))
        if not publishing_answers(self.config):
            listing_or_none = [listing] if len(listing) else []
            note = nodes.paragraph("", "This site does not publish the answer keys or the question bank "
                                   "exports (they hold every correct answer). An educator can make them from "
                                   "the course's repository with the selfcheck tool, as described below.",
                                   classes=["sc-no-answer-keys"])
            return [*listing_or_none, note]
        for _, name, text in EXPORTS:
            listing += _item(_link(text, f"{FOLDER}/{name}", docname))
        quizzes, _ = bank.check_bank(root)
        keys = nodes.bullet_list()
        keys += _item(_link("Every quiz, in one document", "answer-key.html", docname))
        for quiz in course_order.in_course_order(quizzes, root):
            keys += _item(_link(quiz.title, f"{FOLDER}/{answer_key_file(quiz.id)}", docname))
        listing += nodes.list_item("", nodes.paragraph("", "Printable answer keys, in course order:"), keys)
        return [listing]


def write_downloads(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from .. import export

    folder = Path(app.outdir) / FOLDER
    if not publishing_answers(app.config):
        _remove_answers(folder)
        return
    data = course_bank(Path(app.srcdir))
    if data is None:
        return
    folder.mkdir(exist_ok=True)
    for fmt, name, _ in EXPORTS:
        (folder / name).write_bytes(export.render(fmt, data))
    for quiz in data.quizzes:
        one = export.Bank(data.course, (quiz,), data.sources)
        (folder / answer_key_file(quiz.id)).write_bytes(export.render("answer-key", one))


def write_scorm(app, exception) -> None:
    """The SCORM 1.2 package of the site just built (selfcheck/export/scorm.py's ``build_scorm``):
    after course_site's trimming (500) and before the offline worker's list (900), so the package
    holds the trimmed site. A course too large for SCORM 1.2 stops the build with one line."""
    if exception is not None or app.builder.format != "html" or not scorm_available():
        return
    from ..export.scorm import ScormError, build_scorm

    site = Path(app.outdir)
    (site / FOLDER).mkdir(exist_ok=True)
    try:
        build_scorm(site, site / FOLDER / SCORM_FILE)
    except ScormError as exc:
        logger.error(f"the SCORM package: {exc}")


def _remove_answers(folder: Path) -> None:
    """What an earlier build with answer keys published must not stay in the site."""
    if not folder.is_dir():
        return
    names = {name for _, name, _ in EXPORTS}
    for path in folder.iterdir():
        if path.name in names or (path.name.startswith("answer-key-") and path.suffix == ".html"):
            path.unlink()


def setup(app) -> None:
    # "env": switching it re-reads the pages, so For educators and the answer-key link change with it.
    app.add_config_value("selfcheck_publish_answer_keys", True, "env", [bool])
    app.add_directive("selfcheck-downloads", DownloadsDirective)
    app.connect("build-finished", write_downloads)
    app.connect("build-finished", write_scorm, priority=850)
