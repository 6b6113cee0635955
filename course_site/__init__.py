"""course_site: the site around the course, a Sphinx extension beside ``selfcheck``.

- ``front_matter``: every page's front matter (review date, description, study time):
  checked, and shown under the page title;
- ``citations``: the reference list's markup (a node visitor) and the citations' hover text
  (``doctree-resolved``);
- ``theme_patches``: named patches where the theme has no hook;
- ``trim``: what the theme ships and the course does not use, dropped or cut down once the
  pages are written (``css_prune``, ``css_bundle``, ``font_subset`` do the cutting).

Its settings in ``_config.yml`` start with ``course_site_``. It knows nothing of quizzes.
"""

from . import citations, front_matter, theme_patches, trim


def setup(app):
    front_matter.setup(app)
    citations.setup(app)
    theme_patches.setup(app)
    trim.setup(app)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
