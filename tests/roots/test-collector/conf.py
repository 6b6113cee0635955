# A tiny book for the Sphinx side of selfcheck, built in-process by tests/unit (sphinx.testing).
# The chapters are notebooks with stored outputs: nothing is executed.
project = "Collector test book"
extensions = ["myst_nb", "selfcheck"]
nb_execution_mode = "off"
nb_ipywidgets_js = {}
exclude_patterns = ["_build"]
suppress_warnings = ["myst.header"]
html_theme = "basic"
