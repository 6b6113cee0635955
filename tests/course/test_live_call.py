"""In a live kernel ``call("<id>")`` yields the ipywidgets view (and the call MIME), and
Python walks the call: one call driven to its outcome and restarted in a real kernel."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import nbclient
import nbformat

from selfcheck.views.notebook import CALL_MIME
from tests.support import SMALL_BIB, SMALL_QUIZ, write_project

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
FIXTURE = Path(__file__).parent.parent / "data" / "calls" / "hot-and-shivery.yml"

CELLS = [
    'from selfcheck import call\nshown = call("hot-and-shivery")\nshown',
    """\
    view = shown.widget
    view.choose(0)
    view.continue_button.click()
    view.choose(0)
    view.continue_button.click()
    print(view.walk.finished, view.walk.outcome.id, len(view.walk.taken))
    print("Grade: Red" in view.outcome.value, "This is the safe outcome for this call." in view.outcome.value)
    """,
    """\
    view.again_button.click()
    print(view.walk.step.id, len(view.walk.taken), view.step_box.layout.display, view.outcome.layout.display)
    """,
]


def test_a_call_is_walked_to_its_outcome_and_restarted_in_a_kernel(tmp_path):
    root = write_project(tmp_path, {"small.yml": SMALL_QUIZ}, SMALL_BIB)
    (root / "calls").mkdir()
    shutil.copy(FIXTURE, root / "calls")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(textwrap.dedent(c)) for c in CELLS])
    client = nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(root)}})
    client.execute()
    shown, walked, restarted = (cell.outputs for cell in notebook.cells)
    assert not [o for cell in notebook.cells for o in cell.outputs if o.output_type == "error"]
    data = shown[0]["data"]
    assert data[CALL_MIME] == {"id": "hot-and-shivery"}
    assert data[WIDGET_MIME]["model_id"]
    assert data["text/plain"] == "Telephone triage call: Hot and shivery a week after chemotherapy"
    assert "".join(o["text"] for o in walked).splitlines() == ["True come-in-now 2", "True True"]
    assert "".join(o["text"] for o in restarted).splitlines() == ["opening 0 None none"]
    state = notebook.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    names = {m["model_name"] for m in state.values()}
    assert {"RadioButtonsModel", "ButtonModel", "HTMLModel", "VBoxModel"} <= names
