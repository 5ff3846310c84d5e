"""The metadata model: one journal, its reports, each read and checked once.

Pure Python, no Sphinx. Every renderer (masthead, HTML head, LaTeX, exports,
deposits) takes a :class:`Report` and asks it for each derived fact; none
reads front matter or configuration on its own, and none re-validates.

* :mod:`.journal`: the journal's facts from ``conf.py``;
* :mod:`.report`: one report, its authors and cover, and what they derive;
* :mod:`.front_matter`: a report's front matter read into a :class:`Report`;
* :mod:`.dates`: dates known to the year, month or day;
* :mod:`.catalogue`: reports grouped into issues and volumes;
* :mod:`.doi`, :mod:`.issn`, :mod:`.ror`, :mod:`.language`: identifiers and
  language tags; :mod:`.funding`: who funded a report; :mod:`.licence`: the
  journal's licence;
* :mod:`.i18n`: the journal's fixed words in a report's language;
* :mod:`.errors`: :class:`MetadataError`, a fault with its line.

The names below are the model's public face; its modules import each other
directly, never through this package, so that no import goes in a circle.
"""

from __future__ import annotations

from .dates import PartialDate
from .errors import FileNameError, MetadataError
from .front_matter import read_report, report_from_source, split_front_matter
from .funding import Funding
from .journal import Journal
from .licence import Licence
from .report import Author, Cover, Report

__all__ = [
    "Author",
    "Cover",
    "FileNameError",
    "Funding",
    "Journal",
    "Licence",
    "MetadataError",
    "PartialDate",
    "Report",
    "read_report",
    "report_from_source",
    "split_front_matter",
]
