"""The link from each chapter quiz to the same quiz in the live site (tools/lite.py builds it:
JupyterLite with Pyodide, in the output folder ``selfcheck_live_site`` names; empty, the
default, means no live site and no link).

The link opens JupyterLite's REPL with two lines of code, ``from selfcheck.live import quiz``
and ``quiz("<id>")``, so the quiz runs as ipywidgets graded by Python in the reader's browser.
"""

from __future__ import annotations

from urllib.parse import urlencode

from sphinx.errors import ConfigError
from sphinx.util.osutil import relative_uri

from ..live import FOLDER_NAME, live_code

# JupyterLite's REPL: the Python kernel, its status bar (so the reader sees it starting), no
# Pyodide banner.
REPL = "repl/index.html"
REPL_OPTIONS = {"kernel": "python", "toolbar": "1", "showBanner": "0"}


def live_address(folder: str, quiz_id: str) -> str:
    """The live quiz's address relative to the site's root."""
    return f"{folder}/{REPL}?" + urlencode({**REPL_OPTIONS, "code": live_code(quiz_id)})


def live_link(env, docname: str, quiz_id: str) -> str:
    """The live quiz's address relative to the page ``docname``; empty with no live site."""
    folder = env.config.selfcheck_live_site
    if not folder:
        return ""
    builder = env.app.builder
    return relative_uri(builder.get_target_uri(docname), live_address(folder, quiz_id))


def _check_folder(app, config) -> None:
    folder = config.selfcheck_live_site
    if folder and not FOLDER_NAME.fullmatch(folder):
        raise ConfigError(f"selfcheck_live_site: {folder!r} is not a folder name such as 'lite' (a-z, 0-9, -)")


def setup(app) -> None:
    # "env": the link is written into the pages as they are read.
    app.add_config_value("selfcheck_live_site", "", "env", [str])
    app.connect("config-inited", _check_folder)
