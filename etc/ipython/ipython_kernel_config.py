# IPython kernel configuration for the project's .venv (the Makefile copies this file to
# .venv/etc/ipython/, where every kernel started from .venv reads it: the book build's and
# `make lab`'s).
#
# At start-up ipykernel warns "Kernel is running over TCP without encryption" whenever its
# transport is TCP. The book build's kernels are started by myst-nb through nbclient, which
# offers no setting for the IPC transport, and they listen on 127.0.0.1 only: nothing leaves
# the machine, yet the build printed the warning once a chapter. This drops that one message,
# and only for a kernel bound to the loopback address; any other warning, and this one for a
# kernel listening on a real network address, is still shown.
import logging

from ipykernel.kernelapp import IPKernelApp

TCP_WARNING = "Kernel is running over TCP without encryption."
LOOPBACK = ("127.0.0.1", "localhost", "::1")


class LocalTcpWarningFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not str(record.msg).startswith(TCP_WARNING):
            return True
        app = IPKernelApp.instance() if IPKernelApp.initialized() else None
        return app is None or app.ip not in LOOPBACK


logging.getLogger(IPKernelApp.__name__).addFilter(LocalTcpWarningFilter())
