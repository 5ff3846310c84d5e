"""The extension's templates and stylesheet, whatever the project's own.

The breadcrumbs' template (``templates/georeport-page.html``, which extends
the theme's page by one block) and ``static/georeport.css`` (the masthead,
the breadcrumbs) come with the extension, so that every journal built with
it looks the same without copying files into its ``docs/``. The project's
own templates and static files come first, so an editor can override
either by a file of the same name.

Sphinx compiles every template a page uses (the theme's and these) at each
HTML build, about 0.15 s of a rebuild that writes one page:
:func:`keep_compiled` keeps them compiled between builds in Jinja's own
bytecode cache, beside Sphinx's environment. Jinja checks each compiled
template against its source's checksum, so an edited template is compiled
again; the pages are the same either way. A cache file that cannot be read
(cut short by a full disk or a crash, or damaged) is compiled again too:
Jinja's own cache stopped every later build on it
(:class:`TemplateCache`).
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemBytecodeCache

if TYPE_CHECKING:
    from jinja2.bccache import Bucket
    from sphinx.application import Sphinx
    from sphinx.config import Config

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
#: The stylesheet every HTML page links.
STYLESHEET = "georeport.css"
#: Folder of Sphinx's doctrees folder with the compiled templates.
COMPILED = "templates"


def add_paths(_app: Sphinx, config: Config) -> None:
    """``config-inited``: the extension's templates and static files, after
    the project's."""
    config.templates_path = [*config.templates_path, str(TEMPLATES)]
    config.html_static_path = [*config.html_static_path, str(STATIC)]


def keep_compiled(app: Sphinx) -> None:
    """``builder-inited``: the HTML builders' templates compiled once, and
    kept in the doctrees folder."""
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if not isinstance(environment, Environment) or environment.bytecode_cache:
        return  # not Sphinx's Jinja templates, or a cache already chosen
    folder = Path(app.doctreedir) / COMPILED
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = TemplateCache(str(folder))


class TemplateCache(FileSystemBytecodeCache):
    """Jinja's cache of compiled templates in a folder, where a file that
    cannot be read is a template not compiled yet.

    Jinja catches a damaged compiled template, not a damaged checksum before
    it: a file cut short there raised ``UnpicklingError`` in every build that
    wrote a page, until the doctrees folder was deleted. Jinja then compiles
    the template and writes the file again.
    """

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (pickle.UnpicklingError, EOFError, ValueError, TypeError, OSError):
            bucket.reset()


def setup(app: Sphinx) -> None:
    """The templates and stylesheet, compiled once."""
    app.connect("config-inited", add_paths)
    app.add_css_file(STYLESHEET)
    app.connect("builder-inited", keep_compiled)
