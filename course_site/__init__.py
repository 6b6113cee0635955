"""course_site: the site around the course, a Sphinx extension beside ``selfcheck``.

It works through Sphinx's and the theme's hooks:

- ``front_matter``: every page's front matter (review date, description, study time):
  checked, and shown under the page title;
- ``page_assets``: which scripts and stylesheets each page loads (``html-page-context``,
  and the theme templates overridden in ``templates/``);
- ``citations``: the reference list's markup (a node visitor) and the citations' hover text
  (``doctree-resolved``);
- ``tables``: simple tables marked to be stacked on a phone, each cell labelled with its
  column (a replacement visitor for table cells);
- ``theme_patches``: named patches where the theme has no hook;
- ``templates/``: the theme's templates this package replaces (its asset tags, the search
  tools in its layout, its header's drawer buttons);
- ``trim``: once every page is written, the theme's stylesheets and icon fonts cut down to
  what the site uses and each page's stylesheets joined into one (``css_prune``,
  ``css_bundle``, ``font_subset`` do the cutting);
- ``offline``: the service worker that saves the whole site for reading with no network
  (``sw.js``, written after ``trim``), and the script on every page that registers it.

Its settings in ``_config.yml`` start with ``course_site_``. It knows nothing of quizzes.
"""

from pathlib import Path

from . import citations, front_matter, offline, page_assets, tables, theme_patches, trim

TEMPLATES = Path(__file__).parent / "templates"


def _add_templates(app, config) -> None:
    """Searched before the theme's own: the overrides in ``templates/`` replace its files.
    A new list: the one read may be Sphinx's default, shared by every later build in the process."""
    if config.html_theme in page_assets.THEMES and str(TEMPLATES) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES)]


def setup(app):
    app.connect("config-inited", _add_templates)
    front_matter.setup(app)
    page_assets.setup(app)
    citations.setup(app)
    tables.setup(app)
    theme_patches.setup(app)
    trim.setup(app)
    offline.setup(app)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
