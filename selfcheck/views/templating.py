"""The Jinja environment for every template of selfcheck (the quiz on the page, the widget's
parts, the progress page, the answer key): autoescaping on, so every value is escaped unless it is marked as HTML
(``markupsafe.Markup``, given only to Markdown that markup.py has rendered with raw HTML off)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2


@lru_cache(maxsize=None)
def template_environment(folder: Path, keep_trailing_newline: bool = True) -> jinja2.Environment:
    """A file's last newline is kept for whole documents, dropped for fragments in a page."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=keep_trailing_newline,
        undefined=jinja2.StrictUndefined,
    )
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}  # no spaces: page weight
    return env
