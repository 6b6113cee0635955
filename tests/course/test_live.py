"""In a live kernel the chapter's quiz cell yields the ipywidgets view (and the quiz MIME)."""

from __future__ import annotations

import jupytext
import nbclient
import pytest

from tests.support import ROOT
from selfcheck.views.notebook import QUIZ_MIME

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


@pytest.mark.build
def test_chapter_executed_as_notebook_yields_the_widget_view():
    notebook = jupytext.read(ROOT / "book" / "hormone-therapy.md")
    client = nbclient.NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "book")}}
    )
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    errors = [o for o in outputs if o.get("output_type") == "error"]
    assert not errors, errors
    quiz_outputs = [o for o in outputs if QUIZ_MIME in o.get("data", {})]
    assert len(quiz_outputs) == 1
    data = quiz_outputs[0]["data"]
    assert data[QUIZ_MIME] == {"id": "hormone-therapy"}
    assert data[WIDGET_MIME]["model_id"]
    # the kernel saved the widgets' state: the view is a real ipywidgets model tree
    state = notebook.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    assert data[WIDGET_MIME]["model_id"] in state
    names = {m["model_name"] for m in state.values()}
    assert {"RadioButtonsModel", "ButtonModel", "HTMLModel", "VBoxModel"} <= names
