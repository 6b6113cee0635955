"""The kernels the build starts keep quiet about their 127.0.0.1 link, and only about that.

``etc/ipython/ipython_kernel_config.py`` is copied into ``.venv/etc/ipython/`` by the Makefile.
"""

from __future__ import annotations

import logging
import runpy
import sys
from pathlib import Path

import nbclient
import nbformat
import pytest
from ipykernel.kernelapp import IPKernelApp

from tests.support import ROOT

CONFIG = ROOT / "etc" / "ipython" / "ipython_kernel_config.py"
INSTALLED = Path(sys.prefix) / "etc" / "ipython" / "ipython_kernel_config.py"
TCP_WARNING = "Kernel is running over TCP without encryption"


@pytest.fixture
def kernel_filter():
    """The config file's filter, as a kernel would load it, and a kernel app bound to ``ip``."""
    logger = logging.getLogger(IPKernelApp.__name__)
    before = list(logger.filters)
    runpy.run_path(str(CONFIG))
    added = [f for f in logger.filters if f not in before]
    assert len(added) == 1, "the config adds one filter to the kernel app's logger"

    def passes(message: str, ip: str) -> bool:
        IPKernelApp.clear_instance()
        IPKernelApp.instance(ip=ip)
        record = logger.makeRecord(logger.name, logging.WARNING, __file__, 1, message, (), None)
        return bool(added[0].filter(record))

    yield passes
    IPKernelApp.clear_instance()
    for f in added:
        logger.removeFilter(f)


def test_the_tcp_warning_is_dropped_only_for_a_loopback_kernel(kernel_filter):
    warning = TCP_WARNING + ". All communication (including code and outputs) is sent in plain text."
    assert not kernel_filter(warning, "127.0.0.1")
    assert kernel_filter(warning, "0.0.0.0")
    assert kernel_filter(warning, "192.168.1.20")
    assert kernel_filter("Some other warning", "127.0.0.1")


@pytest.mark.build
def test_a_kernel_started_as_the_build_starts_it_prints_no_tcp_warning(capfd):
    assert INSTALLED.is_file() and INSTALLED.read_text() == CONFIG.read_text(), (
        f"{INSTALLED} is missing or stale: run `make book` or `make test`, which install it"
    )
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('kernel ran')")])
    nbclient.NotebookClient(notebook, timeout=60, kernel_name="python3").execute()
    assert notebook.cells[0].outputs[0]["text"] == "kernel ran\n"
    # The kernel writes its log to the stderr it inherits from this process.
    assert TCP_WARNING not in capfd.readouterr().err
