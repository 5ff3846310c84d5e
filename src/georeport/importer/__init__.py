"""Import a report from the journal's footnoted text (``georeport import``).

The pipeline, one module a step: :mod:`.document` splits the text into header
(:mod:`.header`), paragraphs and footnotes; :mod:`.footnotes` reads each
footnote's sources; :mod:`.keys` names them; :mod:`.myst` and :mod:`.bibtex`
write the report and the new entries; :mod:`.convert` runs these on strings
and :mod:`.files` reads and writes the files.
"""

from georeport.importer.convert import Conversion, convert
from georeport.importer.errors import ImporterError
from georeport.importer.files import Plan, plan_import, write_plan

__all__ = [
    "Conversion",
    "ImporterError",
    "Plan",
    "convert",
    "plan_import",
    "write_plan",
]
