"""Which tables are stacked on a phone, and each cell's column label (course_site.tables), on
small tables: no build. The layout itself is held by tests/browser/test_phone.py."""

from __future__ import annotations

import re
import textwrap

from docutils.core import publish_doctree, publish_from_doctree
from docutils.writers.html5_polyglot import HTMLTranslator, Writer

from course_site import tables


class CourseTranslator(HTMLTranslator):
    visit_entry = tables.visit_entry
    depart_entry = tables.depart_entry


def render(rst: str, translator=CourseTranslator, label: bool = True) -> str:
    doctree = publish_doctree(textwrap.dedent(rst))
    if label:
        tables.label_simple_tables(None, doctree, "book/x")
    writer = Writer()
    writer.translator_class = translator
    return publish_from_doctree(doctree, writer=writer).decode("utf-8")


DRUGS = """
    =========== ============= ==========================
    Drug        How given     Key things to watch
    =========== ============= ==========================
    Letrozole   Tablet        Joint pain & "hot" flushes
    Fulvestrant Injection     Injection-site reactions
    =========== ============= ==========================
"""

ROW_NAMES = """
    +------+------------+
    |      | What it is |
    +======+============+
    | ADRT | A refusal  |
    +------+------------+
    | LPA  | A person   |
    +------+------------+
"""

SPANNING = """
    +------+------+
    | A    | B    |
    +======+======+
    | one cell    |
    +------+------+
    | x    | y    |
    +------+------+
"""

NO_HEADER = """
    ===== =====
    a     b
    c     d
    ===== =====
"""


def test_a_simple_table_is_stacked_and_each_cell_names_its_column():
    html = render(DRUGS)
    assert re.search(r'<table class="[^"]*course-stacked-table', html)
    assert html.count('data-label="Drug"') == 2
    assert html.count('data-label="Key things to watch"') == 2
    assert "<th" in html and "data-label" not in re.search(r"<thead>.*</thead>", html, re.S)[0]


def test_the_label_is_escaped():
    html = render(DRUGS.replace("How given  ", 'How "given"'))
    assert 'data-label="How &quot;given&quot;"' in html


def test_a_row_name_column_without_a_header_is_stacked_without_a_label_there():
    html = render(ROW_NAMES)
    assert "course-stacked-table" in html
    assert html.count('data-label="What it is"') == 2
    assert html.count("<td>") == 2  # the row names: no empty label


def test_tables_that_cannot_be_stacked_are_left_as_they_are():
    for rst in (SPANNING, NO_HEADER):
        html = render(rst)
        assert "course-stacked-table" not in html and "data-label" not in html
        assert html == render(rst, HTMLTranslator, label=False)  # exactly docutils' own cells


def test_a_stacked_table_is_docutils_table_with_the_labels_and_class_added():
    plain = render(DRUGS, HTMLTranslator, label=False)
    labelled = render(DRUGS)
    assert re.sub(r' data-label="[^"]*"| ?course-stacked-table', "", labelled).replace(' class=""', "") == plain
