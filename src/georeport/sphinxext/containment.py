"""Nothing outside the project's folder is read into an edition.

A report's cover is checked where it is made (:mod:`.masthead`) and a report
reached through a symbolic link where it is read (:mod:`.front_matter`); this
module keeps out what a page's *text* names: an image (``![](../../x.png)``,
``{figure}``), an ``{include}``, and any other file a directive reads
(``{literalinclude}``, ``{csv-table}``). Paths resolve with symbolic links
followed; the BibTeX files ``conf.py`` names are the project's own wherever
they lie. What lies outside is an error (``georeport.path``) and is withheld
from the page even when the error is silenced: an image becomes its alt text,
an included file's text is left out.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes

from .front_matter import outside_project
from .warnings_ import GeoreportWarning, log

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _outside(app: Sphinx, path: Path) -> bool:
    """Does ``path`` (symbolic links followed) lie outside the source folder?"""
    resolved = path.resolve()
    bibfiles = {Path(app.confdir, b).resolve() for b in app.config.bibtex_bibfiles}
    return resolved not in bibfiles and not resolved.is_relative_to(
        Path(app.srcdir).resolve()
    )


def _say(
    app: Sphinx, what: str, path: Path, location: nodes.Node | tuple[str, int | None]
) -> None:
    # Sphinx 9 types temp_data.setdefault "Any | None": it returns the set
    said = cast("set[Path]", app.env.temp_data.setdefault("georeport_outside", set()))
    if path.resolve() in said:
        return  # an included file is a dependency too: said once
    said.add(path.resolve())
    log(
        GeoreportWarning.PATH,
        "%s %s lies outside the project's folder %s, and nothing outside it is "
        "published: copy the file into the project and name it from there",
        what,
        path.resolve(),
        Path(app.srcdir).resolve(),
        location=location,
        error=True,
    )


def _where(app: Sphinx, name: str) -> tuple[str, int | None]:
    """The current document and the first line of its source naming ``name``
    (a directive's argument: docutils keeps no line for what it read)."""
    docname = app.env.docname
    try:
        lines = Path(app.env.doc2path(docname)).read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return docname, None
    found = (number for number, line in enumerate(lines, 1) if name in line)
    return docname, next(found, None)


def withhold_images(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, before Sphinx collects images: an image outside the
    project becomes its alt text, so it is never copied."""
    docname = app.env.docname
    for image in list(doctree.findall(nodes.image)):
        uri = image.get("uri", "")
        if "://" in uri or uri.startswith("data:"):
            continue  # not a file of this machine
        _relative, path = app.env.relfn2path(uri, docname)
        if not _outside(app, Path(path)):
            continue
        _say(app, "the image", Path(path), image)
        alt = image.get("alt", "")
        image.replace_self(nodes.inline(alt, alt) if alt else nodes.inline())


def withhold_include(
    app: Sphinx, relative: Path, _parent: str, content: list[str]
) -> None:
    """``include-read``: an included file outside the project is not read in."""
    path = Path(app.srcdir, relative)
    if _outside(app, path):
        _say(app, "the included file", path, _where(app, relative.name))
        content[0] = ""


def check_dependencies(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, last: any other file the page read from outside; the
    nodes made from it (a ``{literalinclude}``'s block) are taken out."""
    docname = app.env.docname
    for dependency in sorted(map(str, app.env.dependencies.get(docname, ()))):
        path = Path(app.srcdir, dependency)
        if not _outside(app, path):
            continue
        _say(app, "the file", path, _where(app, path.name))
        resolved = path.resolve()
        for node in list(doctree.findall(nodes.Element)):
            source = node.get("source")
            if (
                node.parent is not None
                and source
                and Path(source).resolve() == (resolved)
            ):
                node.parent.remove(node)


def withhold_source(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """A report reached through a symbolic link leading outside the project
    is not copied to ``_sources/`` either."""
    if outside_project(app, pagename):
        context["sourcename"] = ""


def setup(app: Sphinx) -> None:
    """What a page's text names outside the project is withheld."""
    # before Sphinx collects images (priority 500): what lies outside is
    # never copied
    app.connect("doctree-read", withhold_images, priority=400)
    # after Sphinx's collectors: the files they noted as dependencies
    app.connect("doctree-read", check_dependencies, priority=950)
    app.connect("include-read", withhold_include)
    app.connect("html-page-context", withhold_source)
