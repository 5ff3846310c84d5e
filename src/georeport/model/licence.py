"""The journal's licence: one SPDX identifier, its name and its address.

Every channel that states a licence (the pages, their head, the exports, the
PDF's XMP, the EPUB, JATS, Crossref, DOAJ) takes it from here. The licences
open-access journals use are known by their identifier; any other SPDX
identifier is accepted with the address of its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: An SPDX licence identifier's shape (letters, digits, ``.``, ``-``, ``+``).
_SPDX = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+-]*$")

#: The Creative Commons licences and dedication, by SPDX identifier: their
#: name as Creative Commons writes it, and their deed's address.
KNOWN = {
    "CC-BY-4.0": ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    "CC-BY-NC-4.0": ("CC BY-NC 4.0", "https://creativecommons.org/licenses/by-nc/4.0/"),
    "CC-BY-ND-4.0": ("CC BY-ND 4.0", "https://creativecommons.org/licenses/by-nd/4.0/"),
    "CC-BY-NC-SA-4.0": (
        "CC BY-NC-SA 4.0",
        "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    ),
    "CC-BY-NC-ND-4.0": (
        "CC BY-NC-ND 4.0",
        "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    ),
    "CC-BY-3.0": ("CC BY 3.0", "https://creativecommons.org/licenses/by/3.0/"),
    "CC0-1.0": ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
}


class LicenceError(ValueError):
    """A licence setting that cannot be read; ``setting`` is the one at fault."""

    def __init__(self, message: str, setting: str = "georeport_license") -> None:
        super().__init__(message)
        self.setting = setting


@dataclass(frozen=True)
class Licence:
    """A licence: its SPDX identifier, the name readers see, its address."""

    spdx: str
    name: str
    url: str


def licence(spdx: str, url: str = "") -> Licence | None:
    """The licence ``spdx`` names (``url``: its text's address, needed for a
    licence not in :data:`KNOWN`), or None when ``spdx`` is empty.

    Raises :class:`LicenceError` saying what to write."""
    spdx, url = spdx.strip(), url.strip()
    if not spdx:
        if url:
            msg = "an address with no licence: set georeport_license too"
            raise LicenceError(msg, "georeport_license_url")
        return None
    if not _SPDX.match(spdx):
        msg = f"{spdx!r} is no SPDX licence identifier: write e.g. CC-BY-4.0"
        raise LicenceError(msg)
    known = {key.casefold(): key for key in KNOWN}
    if spdx.casefold() in known:
        key = known[spdx.casefold()]
        name, deed = KNOWN[key]
        return Licence(key, name, url or deed)
    if not url.startswith(("https://", "http://")):
        msg = (
            f"{spdx!r} is not a licence georeport knows the address of: set "
            "georeport_license_url to the address of its text (https://...)"
        )
        raise LicenceError(msg)
    return Licence(spdx, spdx, url)
