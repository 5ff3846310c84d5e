"""Nothing outside the project's folder, and nothing from the network, is
read into an edition.

A report's cover is checked where it is made (:mod:`.masthead`) and a report
reached through a symbolic link where it is read (:mod:`.front_matter`); this
module keeps out what a page's *text* names: an image (``![](../../x.png)``,
``{figure}``), a ``{download}``, an ``{include}``, and any other file a
directive reads (``{literalinclude}``, ``{csv-table}``, ``{raw}``). Paths
resolve with symbolic links followed; the BibTeX files ``conf.py`` names are
the project's own wherever they lie. An address is never fetched: an image
at a URL (Sphinx downloads those for the PDF), a ``:url:`` of ``{csv-table}``
or ``{raw}`` (``file://`` included). What lies outside is an error
(``georeport.path``) and is withheld from the page even when the error is
silenced: an image becomes its alt text, a download its text, a directive's
file is not read, an included file's text is left out.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from docutils import nodes
from docutils.parsers.rst.directives.misc import adapt_path
from sphinx import addnodes
from sphinx.directives.patches import CSVTable

from .front_matter import outside_project
from .warnings_ import GeoreportWarning, log

if TYPE_CHECKING:
    from docutils.parsers.rst import Directive
    from sphinx.application import Sphinx

#: A URI with a scheme (``https:``, ``file:``, ``data:``): not a project file.
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _inside(srcdir: str | Path, path: Path) -> bool:
    """Does ``path`` (symbolic links followed) lie in the source folder?"""
    return path.resolve().is_relative_to(Path(srcdir).resolve())


def _outside(app: Sphinx, path: Path) -> bool:
    """Does ``path`` lie outside the source folder, and is no BibTeX file?"""
    bibfiles = {Path(app.confdir, b).resolve() for b in app.config.bibtex_bibfiles}
    return path.resolve() not in bibfiles and not _inside(app.srcdir, path)


def _fetch_refused(what: str, uri: str, location: Any) -> None:
    """Say that the address ``uri`` is not read: no build reads the network."""
    log(
        GeoreportWarning.PATH,
        "%s %s is an address, not a file of the project, and no build reads "
        "the network (nor a file:// or data: address): save the file in the "
        "project, beside the report, and name it from there",
        what,
        uri if len(uri) <= 80 else uri[:79] + "…",
        location=location,
        error=True,
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
    """``doctree-read``, before Sphinx collects images and downloads: an image
    at an address or outside the project becomes its alt text, a download
    outside it its text, so that neither is fetched or copied."""
    docname = app.env.docname
    for image in list(doctree.findall(nodes.image)):
        uri = image.get("uri", "")
        if _SCHEME.match(uri):
            _fetch_refused("the image", uri, image)
        else:
            _relative, path = app.env.relfn2path(uri, docname)
            if not _outside(app, Path(path)):
                continue
            _say(app, "the image", Path(path), image)
        alt = image.get("alt", "")
        image.replace_self(nodes.inline(alt, alt) if alt else nodes.inline())
    for download in list(doctree.findall(addnodes.download_reference)):
        target = download.get("reftarget", "")
        if "://" in target:
            continue  # a link, which Sphinx does not fetch
        _relative, path = app.env.relfn2path(target, docname)
        if _outside(app, Path(path)):
            _say(app, "the download", Path(path), download)
            text = download.astext()
            download.replace_self(nodes.inline(text, text))


def _directive_location(directive: Directive) -> str:
    source, line = directive.state_machine.get_source_and_line(directive.lineno)
    return f"{source}:{line}"


def refused_read(directive: Directive) -> bool:
    """A directive's ``:url:`` (never fetched) or ``:file:`` outside the
    project (never read), said at its line: True when refused."""
    options = directive.options
    location = _directive_location(directive)
    if "url" in options:
        _fetch_refused(f"the :url: of {{{directive.name}}}", options["url"], location)
        return True
    if "file" not in options:
        return False
    settings = directive.state.document.settings
    current = directive.state.document.current_source or ""
    path = Path(adapt_path(options["file"], current, settings.root_prefix))
    if _inside(settings.env.srcdir, path):
        return False
    log(
        GeoreportWarning.PATH,
        "the :file: of {%s} %s lies outside the project's folder %s, and "
        "nothing outside it is published: copy the file into the project and "
        "name it from there",
        directive.name,
        path.resolve(),
        Path(settings.env.srcdir).resolve(),
        location=location,
        error=True,
    )
    return True


class _Withheld(Exception):
    """A table's data is not read (:class:`CheckedCSVTable`)."""


class CheckedCSVTable(CSVTable):
    """``{csv-table}`` whose ``:file:`` stays in the project and whose
    ``:url:`` is never fetched (docutils would ``urlopen`` it)."""

    # Sphinx's CSVTable (list[Node]) and docutils' (Sequence[table |
    # system_message]) type run() differently: no signature satisfies both
    def run(self) -> list[nodes.Node]:  # type: ignore[override]
        try:
            return super().run()
        except _Withheld:
            return []

    def get_csv_data(self) -> Any:
        # called with the options as Sphinx adjusted them (an absolute
        # :file: taken from the source folder): the path docutils reads
        if refused_read(self):
            raise _Withheld
        return super().get_csv_data()


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
    app.add_directive("csv-table", CheckedCSVTable, override=True)
