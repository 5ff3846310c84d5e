"""A link in a page's text goes only where a source's link may go.

MyST makes no link of ``[x](javascript:...)``, but directives take an
address as an option (``{image}``'s ``:target:``) and docutils links it as
written: ``javascript:alert(1)`` became a live link. Every address with a
scheme is held to :func:`georeport.bib.style.link_target` (http, https, ftp,
mailto, DOIs), the rule of the sources' ``url``: any other is an error at
its line (``georeport.url``) and its text, not a link, in every edition.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes

from ..bib.style import link_target
from .warnings_ import GeoreportWarning, log

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: An address with a scheme (``javascript:``); others are the project's paths.
_SCHEME = re.compile(r"^\s*[a-zA-Z][a-zA-Z0-9+.-]*:")


def unlink(_app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: a link to an address no source may link to becomes
    its text."""
    for reference in list(doctree.findall(nodes.reference)):
        target = reference.get("refuri", "")
        if not _SCHEME.match(target) or link_target(target.strip()) is not None:
            continue
        log(
            GeoreportWarning.URL,
            "the link to %r is not an address a reader may follow (only http, "
            "https, ftp, mailto and DOIs are linked): it is shown as text: "
            "remove the address, or give an http or https one",
            target if len(target) <= 60 else target[:59] + "…",
            # a directive's link has no line: the image in it has
            location=next(
                (node for node in reference.findall(nodes.Element) if node.line),
                reference,
            ),
            error=True,
        )
        reference.replace_self(reference.children or [nodes.Text(target)])


def setup(app: Sphinx) -> None:
    """Links in the text held to the sources' rule."""
    app.connect("doctree-read", unlink)
