"""On a page that shows a quiz: a "Go to the quiz" link under the page title (and under the
page's facts line, when it has one) and a "Back to the chapter" link after the quiz.

A long chapter's quiz is 25 screens down on a phone. The links are docutils nodes added when
the page is resolved (``doctree-resolved``), so nothing is stored in the environment. The
quiz heading they lead to carries ``tabindex="-1"`` (views/templates/quiz.html), so following
the link moves keyboard focus there; the way back leads to the page's top section, whose
position is where the next Tab starts.
"""

from __future__ import annotations

from docutils import nodes

from .collector import QUIZ_ATTRIBUTE, quiz_nodes, quiz_pages

GO_TO_QUIZ = "Go to the quiz"
BACK_TO_CHAPTER = "Back to the chapter"
JUMP_CLASS = "sc-jump"
# Lines written under a page title by the site (course_site's page facts and review notice):
# the link goes after them, so the title and its facts stay together.
UNDER_TITLE_CLASSES = ("sc-page-facts", "sc-due-review")


def quiz_title_id(quiz_id: str) -> str:
    """The quiz heading's id (docs/quiz-page.md: ``sc-<quiz-id>-title``)."""
    return f"sc-{quiz_id}-title"


def jump_line(text: str, target_id: str, kind: str) -> nodes.paragraph:
    line = nodes.paragraph("", "", classes=[JUMP_CLASS, f"{JUMP_CLASS}-{kind}"])
    line += nodes.reference("", text, refid=target_id, internal=True)
    return line


def _top_section(doctree) -> nodes.section | None:
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None or not section.children or not isinstance(section[0], nodes.title):
        return None
    return section


def _after_title(section: nodes.section) -> int:
    index = 1
    while index < len(section.children) and any(
        cls in section[index].get("classes", []) for cls in UNDER_TITLE_CLASSES
    ):
        index += 1
    return index


def add_jump_links(app, doctree, docname) -> None:
    if app.builder.format != "html" or docname not in quiz_pages(app.env):
        return
    section = _top_section(doctree)
    shown = quiz_nodes(doctree)
    if section is None or not shown or not section.get("ids"):
        return
    first, last = shown[0], shown[-1]
    section.insert(_after_title(section), jump_line(GO_TO_QUIZ, quiz_title_id(first[QUIZ_ATTRIBUTE]), "quiz"))
    back = jump_line(BACK_TO_CHAPTER, section["ids"][0], "back")
    last.parent.insert(last.parent.index(last) + 1, back)


def setup(app) -> None:
    app.connect("doctree-resolved", add_jump_links)
