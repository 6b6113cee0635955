"""Dev helpers shared by the tests and the benchmarks: one static server (``site_server``),
one Chromium launcher (``browser``) and one page lister (``pages``). ``bench`` and
``lighthouse`` run as ``python -m tools.bench`` and ``python -m tools.lighthouse``."""
