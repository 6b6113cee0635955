"""The Jinja environment for every template of selfcheck's own pages (the progress page,
the answer key): autoescaping on, so every value is escaped unless it is marked as HTML
(``markupsafe.Markup``, given only to Markdown that markup.py has rendered with raw HTML off)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2


@lru_cache(maxsize=None)
def template_environment(folder: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
