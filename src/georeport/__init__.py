"""georeport: the publishing toolkit of the Geopolitical Report.

``extensions = ["georeport"]`` in ``conf.py`` loads the Sphinx extension
(:mod:`georeport.sphinxext`). The rest of the package: the report model
(:mod:`.model`), the house citation style (:mod:`.bib`), the editions' build
(:mod:`.build`), the importer (:mod:`.importer`) and the ``georeport``
command (:mod:`.cli`). ARCHITECTURE.md maps every module.
"""

from __future__ import annotations

from importlib.metadata import version

__version__ = version("georeport")


def setup(app: object) -> dict[str, object]:
    """The Sphinx extension's entry point (see :func:`.sphinxext.setup`)."""
    from .sphinxext import setup as setup_extension

    return setup_extension(app)  # type: ignore[arg-type]
