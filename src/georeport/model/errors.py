"""The one error of the model: a fact missing or malformed, with its line."""

from __future__ import annotations


class MetadataError(ValueError):
    """A fact of a report or of the journal is missing or malformed.

    ``line`` is the 1-based line of the source file where the fact stands (or
    should stand), so that Sphinx's logger can point the editor at it.
    """

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line
