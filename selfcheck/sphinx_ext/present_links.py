"""Links into presenter mode from the book's own pages (the session plans):
``[Present this quiz](chemotherapy.md?present)`` and, for the questions a plan names, in its
order, ``[questions 2, 3 and 5](chemotherapy.md?present=2,3,5)``.

MyST takes a link to something that is not a file for a cross-reference, and a file name has
no query, so such a link would be "not found". These links are resolved here, before MyST's
own resolver (priority 9): to the page's relative address with the query kept as written,
so that they work wherever the site is served. A page that does not exist, a page without a
quiz, or a question number its quiz does not have is a build warning (one line; the build is
strict, so it stops).
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from ..core import bank
from .collector import quiz_pages

logger = logging.getLogger(__name__)

PRESENT_LINK = re.compile(r"^(?P<path>[^?#]+\.(?:md|ipynb))\?present(?:=(?P<numbers>\d+(?:,\d+)*))?$")


def link_problem(env, srcdir: Path, path: str, docname: str | None, numbers: list[int]) -> str | None:
    """What is wrong with a presenter link, or None."""
    if not docname or docname not in env.found_docs:
        return f"presenter link to {path}: no such page in the book"
    shown = quiz_pages(env).get(docname)
    if not shown:
        return f"presenter link to {path}: that page shows no quiz"
    quizzes, _ = bank.check_bank(srcdir)
    quiz = next((q for q in quizzes if q.id == shown[0]), None)
    total = len(quiz.questions) if quiz else 0
    missing = [n for n in numbers if not 1 <= n <= total]
    if missing:
        listed = ", ".join(str(n) for n in missing)
        return f"presenter link to {path}: the quiz '{shown[0]}' has {total} questions, so no question {listed}"
    return None


class PresentLinks(SphinxPostTransform):
    default_priority = 8  # before MyST's resolver, which would call the link not found

    def run(self, **kwargs) -> None:
        env = self.env
        for node in list(self.document.findall(addnodes.pending_xref)):
            match = PRESENT_LINK.match(node.get("reftarget", "")) if node.get("reftype") == "myst" else None
            if not match:
                continue
            refdoc = node.get("refdoc", env.docname)
            _, abs_path = env.relfn2path(match["path"], refdoc)
            docname = env.path2doc(abs_path)
            numbers = [int(n) for n in (match["numbers"] or "").split(",") if n]
            problem = link_problem(env, Path(self.app.srcdir), match["path"], docname, numbers)
            if problem:
                logger.warning(problem, location=node)
            if problem or self.app.builder.format != "html":
                node.replace_self(node.children or nodes.Text(match["path"]))
                continue
            query = "present" + (f"={match['numbers']}" if match["numbers"] else "")
            uri = f"{self.app.builder.get_relative_uri(refdoc, docname)}?{query}"
            link = nodes.reference("", "", internal=True, refuri=uri, classes=["sc-present-link"])
            link.extend(node.children)
            node.replace_self(link)


def setup(app) -> None:
    app.add_post_transform(PresentLinks)
