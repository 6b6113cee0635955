"""How the theme's stylesheets and icon fonts are cut down, and joined into one per page
(course_site.css_prune, course_site.css_bundle): what a page uses survives, what nothing
can use goes."""

from __future__ import annotations

import pytest

from course_site.css_bundle import BundleError, bundle_site, bundle_text
from course_site.css_prune import DynamicNames, SiteElements, drop_unused_properties, icon_codepoints, prune_stylesheet

PAGE = """<!DOCTYPE html><html><body>
<nav class="bd-sidebar primary"><ul class="nav"><li class="toc-l1"><a href="#">A</a></li></ul></nav>
<main id="main-content"><p class="lead">Text <i class="fa-solid fa-bars"></i></p></main>
</body></html>"""
SCRIPT = 'el.classList.add("is-open"); const tip = document.createElement("table"); tip.className = "bs-tooltip-" + where;'


def prune(css: str, scripts: tuple[str, ...] = (SCRIPT,)) -> str:
    elements = SiteElements()
    elements.add_page(PAGE)
    return prune_stylesheet(css, elements, DynamicNames(list(scripts)))


@pytest.mark.parametrize("selector", [
    ".lead", "p.lead", "main p.lead", "#main-content > p", "ul.nav li.toc-l1 a", ".bd-sidebar.primary",
    "a:hover", "a:focus-visible", ".lead::before", "html[data-theme=dark] .lead", ":root", "*",
    "li:not(.active) > a", "p:is(.lead, .other)", ".unused, .lead",
    ".is-open",            # added by a script
    ".bs-tooltip-top",     # built by a script from a prefix
    "table", "table > .lead",  # an element a script creates
    ".sm\\:hidden",        # escaped names are not analysed: kept
])
def test_rules_that_may_match_are_kept(selector):
    assert f"{selector}{{color:red}}" in prune(f"{selector}{{color:red}}")


@pytest.mark.parametrize("selector", [
    ".unused", "p.nav", "#elsewhere", "main .toc-l1 .missing", "ul.lead", "section", "table.striped:hover",
    ".lead.unused",
])
def test_rules_that_cannot_match_are_dropped(selector):
    # (no script here: without SCRIPT a table is never created)
    assert prune(f"{selector}{{color:red}}\n.lead{{color:blue}}", scripts=()) == ".lead{color:blue}\n"


def test_at_rules_are_pruned_inside_and_kept_when_they_hold_no_rules():
    css = """@font-face{font-family:X;src:url(x.woff2)}
@keyframes spin{0%{transform:rotate(0)}to{transform:rotate(1turn)}}
@media (min-width:960px){.unused{color:red}}
@media print{.unused{color:red}.lead{color:blue}}
@supports (display:grid){@media screen{.lead{display:grid}}}"""
    out = prune(css)
    assert "@font-face{font-family:X;src:url(x.woff2)}" in out
    assert "@keyframes spin" in out
    assert "min-width:960px" not in out
    assert "@media print{.lead{color:blue}}" in out
    assert "@supports (display:grid){@media screen{.lead{display:grid}}}" in out


def test_icon_escapes_survive_and_are_found():
    out = prune('.fa-bars:before{content:"\\f0c9"}\n.fa-sun:before{content:"\\f185"}')
    assert out.isascii() and '.fa-bars:before{content:"\\f0c9 "}' in out
    assert "fa-sun" not in out
    assert icon_codepoints(out) == {0xF0C9}


def test_comments_and_source_maps_go():
    assert prune("/* x */.lead{color:red}\n/*# sourceMappingURL=x.css.map */") == ".lead{color:red}\n"


def test_a_broken_stylesheet_is_an_error_not_a_silent_loss():
    with pytest.raises(ValueError, match="line 1"):
        prune(".lead{color:red} .x")


def test_a_bundle_keeps_order_rebases_urls_and_names_its_parts(tmp_path):
    static = tmp_path / "_static"
    files = {"basic.css": ".a{color:red}", "styles/theme.css": ".b{background:url(../vendor/x.png)}",
             "course.css": ".c{background:url('data:image/png;base64,AA==')}"}
    text = bundle_text(list(files), lambda part: files[part])
    assert text.splitlines()[0] == "/* basic.css + styles/theme.css + course.css */"
    assert text.index(".a{") < text.index(".b{") < text.index(".c{")
    assert 'url("vendor/x.png")' in text and "url('data:image/png;base64,AA==')" in text

    for name, css in files.items():
        (static / name).parent.mkdir(parents=True, exist_ok=True)
        (static / name).write_text(css)
    page = tmp_path / "book" / "a.html"
    page.parent.mkdir()
    html = ('<head><link rel="stylesheet" href="../_static/basic.css?v=1" />\n'
            '<link href="../_static/styles/theme.css" rel="stylesheet" />\n<title>t</title>\n'
            '<link rel="stylesheet" href="../_static/course.css" />\n'
            '<link rel="stylesheet" href="https://example.org/x.css" />\n</head>')
    changed = bundle_site(static, {page: html}, lambda part: (static / part).read_text())
    new = changed[page]
    assert new.count('rel="stylesheet"') == 2 and "https://example.org/x.css" in new
    assert 'data-parts="basic.css styles/theme.css course.css"' in new
    bundle = next(static.glob("bundle-*.css"))
    assert f'href="../_static/{bundle.name}"' in new
    # built again from the bundled page: the same bundle, no stale ones left
    assert bundle_site(static, {page: new}, lambda part: (static / part).read_text()) == {}
    assert [p.name for p in static.glob("bundle-*.css")] == [bundle.name]


def test_a_stylesheet_that_imports_another_cannot_be_bundled():
    with pytest.raises(BundleError, match="theme.css imports"):
        bundle_text(["theme.css"], lambda part: '@import "../basic.css";')


def test_custom_properties_nothing_reads_are_dropped():
    sheets = {"theme.css": ":root{--a:1px;--b:var(--c);--c:2px;--d:3px;--e:4px}\n"
                           "@media print{:root{--a:0}}\n.x{width:var(--b)}"}
    readers = [".course{margin:var(--d)}", 'el.style.getPropertyValue("--e")']
    out = drop_unused_properties(sheets, readers)["theme.css"]
    assert "--a" not in out and "@media print" not in out  # read by nothing: gone, and the emptied @media
    for kept in ("--b:var(--c)", "--c:2px", "--d:3px", "--e:4px", ".x{width:var(--b)}"):
        assert kept in out, kept
    unchanged = {"s.css": ":root{--b:1px}\n.x{width:var(--b)}"}
    assert drop_unused_properties(unchanged, []) == unchanged
