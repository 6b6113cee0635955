"""How course_site decides what a page loads and mends the theme's markup, on small inputs
(course_site.page_assets, course_site.citations, course_site.theme_patches): no build."""

from __future__ import annotations

import json
import re
import textwrap
import zlib
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from docutils.core import publish_parts, publish_doctree
from docutils.writers.html5_polyglot import HTMLTranslator, Writer
from sphinx.builders.html._assets import _JavaScript

from course_site import citations, page_assets, theme_patches
from course_site.page_assets import AssetRules, LoaderSlot

CONFIG = SimpleNamespace(
    course_site_drop_assets=["fontawesome.js", "copybutton.js", "copybutton.css", "pygments.css"],
    course_site_search_only_assets=["searchtools.js", "language_data.js", "searchindex.js"],
    course_site_drop_inline_scripts=["THEBE_JS_URL", "toggleHint"],
    course_site_inline_scripts=["documentation_options.js"],
    course_site_after_paint_scripts=["doctools.js", "sphinx-book-theme.js", "bootstrap.js", "pydata-sphinx-theme.js"],
)


def url_of(filename, checksum=True):
    return f"../{filename}" + ("?v=1" if checksum else "")


def read_inline(name):
    return {"documentation_options.js": "\nconst DOCUMENTATION_OPTIONS = {};\n"}[name]


def names(scripts):
    return [js.filename or js.attributes.get("body") for js in scripts]


# ---- page_assets: which scripts and stylesheets a page keeps ----


def test_search_only_assets_and_late_scripts_depend_on_the_page():
    chapter = AssetRules.for_page(CONFIG, "book/chemotherapy")
    search = AssetRules.for_page(CONFIG, "search")
    assert not chapter.keeps("_static/searchtools.js") and search.keeps("_static/searchtools.js")
    assert not search.keeps("_static/scripts/fontawesome.js?digest=1")
    assert chapter.runs_after_paint("_static/doctools.js") and not search.runs_after_paint("_static/doctools.js")
    assert chapter.is_inlined("_static/documentation_options.js") and not chapter.is_inlined("_static/doctools.js")


def test_scripts_are_dropped_inlined_or_left_for_after_paint_in_place():
    files = [
        _JavaScript("documentation_options.js", priority=200),
        _JavaScript("doctools.js"),
        _JavaScript(None, body="const THEBE_JS_URL = 'x'"),
        _JavaScript(None, body="let toggleHintShow = 'Click';"),
        _JavaScript("copybutton.js"),
        _JavaScript("scripts/sphinx-book-theme.js"),
        _JavaScript("selfcheck-quiz.js", loading_method="defer"),
        _JavaScript(None, body="DOCUMENTATION_OPTIONS.pagename = 'x';"),
        _JavaScript("searchtools.js"),
    ]
    kept, late = page_assets.select_scripts(files, AssetRules.for_page(CONFIG, "book/x"), read_inline, url_of)
    assert late == ["../doctools.js?v=1", "../scripts/sphinx-book-theme.js?v=1"]
    inlined, slot, quiz, pagename = kept
    assert (inlined.filename, inlined.priority, inlined.attributes) == ("", 200, {"body": "const DOCUMENTATION_OPTIONS = {};"})
    assert isinstance(slot, LoaderSlot) and slot.replaced is files[1]
    assert quiz is files[6] and pagename is files[7]


def test_the_search_page_keeps_its_tools_and_runs_every_script_at_once():
    files = [_JavaScript("doctools.js"), _JavaScript("searchtools.js"), _JavaScript("copybutton.js")]
    kept, late = page_assets.select_scripts(files, AssetRules.for_page(CONFIG, "search"), read_inline, url_of)
    assert late == [] and names(kept) == ["doctools.js", "searchtools.js"]


def test_dropped_stylesheets_go_whatever_their_path_or_query():
    from sphinx.builders.html._assets import _CascadingStyleSheet as Css

    files = [Css("pygments.css", priority=200), Css("copybutton.css?v=2"), Css("styles/sphinx-book-theme.css"), Css("course.css")]
    kept = page_assets.select_stylesheets(files, AssetRules.for_page(CONFIG, "book/x"))
    assert [css.filename for css in kept] == ["styles/sphinx-book-theme.css", "course.css"]


def test_the_theme_templates_load_basic_css_not_theme_css_and_start_the_theme_scripts_late():
    assets, late = page_assets.theme_assets(AssetRules.for_page(CONFIG, "book/x"), url_of)
    assert assets.stylesheets == ["basic.css", "styles/pydata-sphinx-theme.css"]
    assert assets.head_scripts == []  # fontawesome.js: the stylesheet draws the icons
    theme_scripts = ["../_static/scripts/bootstrap.js?v=1", "../_static/scripts/pydata-sphinx-theme.js?v=1"]
    assert late == theme_scripts
    # not preloaded: a preload competes with the page's text and stylesheet for a phone's line
    assert assets.preloads == [] and assets.body_scripts == [] and assets.search_scripts == []
    search, late = page_assets.theme_assets(AssetRules.for_page(CONFIG, "search"), url_of)
    assert late == [] and search.body_scripts == search.preloads == theme_scripts
    assert search.search_scripts == ["../_static/searchtools.js", "../_static/language_data.js", "../searchindex.js"]


def test_the_loader_starts_the_scripts_in_order_after_the_first_paint():
    urls = ["../_static/doctools.js?v=9a2dae69", "../_static/scripts/bootstrap.js?v=1"]
    loader = page_assets.after_paint_loader(urls)
    assert loader.startswith('document.addEventListener("DOMContentLoaded",function(){requestAnimationFrame(')
    assert json.loads(re.search(r"(\[.*?\])\.forEach", loader).group(1)) == urls
    assert "s.async=false" in loader and "{#" not in loader and "\n" not in loader


def test_the_cache_buster_follows_the_written_file(tmp_path):
    (tmp_path / "_static").mkdir()
    script = tmp_path / "_static" / "a.js"
    script.write_bytes(b"one\r\n")
    assert page_assets.cache_buster(tmp_path, "_static/a.js") == f"?v={zlib.crc32(b'one' + bytes([10])):08x}"
    script.write_bytes(b"two")
    assert page_assets.cache_buster(tmp_path, "_static/a.js") == f"?v={zlib.crc32(b'two'):08x}"
    assert page_assets.cache_buster(tmp_path, "_static/missing.js") == ""


THEBE_CONFIG = """
    <script type="text/x-thebe-config">
    { requestKernel: true, kernelOptions: { name: "python3" } }
    </script>
    """


@pytest.mark.parametrize(("html", "dropped"), [
    (THEBE_CONFIG, True),
    ("<script>kernelName = 'python3'</script>", True),
    ("<script>let ok = 1</script>", False),                             # names no token
    ('<script src="x.js" data-kernel="requestKernel"></script>', False),  # fetched, not inline
    ("<p>requestKernel</p>", False),                                    # not a script
    ("<script>requestKernel</script><p>text</p>", False),               # more than the script
])
def test_raw_inline_scripts_are_recognised_by_their_tokens(html, dropped):
    assert page_assets.is_dropped_inline_script(html, ("requestKernel", "kernelName")) is dropped


def test_raw_scripts_written_into_the_document_are_removed():
    doctree = publish_doctree("Some text.")
    doctree.append(nodes.raw(text=THEBE_CONFIG, format="html"))
    doctree.append(nodes.raw(text="<script>kernelName = 'python3'</script>", format="html"))
    doctree.append(nodes.raw(text="<script>kernelName</script>", format="latex"))
    app = SimpleNamespace(config=SimpleNamespace(course_site_drop_inline_scripts=["requestKernel", "kernelName"]))
    page_assets.drop_inline_script_nodes(app, doctree, "book/x")
    assert [raw["format"] for raw in doctree.findall(nodes.raw)] == ["latex"]
    assert "Some text." in doctree.astext()


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


# ---- the package's templates ----


def test_the_templates_are_added_for_the_theme_they_replace_and_for_no_later_build():
    from sphinx.config import Config

    import course_site

    default = Config().templates_path  # Sphinx's default list, shared by every Config
    before = list(default)  # (sphinx-book-theme appends to it: not empty after its builds)
    config = SimpleNamespace(html_theme="sphinx_book_theme", templates_path=default)
    course_site._add_templates(None, config)
    assert config.templates_path == [*before, str(course_site.TEMPLATES)]
    assert default == before and Config().templates_path == before
    other = SimpleNamespace(html_theme="alabaster", templates_path=[])
    course_site._add_templates(None, other)
    assert other.templates_path == []
