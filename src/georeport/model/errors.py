"""The one error of the model: a fact missing or malformed, with its line."""

from __future__ import annotations

#: How many characters of a value a message quotes: enough to recognise it.
SHOWN = 60


class MetadataError(ValueError):
    """A fact of a report or of the journal is missing or malformed.

    ``line`` is the 1-based line of the source file where the fact stands (or
    should stand), so that Sphinx's logger can point the editor at it.
    """

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line

    def in_report(self) -> str:
        """The message as a reader of reports says it: with what to fix."""
        return f"{self} (fix the report's front matter)"


class FileNameError(MetadataError):
    """A report's file name breaks the rule of :data:`.report.FILE_NAME`."""

    def in_report(self) -> str:
        """The message alone: its fix is the new name it gives."""
        return str(self)


def cut(text: str, limit: int = SHOWN) -> str:
    """``text`` cut to ``limit`` characters with ``…``: a message is one line
    of the terminal, whatever length was written."""
    return text if len(text) <= limit else text[:limit] + "…"


def shown(value: str, limit: int = SHOWN) -> str:
    """``value`` quoted for a message (:func:`repr`), cut (:func:`cut`)."""
    return repr(cut(value, limit))
