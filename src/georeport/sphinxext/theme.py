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

furo wraps each table in a ``<div>`` to which it copies the table's
attributes, its id too: a numbered table (``numfig``) had its id twice on
the page, which HTML forbids and EPUBCheck refuses. :class:`OneTableId`
leaves the id to the table.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from jinja2 import Environment, FileSystemBytecodeCache
from sphinx.transforms.post_transforms import SphinxPostTransform

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


class OneTableId(SphinxPostTransform):
    """A table's id on the table, not also on furo's wrapper around it."""

    formats = ("html",)
    default_priority = 510  # after furo's wrapper (500)

    def run(self, **kwargs: object) -> None:
        for wrapper in self.document.findall(nodes.container):
            if "table-wrapper" in wrapper["classes"]:
                wrapper["ids"] = []


def setup(app: Sphinx) -> None:
    """The templates and stylesheet, compiled once."""
    app.add_post_transform(OneTableId)
    app.connect("config-inited", add_paths)
    app.add_css_file(STYLESHEET)
    app.connect("builder-inited", keep_compiled)
