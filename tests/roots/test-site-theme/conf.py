# A tiny site on the course's theme (sphinx-book-theme on pydata-sphinx-theme), with the
# extensions whose assets the course drops, for course_site's hooks built in-process
# (tests/sphinx/test_site_hooks.py). The course_site_* lists are the course's own
# (_config.yml), read by the test.
extensions = ["sphinx_togglebutton", "sphinx_copybutton", "sphinx_thebe", "sphinx_design",
              "sphinxcontrib.bibtex", "sphinx_book_theme", "course_site"]
project = "Tiny site"
root_doc = "index"
exclude_patterns = ["_build"]
html_theme = "sphinx_book_theme"
html_theme_options = {"home_page_in_toc": True}
thebe_config = {"always_load": False}
bibtex_bibfiles = ["book/references.bib"]
bibtex_reference_style = "label"
language = "en-GB"
