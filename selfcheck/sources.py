"""A question's source, named for a reader: "Issuer (year). Title." from book/references.bib."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pybtex.database import parse_file
from pybtex.plugin import find_plugin
from pybtex.richtext import Text


@dataclass(frozen=True)
class Source:
    key: str
    text: str
    url: str = ""


@lru_cache(maxsize=1)
def _text_backend():
    # Looked up once: Text.render_as() looks the plugin up through the installed packages'
    # entry points on every call, which took ~0.05 s a call here (half a minute a bank).
    return find_plugin("pybtex.backends", "text")()


def _plain(latex: str) -> str:
    return Text.from_latex(latex).render(_text_backend()).strip()


def read_sources(bib_path: Path) -> dict[str, Source]:
    data = parse_file(str(bib_path), "bibtex")
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
        url = entry.fields.get("url", "")
        out[key] = Source(key, text.replace("..", "."), url)
    return out
