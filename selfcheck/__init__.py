"""selfcheck: self-check quizzes from YAML question banks.

``quiz("<id>")`` and ``call("<id>")`` (a telephone triage call) in a chapter cell; ``selfcheck validate``/``export`` on the command line;
the Sphinx extension and myst-nb MIME renderer live in ``selfcheck.sphinx_ext``.
"""

from .views.notebook import call, quiz


def setup(app):
    """Lets ``selfcheck`` itself be listed as a Sphinx extension."""
    from .sphinx_ext import setup as _setup

    return _setup(app)


__all__ = ["call", "quiz", "setup"]
