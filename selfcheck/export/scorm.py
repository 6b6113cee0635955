"""A SCORM 1.2 package of the BUILT course (``selfcheck export --format scorm``).

The package is the site as ``make book`` built it (``_build/html``), made into one SCO:

- ``imsmanifest.xml`` at the root (templates/imsmanifest.xml): SCORM 1.2 (schemaversion 1.2,
  ADL CP namespaces), one organisation, one item with the mastery score, one resource
  (``adlcp:scormtype="sco"``) that lists every file of the package, and only those.
- ``scorm-launch.html`` (templates/scorm-launch.html), the SCO's launch page: it holds the
  LMS session while the course's pages load in its frame (``static/selfcheck-scorm.js``).
- ``selfcheck-scorm.json``: what the adapter needs to report (the mastery score, the final
  check, every quiz's questions and versions), from the My progress page's manifest.
- every page carries the adapter (``_static/selfcheck-scorm.js``, templates/scorm-script.html)
  and no service worker: ``sw.js`` is left out and the pages' inline script that registers
  it is removed (a worker registered inside an LMS would outlive the course there).
  ``_sources/`` (no page links to it), ``.buildinfo`` and any SCORM zip the site offers for
  download (``downloads/course-scorm.zip``, built by the site from this module) are left out too.
- no answer key: the site's downloads (bank exports and answer keys, every correct answer in
  one place) and ``answer-key.html`` are left out, and the pages' links to them become plain
  text, so a learner in the LMS cannot look up the final check it scores.

With ``per_chapter`` the result is a zip of zips, one package per quiz chapter: the chapter's
page (its quiz is on it), the pages it links to that carry no quiz (the glossary), and the
files those pages and their stylesheets reference. There the chapter's own quiz decides
passed or failed. Nothing is written until the whole package is made.
"""

from __future__ import annotations

import html
import io
import json
import posixpath
import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

from ..views.templating import template_environment

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).resolve().parent.parent / "static"

ADAPTER = "_static/selfcheck-scorm.js"
QUIZ_SCRIPT = "_static/selfcheck-quiz.js"
LAUNCH = "scorm-launch.html"
CONFIG = "selfcheck-scorm.json"
MANIFEST = "imsmanifest.xml"
FINAL_QUIZ = "final-check"
DEFAULT_MASTERY = 80
LEFT_OUT_FILES = {".buildinfo", "sw.js"}
LEFT_OUT_FOLDERS = {"_sources", "downloads"}
# Another site in the output (the live site, tools/lite.py) has a jupyter-lite.json at its
# root: it is left out, and the quizzes' links to it go (an LMS serves no Python).
OTHER_SITE_MARK = "jupyter-lite.json"
_LIVE_LINK = re.compile(r'<p class="sc-live"[^>]*>.*?</p>\n?', re.S)
# The answer keys: the site's full key at its root (sphinx_ext/answer_key_page.py); the
# per-chapter keys and the bank exports are under downloads/.
_ANSWER_KEY = re.compile(r"answer-key[a-z0-9-]*\.html$")
_LINK_TO_KEYS = re.compile(r'<a\b[^>]*\bhref="(?:\.\./)*(?:downloads/[^"]*|answer-key[a-z0-9-]*\.html)"[^>]*>(.*?)</a>', re.S)
# cmi.suspend_data holds 4096 characters: a 6-character header and 12 per answer
# (selfcheck-scorm.js); the learning record and calls come after, when they fit.
SUSPEND_LIMIT, SUSPEND_HEADER, SUSPEND_PER_ANSWER = 4096, 6, 12
MAX_QUESTIONS = (SUSPEND_LIMIT - SUSPEND_HEADER) // SUSPEND_PER_ANSWER
ZIP_DATE = (2026, 1, 1, 0, 0, 0)

_MANIFEST_JSON = re.compile(r'<script type="application/json" class="sc-manifest">(.*?)</script>', re.S)
_REFRESH = re.compile(r'<meta http-equiv="Refresh" content="\d+;\s*url=([^"]+)"', re.I)
_WORKER_SCRIPT = re.compile(r"<script>(?:(?!</script>).)*?navigator\.serviceWorker(?:(?!</script>).)*?</script>\n?", re.S)
_TITLE = re.compile(r"<title>([^<]+)</title>")
_ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
_PAGE_LINK = re.compile(r'href="([^"#?:]+\.html)')
_QUOTED = re.compile(r"""["']([^"'<>\s]+)["']""")
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')\s]+)["']?\s*\)""")


class ScormError(Exception):
    """The package cannot be made (one line, for the command line)."""


@dataclass(frozen=True)
class Site:
    folder: Path
    title: str
    first_page: str                 # the course's first page, relative to the site's root
    quizzes: tuple[dict, ...]       # the progress manifest's quizzes, each with "page" (site path)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


class _QuizScan(HTMLParser):
    """The quizzes on a built page, as the quiz script sees them (docs/quiz-page.md): each
    section.sc-quiz[data-quiz-id] with its title, and each question's id, version, type and
    number of options."""

    def __init__(self):
        super().__init__()
        self.quizzes: list[dict] = []
        self._question = None
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "section" and "sc-quiz" in classes and attrs.get("data-quiz-id"):
            self.quizzes.append({"id": attrs["data-quiz-id"], "title": "", "questions": []})
        elif not self.quizzes:
            return
        elif tag == "h3" and "sc-quiz-title" in classes:
            self._in_title = True
        elif tag == "fieldset" and attrs.get("data-question-id"):
            self._question = {"id": attrs["data-question-id"], "version": attrs.get("data-version", ""),
                              "options": 0, "multiple": attrs.get("data-type") == "multiple"}
            self.quizzes[-1]["questions"].append(self._question)
        elif tag == "input" and self._question is not None and attrs.get("type") in ("radio", "checkbox"):
            self._question["options"] += 1

    def handle_endtag(self, tag):
        if tag == "fieldset":
            self._question = None
        elif tag == "h3":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.quizzes[-1]["title"] += data


def _scan_quizzes(folder: Path) -> list[dict]:
    """Every quiz on the site's pages (first page that shows it), for a site without My progress."""
    quizzes, seen = [], set()
    for page in sorted(folder.rglob("*.html")):
        rel = page.relative_to(folder)
        if rel.parts[0] in ("_static", *_left_out(folder)):
            continue
        scan = _QuizScan()
        scan.feed(_read(page))
        for quiz in scan.quizzes:
            if quiz["id"] not in seen:
                seen.add(quiz["id"])
                title = " ".join(quiz["title"].split()) or quiz["id"]
                quizzes.append({**quiz, "title": title, "chapter": title, "page": rel.as_posix()})
    return quizzes


def _first_page(folder: Path, pages: list[str]) -> str:
    """The course's first page: where index.html sends the reader (jupyter-book writes it),
    else the page that comes first in reading order (it has a "next" and no "previous")."""
    if "index.html" in pages:
        refresh = _REFRESH.search(_read(folder / "index.html"))
        target = posixpath.normpath(refresh.group(1)) if refresh else "index.html"
        return target if (folder / target).is_file() else "index.html"
    for page in pages:
        text = _read(folder / page)
        if 'rel="next"' in text and 'rel="prev"' not in text:
            return page
    return pages[0]


def read_site(folder: Path) -> Site:
    """The built site's facts, or ScormError when ``folder`` is not a built course. The quizzes
    come from My progress's manifest (course order, chapter titles), else from the pages."""
    folder = Path(folder)
    pages = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html")
                   if p.relative_to(folder).parts[0] not in ("_static", *_left_out(folder))) if folder.is_dir() else []
    if not pages:
        raise ScormError(f"{folder} holds no built course (no pages): run `make book` first")
    manifest = None
    for page in sorted(folder.rglob("*.html")):
        if "_static" in page.relative_to(folder).parts:
            continue
        found = _MANIFEST_JSON.search(_read(page))
        if found:
            manifest, where = json.loads(found.group(1)), page
            break
    if manifest is not None and manifest.get("quizzes"):
        base = where.parent.relative_to(folder).as_posix()
        quizzes = [{**quiz, "page": posixpath.normpath(posixpath.join(base, quiz["url"].split("#")[0]))}
                   for quiz in manifest["quizzes"]]
        title = str(manifest.get("course", {}).get("title") or "")
    else:
        quizzes = _scan_quizzes(folder)
        title = ""
    first = _first_page(folder, pages)
    if not title:  # the first page's "Page — Project"
        found = _TITLE.search(_read(folder / first))
        title = html.unescape(found.group(1)).split(" — ")[-1].strip() if found else ""
    return Site(folder, title or "Course", first, tuple(quizzes))


def _left_out(folder: Path) -> set[str]:
    """The folders of the site not packaged: Sphinx's sources, the downloads, other sites."""
    others = {child.name for child in folder.iterdir() if (child / OTHER_SITE_MARK).is_file()}
    return LEFT_OUT_FOLDERS | others


def _files(folder: Path) -> list[str]:
    out = []
    left_out = _left_out(folder)
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if not path.is_file() or rel.parts[0] in left_out or rel.as_posix() in LEFT_OUT_FILES:
            continue
        if len(rel.parts) == 1 and _ANSWER_KEY.match(rel.name):
            continue  # the answer key: the package scores the final check
        if path.suffix == ".zip" and "scorm" in path.name:
            continue  # a package the site offers for download (this one's last copy): never nested
        out.append(rel.as_posix())
    return out


def _local_target(page: str, ref: str) -> str | None:
    """The site path ``ref`` (as written in ``page``) points to, or None for another host."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", ref, re.I) or ref.startswith(("//", "#", "/")):
        return None
    ref = ref.split("#")[0].split("?")[0]
    if not ref:
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), ref))
    return None if path.startswith("..") else path


def _needs(folder: Path, pages: list[str]) -> set[str]:
    """The files ``pages`` reference (quoted paths in the HTML, url() in stylesheets), with
    what those stylesheets reference in turn; pages themselves are not followed."""
    found, todo = set(), list(pages)
    while todo:
        name = todo.pop()
        text = _read(folder / name) if name.endswith((".html", ".css")) else ""
        refs = _QUOTED.findall(text) if name.endswith(".html") else _CSS_URL.findall(text)
        for ref in refs:
            target = _local_target(name, html.unescape(ref))
            if target is None or target in found or target.endswith(".html") or not (folder / target).is_file():
                continue
            found.add(target)
            if target.endswith(".css"):
                todo.append(target)
    return found


def _package_page(text: str, name: str) -> str:
    """A page as the package shows it: no service worker, no link to an answer key or
    download (left out of the package), the adapter before </head>."""
    text = _WORKER_SCRIPT.sub("", text)
    text = _LINK_TO_KEYS.sub(r"\1", text)
    text = _LIVE_LINK.sub("", text)
    if "</head>" not in text:
        return text  # a fragment (Review's question files), not a page
    depth = len(PurePosixPath(name).parts) - 1
    tag = template_environment(TEMPLATES, False).get_template("scorm-script.html").render(src="../" * depth + ADAPTER)
    return text.replace("</head>", tag + "\n</head>", 1)


def _identifier(text: str) -> str:
    out = re.sub(r"[^A-Za-z0-9_.-]", "-", text).strip("-") or "course"
    return out if re.match(r"[A-Za-z_]", out) else "c-" + out


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[name])
    return buffer.getvalue()


def _check_mastery(mastery) -> int:
    if isinstance(mastery, bool) or not isinstance(mastery, int) or not 0 <= mastery <= 100:
        raise ScormError(f"the mastery score must be a whole number from 0 to 100, not {mastery!r}")
    return mastery


def package(site: Site, mastery: int, files: list[str], first_page: str, quizzes, final: str | None,
            name: str) -> bytes:
    """One SCORM 1.2 package: ``files`` of the site (and the adapter), reporting on ``quizzes``."""
    questions = sum(len(q["questions"]) for q in quizzes)
    if questions > MAX_QUESTIONS:
        raise ScormError(
            f"{name}: {questions} questions; SCORM 1.2 keeps at most {MAX_QUESTIONS} answers "
            "in its 4096 characters of suspend data: use --per-chapter")
    entries: dict[str, bytes] = {}
    for rel in files:
        data = (site.folder / rel).read_bytes()
        if rel.endswith(".html"):
            data = _package_page(data.decode("utf-8"), rel).encode("utf-8")
        entries[rel] = data
    entries[ADAPTER] = (STATIC / "selfcheck-scorm.js").read_bytes()
    if QUIZ_SCRIPT not in entries:
        entries[QUIZ_SCRIPT] = (STATIC / "selfcheck-quiz.js").read_bytes()
    config = {
        "mastery": mastery,
        "final": final,
        "quizzes": [{"id": q["id"], "questions": [
            {k: question[k] for k in ("id", "version", "options", "multiple")} for question in q["questions"]
        ]} for q in quizzes],
    }
    entries[CONFIG] = json.dumps(config, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    env = template_environment(TEMPLATES)
    entries[LAUNCH] = env.get_template("scorm-launch.html").render(
        title=site.title, first_page=first_page).encode("utf-8")
    identifier = _identifier(name)
    entries[MANIFEST] = env.get_template("imsmanifest.xml").render(
        identifier=identifier, title=site.title if name == "course" else f"{site.title}: {quizzes[0]['chapter']}",
        mastery=mastery, launch=LAUNCH, files=sorted(entries),
    ).encode("utf-8")
    return _zip(entries)


def build_scorm(site_dir, out_path=None, mastery: int = DEFAULT_MASTERY, per_chapter: bool = False) -> bytes:
    """The SCORM 1.2 package of the built site in ``site_dir`` (a zip), or with ``per_chapter``
    a zip holding one package per quiz chapter (``<quiz-id>-scorm.zip``). Written to
    ``out_path`` when given (atomically); the bytes are returned. ScormError on bad input."""
    mastery = _check_mastery(mastery)
    site = read_site(Path(site_dir))
    if not per_chapter:
        data = package(site, mastery, _files(site.folder), site.first_page, site.quizzes,
                       FINAL_QUIZ if any(q["id"] == FINAL_QUIZ for q in site.quizzes) else None, "course")
    else:
        quiz_pages = {q["page"] for q in site.quizzes}
        chapters = {}
        for quiz in site.quizzes:
            article = _ARTICLE.search(_read(site.folder / quiz["page"]))
            linked = {_local_target(quiz["page"], link) for link in _PAGE_LINK.findall(article.group(0) if article else "")}
            pages = [quiz["page"], *sorted(p for p in linked if p and p not in quiz_pages and (site.folder / p).is_file())]
            files = sorted(set(pages) | _needs(site.folder, pages))
            chapters[f"{quiz['id']}-scorm.zip"] = package(site, mastery, files, quiz["page"], [quiz], quiz["id"], quiz["id"])
        data = _zip(chapters)
    if out_path is not None:
        from .output import OutputError, write_atomic
        try:
            write_atomic(Path(out_path), data)
        except OutputError as exc:
            raise ScormError(str(exc)) from None
    return data

