"""A question's source, named for a reader: "Issuer (year). Title." from book/references.bib."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pybtex.database import parse_string

from .markup import web_address


@dataclass(frozen=True)
class Source:
    key: str
    text: str
    url: str = ""
    status: str = ""  # withdrawn, superseded or draft: see source_policy


_ESCAPED = re.compile(r"\\([&%$#_])")


def _plain(latex: str) -> str:
    """BibTeX field text as plain text: protective braces dropped, escapes undone.
    (pybtex's own LaTeX renderer looks up plugins on every call: far too slow here.)"""
    text = _ESCAPED.sub(r"\1", latex.replace("{", "").replace("}", ""))
    return text.replace("--", "–").strip()


def read_sources(bib_path: Path) -> dict[str, Source]:
    """Every entry of the bibliography, named for a reader. Raises validate.Unreadable for
    a file that is not a regular UTF-8 file (the validator reports it first)."""
    from .validate import read_text

    return _read_sources(read_text(Path(bib_path)))


@lru_cache(maxsize=4)
def _read_sources(text: str) -> dict[str, Source]:
    data = parse_string(text, "bibtex")
    out = {}
    for key, entry in data.entries.items():
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        who = ", ".join(_plain(str(p)) for p in people) or _plain(
            entry.fields.get("organization", "") or entry.fields.get("publisher", "")
        )
        year = entry.fields.get("year", "")
        title = _plain(entry.fields.get("title", key))
        head = f"{who} ({year})" if who and year else who or year
        text = f"{head}. {title}." if head else f"{title}."
        url = web_address(entry.fields.get("url", ""))
        status = _plain(entry.fields.get("status", ""))
        out[key] = Source(key, text.replace("..", "."), url, status)
    return out
