"""The one error the importer raises, shaped so the CLI can print it as is.

Every problem with the input is the editor's to fix, so the message always
names the file, the line when there is one, what is wrong and what to do.
"""

from __future__ import annotations


class ImporterError(Exception):
    """A problem in the input files that stops the import before anything is written."""

    def __init__(self, path: str, line: int | None, problem: str, fix: str) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {problem}. Fix: {fix}.")
        self.path = path
        self.line = line
