"""Patches to the theme where it offers no hook or template: each a small named function
with its reason and the upstream report, applied to what the theme builds, not to the
written page.
"""

from __future__ import annotations

SECTION_TOGGLE_LABEL = "Show or hide the pages in this section"


def label_section_toggles(soup, label: str = SECTION_TOGGLE_LABEL):
    """Give the navigation's expand/collapse toggles an accessible name.

    pydata-sphinx-theme 0.17 (``toctree.add_collapse_checkboxes``, since pull request #1582)
    builds each toggle as a ``<summary>`` holding only a decorative chevron
    (``role="presentation"``), so it has no name: axe's ``summary-name`` rule (serious).
    The summary is made in Python, not in a template, so the sidebar's HTML is given its
    label here. No upstream issue found as of 0.17.1; pytorch_sphinx_theme pull request
    #234 reports and patches the same. Summaries with a name of their own (a section
    caption in the summary, or an aria-label) are left as they are.
    """
    for summary in soup.find_all("summary"):
        if summary.get("aria-label") or summary.get_text(strip=True):
            continue
        summary["aria-label"] = label
    return soup


def _label_sidebar_toggles(app, pagename, templatename, context, doctree) -> None:
    generate = context.get("generate_toctree_html")
    if generate is None or getattr(generate, "course_site_labelled", False):
        return

    def generate_toctree_html(kind, *args, **kwargs):
        toctree = generate(kind, *args, **kwargs)
        return label_section_toggles(toctree) if kind == "sidebar" else toctree

    generate_toctree_html.course_site_labelled = True
    context["generate_toctree_html"] = generate_toctree_html


def setup(app):
    # After pydata-sphinx-theme's handler (priority 500), which puts the function in the context.
    app.connect("html-page-context", _label_sidebar_toggles, priority=900)
