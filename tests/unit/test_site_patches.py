"""How course_site writes the site's markup and mends the theme's, on small inputs
(course_site.citations, course_site.theme_patches): no build."""

from __future__ import annotations

import re
import textwrap

from bs4 import BeautifulSoup
from docutils import nodes
from docutils.core import publish_parts, publish_doctree
from docutils.writers.html5_polyglot import HTMLTranslator, Writer

from course_site import citations, theme_patches

# ---- citations: the reference list's markup and the hover text ----


class CourseTranslator(HTMLTranslator):
    visit_citation = citations.visit_citation
    depart_citation = citations.depart_citation


def render(rst: str, translator=CourseTranslator) -> str:
    writer = Writer()
    writer.translator_class = translator
    return publish_parts(textwrap.dedent(rst), writer=writer)["body"]


REFERENCES = """
    See [NICE2009]_ and [ESMO2024]_.

    .. [NICE2009] Advanced breast cancer.
    .. [ESMO2024] ABC7 guidelines.

    Between.

    .. [UKONS] Triage tool.
"""


def test_the_reference_list_has_plain_containers_and_the_same_entries():
    plain, stock = render(REFERENCES), render(REFERENCES, HTMLTranslator)
    assert 'role="doc-biblioentry"' in stock and 'role="list"' in stock  # what docutils writes
    assert 'role="list"' not in plain and "doc-biblioentry" not in plain
    assert plain.count('<div class="citation-list">') == 2  # one per run of entries, as docutils
    assert plain.count('<div class="citation"') == 3
    assert re.sub(r' role="(list|doc-biblioentry)"', "", stock) == plain


def test_the_hover_text_loses_the_address_only():
    title = "NICE. Advanced breast cancer: diagnosis and treatment. 2009. URL: https://www.nice.org.uk/guidance/cg81."
    assert citations.hover_without_address(title) == "NICE. Advanced breast cancer: diagnosis and treatment. 2009."
    assert citations.hover_without_address("No address. 2020.") == "No address. 2020."


def test_citation_links_lose_the_address_in_their_hover_text_and_other_links_keep_theirs():
    doctree = publish_doctree("Text.")
    cited = nodes.inline(classes=["bibtex-citation"])
    cited += nodes.reference("", "1", refid="id1", reftitle="A. Title. 2020. URL: https://example.org/a")
    other = nodes.reference("", "x", refuri="#y", reftitle="Keep. URL: https://example.org/b")
    doctree[0] += [cited, other]
    citations.shorten_citation_hovers(None, doctree, "book/x")
    assert [ref["reftitle"] for ref in doctree.findall(nodes.reference)] == ["A. Title. 2020.", "Keep. URL: https://example.org/b"]


# ---- theme_patches: the navigation's toggles ----

SIDEBAR = """<ul class="nav bd-sidenav">
<li class="toctree-l1 has-children"><a class="reference internal" href="a.html">A</a><details><summary><span class="toctree-toggle" role="presentation"><i class="fa-solid fa-chevron-down"></i></span></summary><ul><li class="toctree-l2"><a href="b.html">B</a></li></ul></details></li>
<li class="toctree-l0 has-children"><details><summary><p class="caption">Part</p><span class="toctree-toggle" role="presentation"></span></summary></details></li>
<li><details><summary aria-label="Own name"><span class="toctree-toggle"></span></summary></details></li>
</ul>"""


def test_section_toggles_get_a_name_unless_they_have_one():
    soup = theme_patches.label_section_toggles(BeautifulSoup(SIDEBAR, "html.parser"))
    labels = [summary.get("aria-label") for summary in soup.find_all("summary")]
    assert labels == [theme_patches.SECTION_TOGGLE_LABEL, None, "Own name"]
    assert '<summary aria-label="Show or hide the pages in this section"><span class="toctree-toggle"' in str(soup)


def test_the_theme_sidebar_function_is_wrapped_once_and_only_for_the_sidebar():
    calls = []

    def generate(kind, startdepth=1, **kwargs):
        calls.append((kind, startdepth))
        return BeautifulSoup(SIDEBAR, "html.parser")

    context = {"generate_toctree_html": generate}
    theme_patches._label_sidebar_toggles(None, "x", "page.html", context, None)
    theme_patches._label_sidebar_toggles(None, "x", "page.html", context, None)  # a second handler run
    wrapped = context["generate_toctree_html"]
    assert "Show or hide" in str(wrapped("sidebar", startdepth=0))
    assert "Show or hide" not in str(wrapped("raw"))
    assert calls == [("sidebar", 0), ("raw", 1)]
