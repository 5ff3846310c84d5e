"""No two reports of the journal have one DOI.

Each report's DOI is checked when its front matter is read
(:mod:`georeport.model`); whether another report has it too is known only
once every report is read: at ``env-updated``, in every build (also when
only one report was read again), from the reports kept in the environment.
(At ``env-check-consistency`` the message would follow Sphinx's "checking
consistency..." on its line, where the editions do not find it.)
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..model.doi import collisions
from .front_matter import all_reports
from .warnings_ import GeoreportWarning, log

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: ``doi:`` at the top of the front matter.
_DOI_LINE = re.compile(r"^doi\s*:", re.MULTILINE)


def _doi_line(env: BuildEnvironment, docname: str) -> int | None:
    """The line of ``doi:`` in a report's file; None when the DOI was made."""
    try:
        text = Path(env.doc2path(docname)).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    match = _DOI_LINE.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def check_unique(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: a DOI that two reports share is an error on the
    second (in file-name order), naming the first; no page is written again."""
    for first, second in collisions(all_reports(env)):
        line = _doi_line(env, second.docname)
        how = "its front matter's doi:" if line else "georeport_doi_pattern"
        log(
            GeoreportWarning.METADATA,
            "the DOI %s (from %s) is the DOI of %s too, and a DOI names one "
            "work: write another doi: in one of the two front matters, or "
            "make georeport_doi_pattern name {slug} or {order}",
            second.doi,
            how,
            env.doc2path(first.docname),
            location=(second.docname, line),
            error=True,
        )
    return []


def setup(app: Sphinx) -> None:
    """No two reports have one DOI, checked once every report is read."""
    app.connect("env-updated", check_unique)
