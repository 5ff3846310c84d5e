"""georeport: the publishing toolkit of the Geopolitical Report.

``extensions = ["georeport"]`` in ``conf.py`` loads the Sphinx extension
(:mod:`georeport.sphinxext`). The rest of the package: the report model
(:mod:`.model`), the house citation style (:mod:`.bib`), the editions' build
(:mod:`.editions`), the importer (:mod:`.importer`) and the ``georeport``
command (:mod:`.cli`). ARCHITECTURE.md maps every module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def __getattr__(name: str) -> str:
    """``georeport.__version__``, read from the installed package's metadata
    when asked: reading it costs ``georeport --help`` 40 ms."""
    if name == "__version__":
        from importlib.metadata import version

        return version("georeport")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def setup(app: Sphinx) -> dict[str, Any]:
    """The Sphinx extension's entry point (see :func:`.sphinxext.setup`)."""
    from .sphinxext import setup as setup_extension

    return setup_extension(app)
