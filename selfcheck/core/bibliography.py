"""The one reader of the course's bibliography (``book/references.bib``).

``read_bibliography`` reads a BibTeX file once, strictly, and returns what every user needs:
the citation keys (the validator checks each question's ``source`` against them), each
entry named for a reader as a ``Source`` ("Issuer (year). Title.", for the pages, the answer
key and the exports; its status and address for the source policy), and the problems that
stop it being used, each ``path:line: message``: a file that is not a regular UTF-8 file, a
BibTeX syntax error, a repeated entry or field, an address that is not http or https.
``selfcheck validate`` (with or without ``--bib``), the book build, the exports and the
source policy all read it here, so they accept and refuse the same files with the same lines.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .markup import web_address
from .validate import Problem, Unreadable, display_path, read_text


@dataclass(frozen=True)
class Source:
    key: str
    text: str
    url: str = ""
    status: str = ""  # withdrawn, superseded or draft: see source_policy


@dataclass(frozen=True)
class Bibliography:
    path: Path
    shown: str  # the path as problems name it
    # Every entry by key, in file order; empty when the file could not be parsed.
    sources: dict[str, Source] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    parsed: bool = False  # False: unreadable or not valid BibTeX, so no key can be trusted
    # Line of each entry's start, and of each (key, field name) written in it.
    lines: dict = field(default_factory=dict)

    @property
    def keys(self) -> frozenset[str] | None:
        """The citation keys, or None when the file could not be parsed."""
        return frozenset(self.sources) if self.parsed else None

    def line_of(self, key: str, field_name: str | None = None) -> int:
        return self.lines.get((key, field_name.lower()) if field_name else key, self.lines.get(key, 1))


def read_bibliography(path: Path, root: Path | None = None) -> Bibliography:
    """Read and check a bibliography. Never raises for bad input: every fault is a problem."""
    path = Path(path)
    shown = display_path(path, root)
    if not os.path.lexists(path):
        return Bibliography(path, shown, problems=(Problem(shown, 1, "bibliography not found: every question's source must be a key in it"),))
    try:
        text = read_text(path)
    except Unreadable as exc:
        return Bibliography(path, shown, problems=(Problem(shown, exc.line, exc.message),))
    parsed = _parse(text)
    problems = tuple(Problem(shown, line, message) for line, message in parsed.faults)
    return Bibliography(path, shown, parsed.sources, problems, parsed.ok, parsed.lines)


def read_sources(bib_path: Path) -> dict[str, Source]:
    """Every entry of the bibliography, named for a reader ({} when it is not valid BibTeX).
    Raises Unreadable for a file that is not a regular UTF-8 file (the validator reports it)."""
    return _parse(read_text(Path(bib_path))).sources


@dataclass(frozen=True)
class _Parsed:
    ok: bool
    sources: dict[str, Source]
    faults: tuple[tuple[int, str], ...]  # (line, message)
    lines: dict


_ENTRY_START = re.compile(r"^[ \t]*@[ \t]*\w+\s*[{(]\s*([^,\s]+)\s*,", re.MULTILINE)
_FIELD_NAME = re.compile(r"(?:^|[,{(])\s*([A-Za-z][\w-]*)\s*=", re.MULTILINE)


@lru_cache(maxsize=8)
def _parse(text: str) -> _Parsed:
    """Parse BibTeX text strictly (pybtex raises on any fault, rather than dropping every
    entry after it, which is what sphinxcontrib-bibtex would do with a warning)."""
    from pybtex import errors
    from pybtex.database import parse_string
    from pybtex.scanner import PybtexSyntaxError

    previous = errors.strict
    errors.set_strict_mode(True)
    try:
        data = parse_string(text, "bibtex")
    except PybtexSyntaxError as exc:
        return _Parsed(False, {}, ((exc.lineno or 1, f"BibTeX syntax error: {exc.error_type}"),), {})
    except Exception as exc:  # pybtex reports repeated entries and fields, bad names, as plain errors
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        key = re.search(r"(?:key|entry:) (\S+)", message)
        return _Parsed(False, {}, ((_last_entry_line(text, key.group(1)) if key else 1, f"cannot be read: {message}"),), {})
    finally:
        errors.set_strict_mode(previous)
    lines = _lines(text)
    sources = {key: _source(key, entry) for key, entry in data.entries.items()}
    # A source's address becomes a live link on the page, the answer key and exports.
    faults = tuple(
        (lines.get(key, 1), f"{key}: url {entry.fields['url'].strip()!r} must be an http or https address")
        for key, entry in data.entries.items()
        if entry.fields.get("url") and not web_address(entry.fields["url"])
    )
    return _Parsed(True, sources, faults, lines)


def _lines(text: str) -> dict:
    """Where each entry starts, and where each of its fields is written (for messages only:
    what the entries are comes from pybtex)."""
    starts = list(_ENTRY_START.finditer(text))
    lines: dict = {}
    for n, match in enumerate(starts):
        key = match.group(1)
        first = text.count("\n", 0, match.start()) + 1
        lines.setdefault(key, first)
        end = starts[n + 1].start() if n + 1 < len(starts) else len(text)
        for found in _FIELD_NAME.finditer(text, match.end() - 1, end):
            lines.setdefault((key, found.group(1).lower()), text.count("\n", 0, found.start(1)) + 1)
    return lines


def _last_entry_line(text: str, key: str) -> int:
    """The line of the last entry with this key: for a repeated entry, the repeat."""
    starts = [m for m in _ENTRY_START.finditer(text) if m.group(1) == key]
    return text.count("\n", 0, starts[-1].start()) + 1 if starts else 1


_ESCAPED = re.compile(r"\\([&%$#_])")


def _plain(latex: str) -> str:
    """BibTeX field text as plain text: protective braces dropped, escapes undone.
    (pybtex's own LaTeX renderer looks up plugins on every call: far too slow here.)"""
    text = _ESCAPED.sub(r"\1", latex.replace("{", "").replace("}", ""))
    return text.replace("--", "–").strip()


def _source(key: str, entry) -> Source:
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
    return Source(key, text.replace("..", "."), url, status)
