# A tiny course with telephone triage calls, for in-process builds (sphinx.testing): the course's extensions as
# jupyter-book loads them (tools/book.py builds the real course), notebooks stored with
# their outputs, so no kernel runs.
extensions = ["myst_nb", "sphinxcontrib.bibtex", "selfcheck", "course_site"]
project = "Tiny calls course"
root_doc = "book/intro"
exclude_patterns = ["_build", "**/.ipynb_checkpoints"]
nb_execution_mode = "off"
nb_ipywidgets_js = {}
bibtex_bibfiles = ["book/references.bib"]
suppress_warnings = ["bibtex.duplicate_label", "bibtex.duplicate_citation"]
html_theme = "basic"
