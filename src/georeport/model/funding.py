"""Who funded a report: a funder, its Crossref Funder ID, an award number.

The Funder ID is the funder's DOI in Crossref's Open Funder Registry,
``10.13039/`` and digits (``10.13039/501100000780``, the European
Commission). Written bare, as ``doi:`` or as its doi.org link; kept bare.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .doi import RESOLVER
from .errors import shown

#: The Open Funder Registry's DOI prefix.
PREFIX = "10.13039"
_FUNDER_ID = re.compile(
    r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?(10\.13039/\d{5,20})$", re.IGNORECASE
)
EXAMPLE = "funder_id: 10.13039/501100000780"


@dataclass(frozen=True)
class Funding:
    """One funder of a report, and the award it gave (either may stand alone
    but the funder's name, which is required)."""

    funder: str
    #: the Crossref Funder ID, ``10.13039/501100000780``, or ``""``
    funder_id: str = ""
    #: the award (grant) number, as the funder writes it, or ``""``
    award: str = ""

    @property
    def funder_id_url(self) -> str:
        """``https://doi.org/10.13039/501100000780``, or ``""``."""
        return f"{RESOLVER}{self.funder_id}" if self.funder_id else ""


def funder_id(value: str) -> str:
    """A Crossref Funder ID (``10.13039/`` and digits) alone; ValueError
    saying what to write when ``value`` is none."""
    text = value.strip()
    match = _FUNDER_ID.match(text)
    if match is None:
        msg = (
            f"{shown(text)} is not a Crossref Funder ID: write the funder's DOI "
            f"from the Open Funder Registry, '{PREFIX}/' and digits, e.g. {EXAMPLE}"
        )
        raise ValueError(msg)
    return match.group(1)
