"""Which bibliography entries the course may cite, and who cites the others.

A UK reviewer accepts the document itself at its publisher's address, current. So a chapter
or a question may not cite an entry of ``book/references.bib`` that is

- marked ``status = {withdrawn}``, ``{superseded}`` or ``{draft}`` (its ``note`` says what
  replaced it), or
- at an address on a copy host: a third-party copy, aggregator or staging site, listed one
  host a line in ``book/copy-hosts.txt`` beside the bibliography (a host also covers its
  subdomains).

Every citation of such an entry is a problem ``path:line: key: message``; the book build and
``selfcheck validate`` fail on it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from .bibliography import Bibliography, Source
from .validate import Problem, Unreadable, display_path, read_text

COPY_HOSTS_FILE = "copy-hosts.txt"
REFUSED_STATUSES = ("withdrawn", "superseded", "draft")
# {cite}`a,b`, {cite:p}`a`, {cite:t}`a` … in MyST Markdown.
_CITE = re.compile(r"\{cite(?::\w+)?\}`([^`]*)`")
_SOURCE_LINE = re.compile(r"^\s*source\s*:")


def copy_hosts_path(bib_path: Path) -> Path:
    return Path(bib_path).parent / COPY_HOSTS_FILE


def read_copy_hosts(path: Path) -> tuple[str, ...]:
    """Host names, lowercased; blank lines and ``#`` comments ignored. No file, no hosts;
    a file that is not a regular UTF-8 file raises Unreadable."""
    if not os.path.lexists(path):
        return ()
    text = read_text(Path(path))
    hosts = (line.split("#", 1)[0].strip().lower() for line in text.splitlines())
    return tuple(h for h in hosts if h)


def _on_host(url: str, hosts: tuple[str, ...]) -> str | None:
    host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    for listed in hosts:
        if host == listed or host.endswith("." + listed):
            return listed
    return None


def refusals(sources: dict[str, Source], hosts: tuple[str, ...], bib_shown: str, hosts_shown: str) -> dict[str, str]:
    """Why each refused entry may not be cited, by key."""
    out = {}
    for key, source in sources.items():
        status = source.status.strip().lower()
        if status in REFUSED_STATUSES:
            out[key] = f"is marked {status} in {bib_shown}: cite the current document instead"
            continue
        host = _on_host(source.url, hosts) if source.url else None
        if host:
            out[key] = (
                f"is a copy on {host} (listed in {hosts_shown}): "
                "cite the document at its publisher's address"
            )
    return out


def bib_status_problems(bibliography: Bibliography) -> list[Problem]:
    """A ``status`` field that says something else is a typo, not a policy: refuse it."""
    allowed = ", ".join(REFUSED_STATUSES)
    return [
        Problem(bibliography.shown, bibliography.line_of(key, "status"),
                f"status '{source.status}' must be one of {allowed}")
        for key, source in bibliography.sources.items()
        if source.status and source.status.lower() not in REFUSED_STATUSES
    ]


def load_refusals(bibliography: Bibliography, root: Path | None) -> tuple[dict[str, str], list[Problem]]:
    """The refused entries of a bibliography read without problems, and the problem (if
    any) with the copy-host list beside it."""
    hosts_path = copy_hosts_path(bibliography.path)
    try:
        hosts = read_copy_hosts(hosts_path)
    except Unreadable as exc:
        return {}, [Problem(display_path(hosts_path, root), exc.line, exc.message)]
    return refusals(bibliography.sources, hosts, bibliography.shown, display_path(hosts_path, root)), []


def citation_problems(path: Path, text: str, refused: dict[str, str], root: Path | None) -> list[Problem]:
    """Problems for every {cite} of a refused entry in one MyST Markdown text."""
    problems = []
    shown = display_path(path, root)
    seen = set()
    for match in _CITE.finditer(text):
        line = text[: match.start()].count("\n") + 1
        for key in (k.strip() for k in match.group(1).split(",")):
            if key in refused and (line, key) not in seen:
                seen.add((line, key))
                problems.append(Problem(shown, line, f"cites a source that {refused[key]}", key))
    return problems


def question_problems(quizzes, refused: dict[str, str], root: Path | None) -> list[Problem]:
    """Problems for every question whose ``source`` is a refused entry."""
    problems = []
    for quiz in quizzes:
        lines = read_text(Path(quiz.path)).splitlines() if quiz.path else []  # a valid quiz: readable
        for question in quiz.questions:
            if question.source not in refused:
                continue
            line = next(
                (n for n in range(max(question.line, 1), len(lines) + 1) if _SOURCE_LINE.match(lines[n - 1])),
                question.line,
            )
            problems.append(
                Problem(display_path(quiz.path, root), line,
                        f"source '{question.source}' {refused[question.source]}", question.id)
            )
    return problems


def chapter_problems(book_dir: Path, refused: dict[str, str], root: Path | None) -> list[Problem]:
    """Problems for every chapter (``*.md`` under the book folder) citing a refused entry."""
    problems = []
    for path in sorted(Path(book_dir).rglob("*.md")):
        try:
            text = read_text(path)
        except Unreadable as exc:
            problems.append(Problem(display_path(path, root), exc.line, exc.message))
            continue
        problems.extend(citation_problems(path, text, refused, root))
    return problems
