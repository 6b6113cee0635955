"""course_site: the site around the course, a Sphinx extension beside ``selfcheck``.

- ``front_matter``: every page's front matter (review date, description, study time):
  checked, and shown under the page title;
- ``citations``: the reference list's markup (a node visitor) and the citations' hover text
  (``doctree-resolved``);
- ``theme_patches``: named patches where the theme has no hook;
- ``templates/``: the theme's templates this package replaces;
- ``trim``: what the theme ships and the course does not use, dropped or cut down once the
  pages are written (``css_prune``, ``css_bundle``, ``font_subset`` do the cutting).

Its settings in ``_config.yml`` start with ``course_site_``. It knows nothing of quizzes.
"""

from pathlib import Path

from . import citations, front_matter, theme_patches, trim

TEMPLATES = Path(__file__).parent / "templates"
# The themes whose templates those in ``templates/`` replace (pydata-sphinx-theme 0.17, and
# sphinx-book-theme 1.3 built on it); with any other theme they are not used.
THEMES = ("sphinx_book_theme", "pydata_sphinx_theme")


def _add_templates(app, config) -> None:
    """Searched before the theme's own: the overrides in ``templates/`` replace its files."""
    if config.html_theme in THEMES and str(TEMPLATES) not in config.templates_path:
        config.templates_path.append(str(TEMPLATES))


def setup(app):
    app.connect("config-inited", _add_templates)
    front_matter.setup(app)
    citations.setup(app)
    theme_patches.setup(app)
    trim.setup(app)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
