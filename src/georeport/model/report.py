"""One report of the journal, and every fact derived from its front matter.

Every renderer (masthead, HTML head, LaTeX, exports) takes a :class:`Report`
and asks it for what it derives (page URL, PDF name, issue line); none makes
its own. Front matter is read into it by :mod:`.front_matter`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import quote

from . import doi as dois
from . import ror as rors
from .dates import PartialDate
from .errors import FileNameError, shown
from .funding import Funding
from .i18n import words
from .journal import Journal
from .licence import Licence

#: The rule of a report's file name (without ``.md``): words of lower-case
#: ASCII letters and digits joined by single hyphens, ``16-2-caspian``. The
#: name is the page's URL, the PDF's, the EPUB's and the LaTeX document's
#: name and, by default, the DOI's suffix: these characters need no escape
#: in any of them (a URL, TeX, Crossref's A-Za-z0-9-._;()/), and no file
#: system folds their case or composes them two ways (macOS writes "città"
#: decomposed: another URL and DOI for the same name).
FILE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_WORD = re.compile(r"[a-z0-9]+")


def file_name(docname: str, suffix: str = "") -> str:
    """The name every edition gives a report's file: its source's, without
    folders (``reports/15-1-x`` -> ``15-1-x.pdf``). Known from the docname
    alone: the LaTeX documents are named before any report is read."""
    return docname.rsplit("/", 1)[-1] + suffix


def ascii_file_name(name: str) -> str:
    """A name :data:`FILE_NAME` accepts, made from ``name``: accents taken off
    (NFKD), lower case, what is left between letters and digits a hyphen
    (``16-2-Oil & gas #2`` -> ``16-2-oil-gas-2``, ``città`` -> ``citta``);
    ``report`` added when no letter is left (a name in Cyrillic)."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore")
    made = "-".join(_WORD.findall(ascii_text.decode().lower()))
    if not re.search("[a-z]", made):
        made = f"{made}-report" if made else "report"
    return made


def good_file_name(docname: str) -> bool:
    """Does the report's file name keep the rule (:data:`FILE_NAME`)?"""
    return FILE_NAME.fullmatch(file_name(docname)) is not None


def check_file_name(docname: str) -> None:
    """Refuse a report whose file name breaks :data:`FILE_NAME`, at its
    first line, with a name that keeps it (:func:`ascii_file_name`)."""
    if good_file_name(docname):
        return
    name = file_name(docname)
    odd = list(dict.fromkeys(c for c in name if not re.fullmatch("[a-z0-9-]", c)))
    held = ", ".join(map(repr, odd[:5])) + (", …" if odd[5:] else "")
    what = f"holds {held}" if odd else "has a hyphen at an end or two together"
    msg = (
        f"the file name {shown(name + '.md')} {what}: a report's file name (its "
        "URL, PDF, EPUB and DOI) is lower-case letters a-z, digits and single "
        f"hyphens: rename it to {ascii_file_name(name)}.md"
    )
    raise FileNameError(msg, 1)


@dataclass(frozen=True)
class Cover:
    """A report's cover photo; ``path`` may be empty when only the credit is kept."""

    caption: str = ""
    credit: str = ""
    license: str = ""
    alt: str = ""
    path: str = ""
    line: int = 0  #: line of ``cover:`` in the source, for errors
    #: ``(field, line)`` of each field written, for errors about one of them
    lines: tuple[tuple[str, int], ...] = field(default=(), compare=False)

    def line_of(self, name: str) -> int:
        """The line of field ``name`` (``"path"``), or of ``cover:`` itself."""
        return dict(self.lines).get(name, self.line)


@dataclass(frozen=True)
class Author:
    """One author of a report, with what the front matter says of them.

    Renderers print :attr:`Report.authors` (the names); the affiliation, its
    ROR ID and the ORCID iD go into the metadata (head, JATS, deposits).
    """

    name: str
    affiliation: str = ""
    orcid: str = ""  #: ``0000-0002-1825-0097``, its check digit verified
    #: the affiliation's ROR ID, ``01111rn36`` (its check digits verified:
    #: :mod:`georeport.model.ror`), or ``""``; only with an affiliation
    ror: str = ""

    @property
    def orcid_url(self) -> str:
        """``https://orcid.org/0000-0002-1825-0097``, or ``""``."""
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""

    @property
    def ror_url(self) -> str:
        """``https://ror.org/01111rn36``, the affiliation's ROR ID, or ``""``."""
        return rors.url(self.ror)


@dataclass(frozen=True)
class Report:
    """One report of the journal, as its front matter declares it.

    Renderers ask it for every derived fact (page URL, PDF name, issue line)
    rather than make their own.
    """

    docname: str
    journal: Journal = field(compare=False)
    title: str
    authors: tuple[str, ...]
    volume: int
    issue: int
    date: PartialDate
    language: str = "en"
    keywords: tuple[str, ...] = ()
    abstract: str = ""
    cover: Cover | None = None
    #: each author with their affiliation and ORCID iD, in the order of
    #: :attr:`authors` (empty for a Report made by hand)
    contributors: tuple[Author, ...] = ()
    #: its place in its issue (``order: 1`` first); None: after those that
    #: have one, by title (:mod:`georeport.catalogue`)
    order: int | None = None
    #: its DOI (``10.12345/x``, checked: :mod:`georeport.doi`), from its
    #: front matter or made from the journal's prefix; ``""``: none
    doi: str = ""
    #: the report this one translates, as its front matter names it (its
    #: file name or docname, without ``.md``); ``""``: none. Which report
    #: that is, is known once every report is read
    #: (:mod:`georeport.sphinxext.report_language`).
    translation_of: str = ""
    #: the line of ``translation_of:``, for a message about its target
    translation_of_line: int = field(default=0, compare=False)
    #: who funded the work, in the order the front matter lists them
    funding: tuple[Funding, ...] = ()
    #: when the journal received the manuscript, a revision of it, and when
    #: it accepted it (``received:``, ``revised:``, ``accepted:``); None: not said
    received: PartialDate | None = None
    revised: PartialDate | None = None
    accepted: PartialDate | None = None

    @property
    def licence(self) -> Licence | None:
        """The licence the report is published under (the journal's:
        ``georeport_license``), or None: every channel asks here."""
        return self.journal.licence

    @property
    def abstract_paragraphs(self) -> tuple[str, ...]:
        """The abstract's paragraphs (split at blank lines), white space
        folded: for the outputs that hold paragraphs (JATS, Crossref)."""
        parts = (" ".join(part.split()) for part in re.split(r"\n\s*\n", self.abstract))
        return tuple(part for part in parts if part)

    @property
    def people(self) -> tuple[Author, ...]:
        """Every author with what the front matter says of them (a Report
        made by hand, without :attr:`contributors`: the names alone)."""
        return self.contributors or tuple(Author(name) for name in self.authors)

    @property
    def history(self) -> tuple[tuple[str, PartialDate], ...]:
        """``(key, date)`` of each date the front matter gives, in the order
        they happen: received, revised, accepted, then ``date`` (the
        publication: ``"published"``)."""
        dates = (
            ("received", self.received),
            ("revised", self.revised),
            ("accepted", self.accepted),
            ("published", self.date),
        )
        return tuple((key, when) for key, when in dates if when is not None)

    @property
    def rights(self) -> str:
        """The journal's rights statement for this report, or ``""``."""
        return self.journal.rights.replace("{year}", str(self.date.year))

    @property
    def rights_and_licence(self) -> str:
        """The rights statement and the licence in one text, for the fields
        that hold one (the PDF's and EPUB's rights, BibTeX's ``copyright``):
        ``© 2022 SpecialEurasia. CC BY 4.0: https://...``; ``""`` when neither
        is set."""
        licence = self.licence
        said = f"{licence.name}: {licence.url}" if licence else ""
        rights = self.rights
        if rights and said and not rights.endswith((".", "!", "?")):
            rights += "."
        return " ".join(part for part in (rights, said) if part)

    @property
    def slug(self) -> str:
        """The file name the editions share: ``reports/15-1-x`` -> ``15-1-x``."""
        return file_name(self.docname)

    @property
    def pdf_name(self) -> str:
        """The PDF edition's file name, in ``build/pdf`` and beside the page."""
        return file_name(self.docname, ".pdf")

    @property
    def epub_name(self) -> str:
        """The EPUB edition's file name, in ``build/epub`` and beside the page."""
        return file_name(self.docname, ".epub")

    @property
    def jats_name(self) -> str:
        """The JATS XML file's name, beside the page."""
        return file_name(self.docname, ".xml")

    @property
    def page_url(self) -> str:
        """Absolute URL of the report's HTML page, or ``""`` with no base URL."""
        return self.journal.page_url(self.docname)

    def url_beside(self, name: str) -> str:
        """Absolute URL of the file ``name`` published beside the page (its
        PDF, EPUB, exports, JATS), or ``""`` with no base URL."""
        url = self.page_url
        return url.rsplit("/", 1)[0] + f"/{quote(name)}" if url else ""

    @property
    def pdf_url(self) -> str:
        """Absolute URL of the PDF edition, served beside the HTML page."""
        return self.url_beside(self.pdf_name)

    @property
    def doi_url(self) -> str:
        """``https://doi.org/10.12345/x``, the DOI's link, or ``""``."""
        return dois.url(self.doi)

    @property
    def issue_line(self) -> str:
        """``Volume 15, Issue 1, January 2022``: one wording for every edition."""
        return f"Volume {self.volume}, Issue {self.issue}, {self.date.human()}"

    def issue_line_in(self, language: str | None = None) -> str:
        """:attr:`issue_line` in ``language`` (the report's own by default:
        its page and PDF; the journal's on the journal's pages), from the
        message catalogue (:mod:`georeport.i18n`)."""
        found = words(language or self.language)
        return found.issue_line(self.volume, self.issue, self.date)

    def authors_line_in(self, language: str | None = None) -> str:
        """:attr:`authors_line` in ``language`` (the report's own by default):
        ``A, B e C`` in Italian."""
        return words(language or self.language).authors(self.authors)

    @property
    def authors_line(self) -> str:
        """Authors as the journal writes them: ``A, B and C``."""
        names = list(self.authors)
        if len(names) == 1:
            return names[0]
        return ", ".join(names[:-1]) + " and " + names[-1]
