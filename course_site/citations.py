"""How a chapter's citations and reference list are written into the page.

- The reference list's containers are plain: docutils marks the list ``role="list"`` and
  each entry ``role="doc-biblioentry"``, a deprecated role that is not a list item, so axe
  reports the list as missing its items (``aria-required-children``, critical). The HTML
  translator's visitor for citation nodes is replaced by one without the roles.
- A citation's hover text keeps author, title and year, not the web address:
  sphinxcontrib-bibtex repeats the whole reference in the hover text of every citation
  (216 times, 13 % of the bytes, on the longest chapter). The link leads to the full
  reference, address included.
"""

from __future__ import annotations

from docutils import nodes

URL_IN_HOVER = " URL: "


def visit_citation(self, node) -> None:
    """docutils 0.21's ``visit_citation`` (HTML5 writer) without its ARIA roles."""
    if not isinstance(node.previous_sibling(), type(node)):
        self.body.append('<div class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname]))


def depart_citation(self, node) -> None:
    self.body.append("</div>\n")
    if not isinstance(node.next_node(descend=False, siblings=True), type(node)):
        self.body.append("</div>\n")


def hover_without_address(title: str) -> str:
    """``"A. Author. Title. 2020. URL: https://…"`` -> ``"A. Author. Title. 2020."``"""
    return title.split(URL_IN_HOVER, 1)[0]


def shorten_citation_hovers(app, doctree, docname) -> None:
    """The citations' links are resolved by now (``doctree-resolved``): each carries the
    reference as its ``reftitle``, which the HTML writer turns into the hover text."""
    for citation in doctree.findall(nodes.inline):
        if "bibtex-citation" not in citation["classes"]:
            continue
        for reference in citation.findall(nodes.reference):
            if "reftitle" in reference:
                reference["reftitle"] = hover_without_address(reference["reftitle"])


def setup(app):
    app.add_node(nodes.citation, override=True, html=(visit_citation, depart_citation))
    app.connect("doctree-resolved", shorten_citation_hovers)
