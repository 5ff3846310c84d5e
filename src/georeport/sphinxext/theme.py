"""The extension's templates and stylesheet, whatever the project's own.

The breadcrumbs' template (``templates/georeport-page.html``, which extends
the theme's page by one block) and ``static/georeport.css`` (the masthead,
the breadcrumbs) come with the extension, so that every journal built with
it looks the same without copying files into its ``docs/``. The project's
own templates and static files come first, so an editor can override
either by a file of the same name.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
#: The stylesheet every HTML page links.
STYLESHEET = "georeport.css"


def add_paths(_app: Sphinx, config: Config) -> None:
    """``config-inited``: the extension's templates and static files, after
    the project's."""
    config.templates_path = [*config.templates_path, str(TEMPLATES)]
    config.html_static_path = [*config.html_static_path, str(STATIC)]
