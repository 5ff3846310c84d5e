"""Images and covers checked by what their files hold, for every edition.

Each image of a page (``![](x.png)``, ``{figure}``, the cover) is read once,
after :mod:`.containment` has withheld what lies outside the project or at
an address: a file that is not a PNG, a JPEG or a clean SVG
(:mod:`georeport.images`: by its bytes, not its name) is an error
(``georeport.image``) at the line that names it (``cover.path:`` for the
cover), and becomes its alt text, so that it is never copied.

The PDF edition cannot show an SVG (XeLaTeX includes none: it stopped with
"Cannot determine size of graphic", naming no line). Converting one would
need a converter nobody installs with TeX Live and would parse the file
again; so when a builder can show none of an image's files, the image is an
error where it is written, checked as the builder writes each document. A
drawing in both forms, ``map.svg`` and ``map.png`` written as ``map.*``,
gives the page and the EPUB the SVG and the PDF the PNG.
"""

from __future__ import annotations

import glob
import mimetypes
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.utils import get_source_line

from .. import images
from .front_matter import get_report
from .masthead import COVER_ID
from .warnings_ import GeoreportWarning, log

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


#: Image types in words, for messages.
_KINDS = {"image/svg+xml": "an SVG", "image/gif": "a GIF", "application/pdf": "a PDF"}


def _is_cover(image: nodes.image) -> bool:
    parent = image.parent
    return isinstance(parent, nodes.figure) and COVER_ID in parent.get("ids", ())


def _subject(image: nodes.image) -> str:
    return "the cover image" if _is_cover(image) else "the image"


def _named(image: nodes.image) -> str:
    """Where the editor names the file: said after the fix."""
    return " in 'cover.path'" if _is_cover(image) else " instead"


def _location(
    env: BuildEnvironment, image: nodes.image
) -> nodes.Node | tuple[str, int | None]:
    """Where the image is named: its line in the text, or for the cover the
    line of ``cover.path`` in the front matter."""
    if not _is_cover(image):
        return image
    source, _line = get_source_line(image)
    docname = env.path2doc(source) if source else env.docname
    report = get_report(env, docname or env.docname)
    if report is None or report.cover is None:
        return image
    return report.docname, report.cover.line_of("path")


def _withhold(image: nodes.image) -> None:
    alt = image.get("alt", "")
    image.replace_self(nodes.inline(alt, alt) if alt else nodes.inline())


def _files(app: Sphinx, uri: str) -> list[Path]:
    """The files an image's URI names: ``map.*`` names each picture
    (Sphinx's candidates, one a builder picks), other URIs one file."""
    _relative, full = app.env.relfn2path(uri, app.env.docname)
    if not uri.endswith(".*"):
        return [Path(full)] if Path(full).is_file() else []
    found = []
    for name in sorted(glob.glob(glob.escape(full[:-2]) + ".*")):
        kind = mimetypes.guess_type(name)[0] or ""
        if kind.startswith("image/") or kind == "application/pdf":
            found.append(Path(name))
    return found


def check_files(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, before Sphinx collects images: each image's files
    checked by their bytes; a refused one becomes its alt text."""
    for image in list(doctree.findall(nodes.image)):
        uri = image.get("uri", "")
        files = _files(app, uri)
        for path in files:
            found = images.check(path)
            if found.shown:
                continue
            name = f"{uri} ({path.name})" if uri.endswith(".*") else uri
            log(
                GeoreportWarning.IMAGE,
                "%s '%s' %s: %s%s",
                _subject(image),
                name,
                found.problem,
                found.fix,
                _named(image),
                location=_location(app.env, image),
                error=True,
            )
            _withhold(image)
            break


def check_shown(app: Sphinx, doctree: nodes.document, _docname: str) -> None:
    """``doctree-resolved``: an image none of whose files the builder can
    show (an SVG, for the PDF) is said at its line and left out."""
    supported = app.builder.supported_image_types
    if not supported:
        return  # a builder that shows no image (text, linkcheck)
    edition = "the PDF edition" if app.builder.format == "latex" else "this edition"
    for image in list(doctree.findall(nodes.image)):
        candidates: dict[str, str] = image.get("candidates", {})
        if not candidates or "?" in candidates:
            continue  # not found (Sphinx says so), or at an address (withheld)
        if "*" in candidates:
            kinds = [mimetypes.guess_type(candidates["*"])[0] or ""]
        else:
            kinds = list(candidates)
        if any(kind in supported for kind in kinds):
            continue
        uri = image.get("uri", "")  # the project's path to it, by now
        stem = Path(uri).stem
        if _is_cover(image):
            fix = "name a PNG or JPEG of the picture in 'cover.path'"
        else:
            fix = (
                f"put a PNG of the same picture beside it ({stem}.png) and write "
                f"the image as {stem}.*: the page and the EPUB show the first, "
                "the PDF the PNG"
            )
        log(
            GeoreportWarning.IMAGE,
            "%s %r is %s, which %s cannot show: %s",
            _subject(image),
            uri,
            " or ".join(sorted({_KINDS.get(kind, kind) for kind in kinds})),
            edition,
            fix,
            location=_location(app.env, image),
            error=True,
        )
        _withhold(image)


def setup(app: Sphinx) -> None:
    """Every image checked by its bytes, and against each builder."""
    # before Sphinx collects images (priority 500), after containment's
    # handler (same priority, earlier in FEATURES): a refused file is never
    # copied
    app.connect("doctree-read", check_files, priority=400)
    app.connect("doctree-resolved", check_shown)
