"""Files written whole or not at all, and only when what they hold changes.

Every part of georeport that writes a file a reader (or the next build)
takes as it is uses :func:`write_if_changed`: a reader never sees half a
file, a killed build never leaves one, and a file whose bytes did not change
keeps its time (tools that look at times, Sphinx among them, see no change).
"""

from __future__ import annotations

import os
import tempfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

#: How the temporary files of a write begin: what a killed build left half
#: written, and what no edition publishes (``editions/publish.py``).
TEMPORARY = ".tmp-"


def write_if_changed(path: Path, text: str | bytes) -> bool:
    """Write ``text`` (UTF-8, line ends as they are) to ``path`` through a
    temporary file in its folder, unless the file holds it already; True if
    written. A file that existed keeps its permissions; a new one is 0644."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        old = path.stat()
        if path.read_bytes() == data:
            return False
        mode = old.st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644
    path.parent.mkdir(parents=True, exist_ok=True)
    # a short name: the file's own may be near the system's limit of 255
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=TEMPORARY)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    return True
