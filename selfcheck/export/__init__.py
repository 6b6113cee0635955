"""Exports of a validated question bank: Moodle XML, GIFT, QTI 2.1 and a printable answer key.

``selfcheck export --format FORMAT [-o OUT] [PATH ...]`` (selfcheck.cli) loads and checks
the bank as ``selfcheck validate`` does, then calls one renderer here. Each renderer takes a
``Bank`` and returns the file's bytes; nothing is written until the whole file is made.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from . import answer_key, gift, moodle, qti
from .common import Bank, ExportError, MOODLE_SHARES

# format name -> renderer
FORMATS = {
    "moodle-xml": moodle.render,
    "gift": gift.render,
    "qti": qti.render,
    "answer-key": answer_key.render,
}
# Formats that are not text: written only to a file (-o).
BINARY = frozenset({"qti"})


def course_title(root: Path) -> str:
    """The course's title from the book's _config.yml (the Moodle category above each quiz)."""
    try:
        config = yaml.safe_load((Path(root) / "_config.yml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        config = None
    title = config.get("title") if isinstance(config, dict) else None
    return " ".join(str(title).split()) if title else Path(root).resolve().name


def render(fmt: str, bank: Bank) -> bytes:
    return FORMATS[fmt](bank)


__all__ = ["BINARY", "Bank", "ExportError", "FORMATS", "MOODLE_SHARES", "course_title", "render"]
