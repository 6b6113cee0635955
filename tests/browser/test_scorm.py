"""The SCORM 1.2 package in Chromium under a real SCORM runtime: scorm-again (npm, pinned in
package.json) as `window.API` in a stand-in LMS page (tests/browser/scorm/lms.html, not part
of the package) that frames the extracted package. Status, score, suspend data and commits
reach the API; progress comes back from suspend data alone; nothing leaves the local server.
The public site never loads the adapter."""

from __future__ import annotations

import re
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from selfcheck.export.scorm import build_scorm
from tools.browser import block_outside
from tools.site_server import SiteServer

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
RUNTIME = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm12.js"
MASTERY = 80
CHAPTER = "hormone-therapy"


@pytest.fixture(scope="module")
def lms_folder(built_site, tmp_path_factory):
    """A folder served as the LMS: its page, scorm-again's runtime and the package in pkg/."""
    if not RUNTIME.is_file():
        pytest.fail(f"{RUNTIME.relative_to(ROOT)} is missing: run `npm ci --omit=dev` (make test does)")
    folder = tmp_path_factory.mktemp("lms")
    zip_path = folder / "course-scorm.zip"
    build_scorm(built_site, zip_path, mastery=MASTERY)
    shutil.copy(HERE / "scorm" / "lms.html", folder / "lms.html")
    shutil.copy(RUNTIME, folder / "scorm12.js")
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(folder / "pkg")
    return folder


@pytest.fixture
def lms(browser, lms_folder):
    with SiteServer(lms_folder) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        outside: list[str] = []
        block_outside(context, outside)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(base + "lms.html")
        page.base, page.outside, page.script_errors = base, outside, errors
        yield page
        context.close()


def course_frame(page, path: str):
    """Open ``path`` of the package in the launcher's frame (as a link inside the SCO would)."""
    launcher = page.frame_locator("#sco")
    launcher.locator("#sc-scorm-course").wait_for(state="attached")
    page.wait_for_function("document.getElementById('sco').contentWindow.API !== undefined && "
                           "!!document.getElementById('sco').contentWindow.API.selfcheckSession")
    page.frame(url=re.compile(r"scorm-launch\.html$")).evaluate(
        "path => document.getElementById('sc-scorm-course').src = path", path)
    page.wait_for_function(
        "path => { const f = document.getElementById('sco').contentDocument.getElementById('sc-scorm-course');"
        " return f.contentWindow.location.pathname.endsWith(path) && f.contentDocument.readyState === 'complete'; }",
        arg=path)
    frame = next(f for f in page.frames if f.url.split("?")[0].endswith(path))
    if frame.locator(".sc-quiz").count():
        frame.wait_for_selector(".sc-quiz.sc-ready")
    return frame


def commits(page) -> list[dict]:
    return page.evaluate("lms.commits")


def answer(frame, fieldset, right: bool) -> None:
    """Choose the correct options of ``fieldset`` (or the first wrong one) and check."""
    correct = [int(o) for o in fieldset.evaluate(
        "f => [...f.querySelector('template.sc-answer').content.querySelectorAll('[data-correct]')]"
        ".map(o => o.dataset.option)")]
    inputs = fieldset.locator(".sc-options input")
    if right:
        for i in correct:
            inputs.nth(i).check()
    else:
        wrong = next(i for i in range(inputs.count()) if i not in correct)
        inputs.nth(wrong).check()
    fieldset.locator(".sc-check").click()


def test_a_learner_in_the_lms_answers_resumes_and_passes(lms):
    page = lms
    page.evaluate("startLms(null)")
    page.wait_for_function("lms.commits.length >= 1")
    assert page.evaluate("lms.initialized") == 1
    assert commits(page)[0]["status"] == "incomplete"

    chapter = course_frame(page, f"book/{CHAPTER}.html")
    first = chapter.locator("fieldset[data-question-id]").first
    before = len(commits(page))
    answer(chapter, first, right=False)
    page.wait_for_function("n => lms.commits.length > n", arg=before)
    last = commits(page)[-1]
    assert last["status"] == "incomplete"
    assert re.fullmatch(r"S1[0-3][0-9A-Za-z_-]{3}[0-9A-Za-z_-]{12}", last["suspend"]), last["suspend"]
    assert page.evaluate("API.cmi.suspend_data") == last["suspend"]
    assert page.evaluate("lms.initialized") == 1, "one LMSInitialize for the whole session"
    chosen = first.evaluate("f => [...f.querySelectorAll('.sc-options input')].map(i => i.checked)")
    suspend = last["suspend"]

    # The launcher holds the session: leaving the course finishes it once.
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_function("lms.finished === 1")
    assert page.evaluate("lms.exit") == "suspend", "the LMS resumes this attempt next time"

    # Another device: a fresh API seeded with that suspend data, and nothing in this browser.
    page.evaluate("localStorage.clear()")
    page.evaluate("data => startLms(data)", suspend)
    chapter = course_frame(page, f"book/{CHAPTER}.html")
    first = chapter.locator("fieldset[data-question-id]").first
    assert first.evaluate("f => [...f.querySelectorAll('.sc-options input')].map(i => i.checked)") == chosen
    assert first.locator(".sc-feedback .sc-verdict").inner_text().startswith("Not quite")
    assert chapter.locator(".sc-score").inner_text().startswith("Score: 0 of")

    # The final check: all but 3 of 32 right at the first attempt is 91: passed (mastery 80).
    final = course_frame(page, "book/final-check.html")
    fieldsets = final.locator("fieldset[data-question-id]")
    total = fieldsets.count()
    wrong = 3
    for n in range(total):
        answer(final, fieldsets.nth(n), right=n >= wrong)
        if n < total - 1:
            assert commits(page)[-1]["status"] == "incomplete"
    expected = round(100 * (total - wrong) / total)
    page.wait_for_function("s => lms.commits.length && lms.commits[lms.commits.length - 1].raw === s", arg=str(expected))
    last = commits(page)[-1]
    assert (last["status"], last["min"], last["max"]) == ("passed" if expected >= MASTERY else "failed", "0", "100")
    assert len(last["suspend"]) <= 4096
    # A retry does not change the first attempt's score.
    before = len(commits(page))
    answer(final, fieldsets.nth(0), right=True)
    page.wait_for_function("n => lms.commits.length > n", arg=before)
    assert (commits(page)[-1]["raw"], commits(page)[-1]["status"]) == (str(expected), "passed")

    assert page.outside == [], "no request leaves the local server"
    assert page.script_errors == []


def test_failing_the_final_check_reports_failed(lms):
    page = lms
    page.evaluate("localStorage.clear()")
    page.evaluate("startLms(null)")
    final = course_frame(page, "book/final-check.html")
    fieldsets = final.locator("fieldset[data-question-id]")
    total = fieldsets.count()
    for n in range(total):
        answer(final, fieldsets.nth(n), right=n % 2 == 0)
    expected = round(100 * ((total + 1) // 2) / total)
    page.wait_for_function("s => lms.commits.length && lms.commits[lms.commits.length - 1].raw === s", arg=str(expected))
    assert commits(page)[-1]["status"] == "failed"
    assert page.outside == [] and page.script_errors == []


def test_a_page_outside_an_lms_changes_nothing(lms):
    """The package's pages opened with no API (or the public site): no status, no log."""
    page = lms
    messages: list[str] = []
    page.on("console", lambda m: messages.append(m.text) if "SCORM" in m.text or "LMS" in m.text else None)
    page.goto(page.base + f"pkg/book/{CHAPTER}.html")
    page.wait_for_selector(".sc-quiz.sc-ready")
    answer(page, page.locator("fieldset[data-question-id]").first, right=True)
    assert page.locator(".sc-feedback .sc-verdict").first.inner_text().startswith("Correct")
    assert messages == [] and page.script_errors == []


def test_the_launch_page_passes_axe_and_frames_the_course_without_an_lms(lms):
    page = lms
    page.goto(page.base + "pkg/scorm-launch.html")
    frame = page.frame_locator("#sc-scorm-course")
    frame.locator("article h1").first.wait_for()  # no API: the course's first page at once
    assert page.locator("#sc-scorm-course").get_attribute("title") == "Treating secondary breast cancer"
    serious = [v["id"] for v in Axe().run(page).response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    assert page.outside == [] and page.script_errors == []


def test_the_site_offers_the_package_built_with_it(built_site):
    """For educators' Downloads link to downloads/course-scorm.zip, made by the build itself."""
    with zipfile.ZipFile(Path(built_site) / "downloads" / "course-scorm.zip") as archive:
        names = set(archive.namelist())
        assert {"imsmanifest.xml", "scorm-launch.html", "selfcheck-scorm.json", "book/final-check.html"} <= names
        # the site as built, but no answer key: it scores the final check
        assert not [n for n in names if n.startswith("downloads/") or n.startswith("answer-key")]
        educators_inside = archive.read("book/for-educators.html").decode()
        assert not re.search(r'href="(?:\.\./)*(downloads/|answer-key[a-z0-9-]*\.html)', educators_inside)
        assert not [n for n in names if n.endswith(".zip") and "scorm" in n], "no SCORM package nested in the package"
        listed = re.findall(r'<file href="([^"]+)"/>', archive.read("imsmanifest.xml").decode())
        assert set(listed) == names - {"imsmanifest.xml"}
    educators = (Path(built_site) / "book" / "for-educators.html").read_text(encoding="utf-8")
    assert 'href="../downloads/course-scorm.zip"' in educators


class _Fetched(HTMLParser):
    """References a browser would fetch by itself (not links, which are followed only if clicked)."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "poster", "data"):
            if attrs.get(name):
                self.urls.append(attrs[name])
        if attrs.get("srcset"):
            self.urls += [part.split()[0] for part in attrs["srcset"].split(",") if part.strip()]
        if tag == "link" and attrs.get("href") and not {"next", "prev", "index", "search", "canonical"} & set((attrs.get("rel") or "").split()):
            self.urls.append(attrs["href"])


def test_the_real_package_lists_what_exists_and_fetches_nothing_outside(lms_folder, built_site):
    with zipfile.ZipFile(lms_folder / "course-scorm.zip") as archive:
        names = set(archive.namelist())
        manifest = archive.read("imsmanifest.xml").decode()
        listed = re.findall(r'<file href="([^"]+)"/>', manifest)
        assert listed and set(listed) == names - {"imsmanifest.xml"}
        assert "sw.js" not in names
        pages = [n for n in names if n.endswith(".html") and not n.startswith("_static/")]
        assert len(pages) > 30
        for name in pages:
            text = archive.read(name).decode()
            assert "serviceWorker" not in text, name
            parser = _Fetched()
            parser.feed(text)
            outside = [u for u in parser.urls if re.match(r"(https?:)?//", u)]
            assert outside == [], f"{name} fetches {outside}"
            if name not in ("index.html", "scorm-launch.html") and "</head>" in text:
                assert "_static/selfcheck-scorm.js" in text, name
        for name in names:
            if name.endswith(".css"):
                assert not re.search(r"url\(\s*['\"]?(https?:)?//", archive.read(name).decode()), name
    # The public site is unchanged: no page references the adapter.
    for page in Path(built_site).rglob("*.html"):
        assert "selfcheck-scorm" not in page.read_text(encoding="utf-8"), page
