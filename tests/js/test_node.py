"""`make test` runs the script's own tests: node --test tests/js (Node 20, no npm packages)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).parent


def test_node_agrees_with_the_shared_table():
    node = shutil.which("node")
    assert node, "node is not installed: the page script's tests need Node 20 (node --test tests/js)"
    run = subprocess.run([node, "--test", str(HERE)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "# fail 0" in run.stdout and "# pass 0" not in run.stdout
