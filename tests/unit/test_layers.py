"""The architecture holds: the quiz core imports no framework, the quiz engine none of the
site's tools, and the site package nothing of the quiz but its core."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE = sorted(p.stem for p in (ROOT / "selfcheck" / "core").glob("*.py") if p.stem != "__init__")
FRAMEWORKS = {"sphinx", "docutils", "myst_nb", "myst_parser", "ipywidgets", "IPython", "jinja2"}
SITE_TOOLS = {"tinycss2", "fontTools", "brotli", "lxml"}


def imported_modules(package: str) -> set[str]:
    """Every module the files of ``package`` import, by absolute name, relative ones resolved."""
    found = set()
    for path in (ROOT / package.replace(".", "/")).rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        here = list(parts[:-1])  # the package a relative import starts from
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = here[: len(here) - node.level + 1] if node.level else []
                module = ".".join([*base, node.module] if node.module else base)
                found.add(module)
                found |= {f"{module}.{alias.name}" for alias in node.names}
    return found


def test_the_quiz_core_loads_no_framework():
    code = (
        "import json, sys\n"
        + "".join(f"import selfcheck.core.{name}\n" for name in CORE)
        + "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    loaded = set(json.loads(subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True,
                                           capture_output=True, text=True).stdout))
    assert CORE and not loaded & (FRAMEWORKS | SITE_TOOLS), loaded & (FRAMEWORKS | SITE_TOOLS)


def test_no_module_of_selfcheck_imports_the_site_tools():
    assert {m for m in imported_modules("selfcheck") if m.split(".")[0] in SITE_TOOLS} == set()


@pytest.mark.parametrize("layer", ["selfcheck.views", "selfcheck.sphinx_ext", "selfcheck.export", "selfcheck.cli"])
def test_the_site_package_imports_only_the_quiz_core(layer):
    assert not any(m == layer or m.startswith(layer + ".") for m in imported_modules("course_site"))


def test_the_site_package_does_import_the_core_it_shares():
    # Guards the check above: it would pass vacuously if the import reader found nothing.
    assert "selfcheck.core.model" in imported_modules("course_site")
