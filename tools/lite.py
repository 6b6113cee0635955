"""The live site: JupyterLite with the Pyodide kernel, where a chapter's quiz runs as real
ipywidgets graded by Python in the reader's browser, served from the book's own folder.

``python -m tools.lite _build/html`` builds it into ``_build/lite`` when its inputs have
changed (``lite/``, selfcheck's code, the course's quizzes and bibliography) and puts a copy
into the book's output under the folder ``_config.yml`` names (``selfcheck_live_site``).
Nothing comes from a CDN: Pyodide's core files come from npm (``lite/package-lock.json``),
its package list is emptied and rebuilt from PyPI wheels pinned in ``lite/`` by JupyterLite's
``PyodideLockAddon``, and the course's data travels as a wheel of its own (see
``selfcheck/live.py``). The build tools need Python 3.12 or newer (pyodide-lock does), so they
live in ``.venv-lite``, made from a Python found on this machine.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import yaml

from selfcheck.core import bank
from selfcheck.live import DATA_PACKAGE, FOLDER_NAME

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "lite"
VENV = ROOT / ".venv-lite"
OUT = ROOT / "_build" / "lite"
WORK = ROOT / "_build" / "lite-work"
LOG = ROOT / "_build" / "lite.log"
SDIST_WHEELS = ROOT / "_build" / "lite-sdist-wheels"
STAMP = ".selfcheck-inputs"  # in a built live site: the digest of what it was built from
CONSTRAINTS = "browser-constraints.txt"
BROWSER_REQUIREMENTS = "browser-requirements.txt"
LITE_FILES = ("jupyter_lite_config.json", "jupyter-lite.json", BROWSER_REQUIREMENTS)
# Built from their source releases without the optional C speed-ups, which no PyPI wheel
# offers for Pyodide: PyYAML is told to skip libyaml; MarkupSafe's setup.py falls back to pure
# Python when its extension cannot be compiled, so the compiler is made to fail.
PURE_FROM_SDIST = {"pyyaml": {"PYYAML_FORCE_LIBYAML": "0"}, "markupsafe": {"CC": "/bin/false"}}
# Pyodide's npm package: what the kernel loads (source maps, type declarations and the
# demo consoles are left out).
PYODIDE_FILES = ("package.json", "pyodide.mjs", "pyodide.js", "pyodide.asm.mjs", "pyodide.asm.wasm",
                 "python_stdlib.zip", "pyodide-lock.json")
COURSE_DATA = ("_config.yml", str(bank.BIB_FILE), "book/copy-hosts.txt")
MIN_PYTHON = (3, 12)
# Loaded first by the REPL's page: it drops any code in the address but the live quiz's own.
GUARD = ROOT / "selfcheck" / "static" / "selfcheck-live-guard.js"
REPL_PAGE = Path("repl") / "index.html"


class LiteBuildError(Exception):
    """A problem that stops the live site's build, said in one line."""


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


# --- the build's Python -------------------------------------------------------------------

def _version(python: Path) -> tuple[int, int] | None:
    try:
        out = subprocess.run([str(python), "-c", "import sys; print(*sys.version_info[:2])"],
                             capture_output=True, text=True, timeout=60)
    except OSError:
        return None
    parts = out.stdout.split()
    return (int(parts[0]), int(parts[1])) if out.returncode == 0 and len(parts) == 2 else None


def candidate_pythons() -> list[Path]:
    """Pythons this machine has, most wanted first: $SELFCHECK_LITE_PYTHON, python3.13 and
    python3.12 on the PATH, then pyenv's installed versions (no download is ever tried)."""
    found = []
    if os.environ.get("SELFCHECK_LITE_PYTHON"):
        found.append(Path(os.environ["SELFCHECK_LITE_PYTHON"]))
    for name in ("python3.13", "python3.12"):
        path = shutil.which(name)
        if path:
            found.append(Path(path))
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    if pyenv.is_dir():
        found += sorted(pyenv.glob("3.1[2-9]*/bin/python"), reverse=True)
    return found


def find_python() -> Path:
    for python in candidate_pythons():
        version = _version(python)
        if version and version >= MIN_PYTHON:
            return python
    raise LiteBuildError(
        "the live site needs Python 3.12 or newer to build (pyodide-lock does) and none was found: "
        "install one (for example Debian's python3.12 or pyenv's) or name it in SELFCHECK_LITE_PYTHON")


def ensure_venv() -> Path:
    """.venv-lite with lite/requirements.txt installed; re-installed when the pins change."""
    pins = (INPUTS / "requirements.txt").read_bytes()
    stamp = VENV / ".installed"
    if stamp.is_file() and stamp.read_bytes() == hashlib.sha256(pins).hexdigest().encode():
        return VENV
    python = find_python()
    say(f"Installing the live site's build tools into {VENV.name} with {python} (first time only)")
    if VENV.exists():
        shutil.rmtree(VENV)
    _run([str(python), "-m", "venv", str(VENV)])
    _run([str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
          "-r", str(INPUTS / "requirements.txt")])
    stamp.write_bytes(hashlib.sha256(pins).hexdigest().encode())
    return VENV


def ensure_pyodide() -> Path:
    """Pyodide's npm package, at the version lite/package-lock.json pins."""
    folder = INPUTS / "node_modules" / "pyodide"
    stamp = INPUTS / "node_modules" / ".installed"
    lock = (INPUTS / "package-lock.json").read_bytes()
    digest = hashlib.sha256(lock).hexdigest().encode()
    if not (stamp.is_file() and stamp.read_bytes() == digest and folder.is_dir()):
        say("Installing Pyodide's core files from npm (first time only)")
        _run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=INPUTS)
        stamp.write_bytes(digest)
    return folder


# --- what the live site is built from ----------------------------------------------------

def live_folder(root: Path = ROOT) -> str:
    """The folder of the book's output the live site goes into (``selfcheck_live_site``)."""
    try:
        config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise LiteBuildError(f"_config.yml: cannot be read: {' '.join(str(error).split())}") from None
    folder = config
    for key in ("sphinx", "config", "selfcheck_live_site"):
        folder = folder.get(key) if isinstance(folder, dict) else None
    folder = folder if isinstance(folder, str) else ""
    if not FOLDER_NAME.fullmatch(folder):
        raise LiteBuildError(f"_config.yml: selfcheck_live_site must name a folder such as 'lite', not {folder!r}")
    return folder


def course_data_files(root: Path = ROOT) -> list[str]:
    """The course's files the live quiz reads, relative to the course's root."""
    quizzes = sorted(p.relative_to(root).as_posix() for p in bank.quiz_files(root / bank.QUIZ_DIR))
    return [name for name in COURSE_DATA if (root / name).is_file()] + quizzes


def _code_files() -> list[Path]:
    files = [ROOT / "pyproject.toml", Path(__file__)]
    for package in ("selfcheck", "course_site"):
        files += [p for p in sorted((ROOT / package).rglob("*"))
                  if p.is_file() and "__pycache__" not in p.parts]
    return files


def input_files() -> list[Path]:
    lite = [INPUTS / name for name in (*LITE_FILES, "requirements.txt", "package-lock.json", CONSTRAINTS)]
    return [p for p in lite if p.is_file()] + _code_files() + [ROOT / f for f in course_data_files()]


def input_digest() -> str:
    return _digest(input_files())


def _pin(pins: dict[str, str], name: str) -> str:
    if name not in pins:
        raise LiteBuildError(f"lite/{BROWSER_REQUIREMENTS}: no exact pin for {name} ({name}==<version>)")
    return pins[name]


def browser_pins() -> dict[str, str]:
    """name -> version from lite/browser-requirements.txt."""
    pins = {}
    for line in (INPUTS / BROWSER_REQUIREMENTS).read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"\s*([A-Za-z0-9_.-]+)==([^\s#]+)\s*(#.*)?", line)
        if match:
            pins[match[1].lower().replace("_", "-")] = match[2]
    return pins


# --- wheels ------------------------------------------------------------------------------

def _record_hash(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def _digest(files: list[Path], root: Path = ROOT) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def course_data_wheel(dest: Path, version: str, root: Path = ROOT) -> Path:
    """A wheel of the course's data files (``selfcheck_course_data/<path>``), written
    byte-for-byte the same for the same files (fixed dates, sorted entries). Its version
    carries a digest of the files (``0.1.0+<digest>``): a changed quiz is a new file name, so
    no browser keeps using a copy it saved of the old one."""
    names = course_data_files(root)
    version = f"{version}+{_digest([root / n for n in names], root)[:12]}"
    info = f"{DATA_PACKAGE}-{version}.dist-info"
    files = {f"{DATA_PACKAGE}/__init__.py": b'"""The course\'s quizzes, bibliography and _config.yml, for selfcheck.live."""\n'}
    for name in names:
        files[f"{DATA_PACKAGE}/{name}"] = (root / name).read_bytes()
    files[f"{info}/METADATA"] = (
        f"Metadata-Version: 2.1\nName: {DATA_PACKAGE.replace('_', '-')}\nVersion: {version}\n"
        "Summary: The course's quiz data for the live quiz (built by tools/lite.py)\n").encode()
    files[f"{info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: tools/lite.py\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    record = [f"{name},sha256={_record_hash(data)},{len(data)}" for name, data in files.items()]
    files[f"{info}/RECORD"] = ("\n".join([*record, f"{info}/RECORD,,"]) + "\n").encode()
    path = dest / f"{DATA_PACKAGE}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data in files.items():
            entry = zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(entry, data)
    return path


def selfcheck_wheel(dest: Path, pip: list[str]) -> None:
    """selfcheck's own wheel, built from a copy of its sources (a build in place would leave
    build/ and egg-info folders in the project), its version marked with a digest of the code
    as the data wheel's is."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp)
        project = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
        version = re.search(r'^version = "([^"]+)"$', project, re.M)[1]
        marked = project.replace(f'version = "{version}"', f'version = "{version}+{_digest(_code_files())[:12]}"', 1)
        (src / "pyproject.toml").write_text(marked, encoding="utf-8")
        for package in ("selfcheck", "course_site"):
            shutil.copytree(ROOT / package, src / package, ignore=shutil.ignore_patterns("__pycache__"))
        _run([*pip, "wheel", "--no-deps", "--quiet", "--disable-pip-version-check", "-w", str(dest), str(src)])


def pure_wheels(dest: Path, pip: list[str], pins: dict[str, str]) -> None:
    """PyYAML and MarkupSafe as pure-Python wheels, built once per version and kept."""
    SDIST_WHEELS.mkdir(parents=True, exist_ok=True)
    for name, env in PURE_FROM_SDIST.items():
        version = _pin(pins, name)
        built = [p for p in SDIST_WHEELS.glob("*.whl") if p.name.lower().startswith(f"{name}-{version}-")]
        if not built:
            _run([*pip, "wheel", "--no-deps", "--quiet", "--disable-pip-version-check", "--no-binary", name,
                  "-w", str(SDIST_WHEELS), f"{name}=={version}"], env=env)
            built = [p for p in SDIST_WHEELS.glob("*.whl") if p.name.lower().startswith(f"{name}-{version}-")]
        if not built or not built[0].name.endswith("-py3-none-any.whl"):
            raise LiteBuildError(f"{name} {version}: no pure-Python wheel could be built ({built})")
        shutil.copy2(built[0], dest / built[0].name)


# --- the build ---------------------------------------------------------------------------

def _run(command: list[str], cwd: Path | None = None, env: dict | None = None) -> None:
    LOG.parent.mkdir(parents=True, exist_ok=True)
    with LOG.open("a", encoding="utf-8") as log:
        log.write(f"\n$ {' '.join(command)}\n")
        log.flush()
        result = subprocess.run(command, cwd=cwd, env={**os.environ, **(env or {})},
                                stdout=log, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        raise LiteBuildError(f"{' '.join(command[:3])} ... failed (exit {result.returncode}); its output is in {LOG}")


def stage(work: Path, venv: Path, pyodide: Path) -> None:
    """The lite folder JupyterLite builds from: its settings, Pyodide with an empty package
    list (to be rebuilt from local wheels), and the wheels."""
    if work.exists():
        for child in work.iterdir():
            if child.name != ".cache":  # keeps the wheels uv downloaded
                shutil.rmtree(child) if child.is_dir() else child.unlink()
    work.mkdir(parents=True, exist_ok=True)
    for name in (*LITE_FILES, CONSTRAINTS):
        if (INPUTS / name).is_file():
            shutil.copy2(INPUTS / name, work / name)
    static = work / "static" / "pyodide"
    static.mkdir(parents=True)
    for name in PYODIDE_FILES:
        shutil.copy2(pyodide / name, static / name)
    lock = json.loads((static / "pyodide-lock.json").read_text(encoding="utf-8"))
    lock["packages"] = {}  # every one of them lives only on a CDN
    (static / "pyodide-lock.json").write_text(json.dumps(lock), encoding="utf-8")
    wheels = work / "wheels"
    wheels.mkdir()
    pip = [str(venv / "bin" / "python"), "-m", "pip"]
    pins = browser_pins()
    selfcheck_wheel(wheels, pip)
    pure_wheels(wheels, pip, pins)
    course_data_wheel(wheels, _pin(pins, "selfcheck-course-data"))


def guard_repl(site: Path) -> None:
    """Put the guard into the built live site, as the first script of the REPL's page."""
    shutil.copy2(GUARD, site / GUARD.name)
    page = site / REPL_PAGE
    text = page.read_text(encoding="utf-8")
    if text.count("<head>") != 1:
        raise LiteBuildError(f"{REPL_PAGE}: no single <head> to put the guard in (has JupyterLite changed?)")
    page.write_text(text.replace("<head>", f'<head>\n    <script src="../{GUARD.name}"></script>', 1), encoding="utf-8")


def check_course_data() -> None:
    """The quizzes the live site carries pass the validator the book uses."""
    _, problems = bank.check_bank(ROOT)
    if problems:
        raise LiteBuildError("the quizzes have problems (run `make validate`): " + str(problems[0]))


def build() -> Path:
    """Build the live site into _build/lite, unless it is already built from these inputs."""
    digest = input_digest()
    if (OUT / STAMP).is_file() and (OUT / STAMP).read_text(encoding="utf-8") == digest:
        return OUT
    check_course_data()
    venv = ensure_venv()
    pyodide = ensure_pyodide()
    say("Building the live site (JupyterLite with Pyodide) into _build/lite; about a minute")
    LOG.write_text("", encoding="utf-8")
    stage(WORK, venv, pyodide)
    (WORK / ".jupyterlite.doit.db").unlink(missing_ok=True)
    if OUT.exists():
        shutil.rmtree(OUT)
    _run([str(venv / "bin" / "jupyter"), "lite", "build", "--lite-dir", str(WORK), "--output-dir", str(OUT)],
         cwd=WORK, env={"UV_PYTHON_DOWNLOADS": "never"})
    guard_repl(OUT)
    if not (INPUTS / CONSTRAINTS).is_file() and (WORK / CONSTRAINTS).is_file():
        shutil.copy2(WORK / CONSTRAINTS, INPUTS / CONSTRAINTS)
        say(f"Wrote lite/{CONSTRAINTS} (the in-browser packages' versions): commit it")
    (OUT / STAMP).write_text(digest, encoding="utf-8")
    return OUT


def install(site: Path, html: Path, folder: str) -> Path:
    """The built live site into the book's output as ``html/<folder>`` (hard links where the
    file system allows: 40 MB copied on every book build would be slow)."""
    dest = html / folder
    if (dest / STAMP).is_file() and (dest / STAMP).read_text(encoding="utf-8") == (site / STAMP).read_text(encoding="utf-8"):
        return dest
    if dest.exists():
        shutil.rmtree(dest)

    def link_or_copy(src, dst):
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(site, dest, copy_function=link_or_copy)
    (dest / STAMP).unlink()  # a copy of its own: a linked stamp would follow the source's
    shutil.copy2(site / STAMP, dest / STAMP)
    return dest


def main(argv: list[str]) -> int:
    try:
        folder = live_folder()
        site = build()
        for html in argv:
            install(site, Path(html), folder)
    except LiteBuildError as error:
        print(f"==> The live site was not built: {error}", file=sys.stderr)
        return 1
    if argv:
        say(f"The live site is in {', '.join(str(Path(h) / folder) for h in argv)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
