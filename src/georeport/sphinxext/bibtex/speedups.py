"""Speed-ups for an archive of many reports: library hot spots, answered faster.

Measured on a generated archive (``./noxw -s bench``), a clean HTML build
grew with the cube of the number of reports (50 reports: 66 s; 200: not done
after 15 minutes), from code outside georeport:

* pybtex finds every plugin (the house style, its name and label styles, the
  docutils backend) by scanning the entry points of every installed package,
  each time a footnote or a bibliography is formatted: milliseconds, thousands
  of times. :func:`register_plugins` registers, through pybtex's public
  ``register_plugin``, the classes those scans find, once per build; pybtex
  looks there first.
* sphinxcontrib-bibtex, for each ``{bibliography}`` and each entry of the
  BibTeX files, scans every citation of every document to learn where the
  entry is cited: reports x entries x citations. An index of citations by key,
  made once per build, answers the same; for the reports' own filter,
  ``docname in docnames``, only the entries the document cites are examined.
* sphinxcontrib-bibtex sorts citations by ``docnames.index(docname)``, and
  each bibliography walks every citation of the archive to order its entries:
  a position table, and each key's first place computed once per build,
  answer the same.
* sphinxcontrib-bibtex saves with Sphinx's environment the formatted
  citations it makes again on every build: :func:`citations_not_saved`.

The second and third replace methods of ``BibtexDomain`` (in
:class:`.domain.ReportsBibtexDomain`, which calls them) and read its internals
(``citation_refs``, ``_FilterVisitor``): each returns what the original
returns, in the same order; the fourth changes how its domain data is saved,
not what a build holds. They run only when ``georeport_speedups`` is on
(the default) *and* the installed sphinxcontrib-bibtex is one of
:data:`CHECKED`; otherwise the library's own code runs, and a version not
checked is said once per build as a ``georeport.speedups`` warning.
``tests/test_speedups.py`` fails when a replaced method's signature changes,
and compares every byte of a build with and without them.

:func:`share_parse` spares the library's parse of the whole BibTeX file: what
the checks read (entries pybtex parses only when a report reads them, see
:mod:`georeport.bib.scan`) is stored where sphinxcontrib-bibtex keeps its
own (its ``BibData``),
under the same version check; ``tests/test_large_bibliography.py`` fails when
the library's record of a parsed file changes shape.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from importlib.metadata import EntryPoint, distributions, version
from typing import TYPE_CHECKING, Any

import pybtex.plugin

from ..warnings_ import BibtexWarning, GeoreportWarning, log
from .filters import cited_here

if TYPE_CHECKING:
    from pathlib import Path

    from pybtex.database import BibliographyData, Entry
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinxcontrib.bibtex.domain import BibtexDomain

#: The sphinxcontrib-bibtex versions the replacements were written and
#: checked against (by release series).
CHECKED = ("2.6", "2.7")

#: The ``BibtexDomain`` methods replaced here (``tests/test_speedups.py``
#: checks their signatures against the installed library's).
REPLACED = ("get_filtered_entries", "get_all_cited_keys", "get_sorted_entries")

#: Environment attribute: are the replacements in use in this build?
ENV_ATTRIBUTE = "georeport_speedups_active"


def active(env: BuildEnvironment) -> bool:
    """Do the replacements answer in this build?"""
    return bool(getattr(env, ENV_ATTRIBUTE, False))


def checked_version() -> str | None:
    """The installed sphinxcontrib-bibtex when it is not one of
    :data:`CHECKED`; None when it is."""
    found = version("sphinxcontrib-bibtex")
    return None if found.startswith(CHECKED) else found


def on_builder_inited(app: Sphinx) -> None:
    """Decide once per build whether the replacements run, and say why not."""
    on = bool(app.config.georeport_speedups)
    unchecked = checked_version() if on else None
    if unchecked:
        log(
            GeoreportWarning.SPEEDUPS,
            "georeport's speed-ups were checked against sphinxcontrib-bibtex %s, "
            "not %s: they are off for this build (a large archive builds "
            "slower). Install a checked version, or set georeport_speedups = "
            "False in conf.py",
            " and ".join(f"{v}.x" for v in CHECKED),
            unchecked,
        )
    setattr(app.env, ENV_ATTRIBUTE, on and not unchecked)
    if on:
        register_plugins(app.config.bibtex_default_style)


# -- pybtex ------------------------------------------------------------------


#: Plugins a build asks pybtex for besides the style's own: sphinxcontrib-
#: bibtex's name style for author-year citations, the backends, and the
#: BibTeX writer of each report's export.
_ALSO_USED = (
    ("pybtex.style.names", "last"),
    ("pybtex.backends", "docutils"),
    ("pybtex.backends", "latex"),
    ("pybtex.database.input", "bibtex"),
    ("pybtex.database.output", "bibtex"),
)


def register_plugins(style: str) -> None:
    """Register the plugins a build finds (the style, its name and label
    styles, :data:`_ALSO_USED`) as pybtex runtime plugins: the same classes
    its entry-point scan finds, found without the scan.

    pybtex's ``find_plugin`` scans every installed package's entry points
    for each plugin it is asked (4 ms each here, a tenth of a second for the
    plugins below); one scan of them all, read here, finds the same class
    (the first entry point of the name, else of its alias, as pybtex does).
    A plugin already registered at run time (georeport's house style) is
    pybtex's to find, as before."""
    points: dict[tuple[str, str], EntryPoint] = {}
    for distribution in distributions():  # one scan, in sys.path's order
        for point in distribution.entry_points:
            if point.group.startswith("pybtex."):
                points.setdefault((point.group, point.name), point)

    def find(group: str, name: str) -> type | None:
        point = points.get((group, name)) or points.get((f"{group}.aliases", name))
        if point is not None:
            loaded: type = point.load()  # a pybtex plugin: a class
            return loaded
        try:  # a runtime plugin, or pybtex's error when it is asked for
            found: type = pybtex.plugin.find_plugin(group, name)
        except pybtex.plugin.PluginNotFound:
            return None
        return found

    wanted = [("pybtex.style.formatting", style)]
    cls = find("pybtex.style.formatting", style)
    for group, attribute in (
        ("pybtex.style.names", "default_name_style"),
        ("pybtex.style.labels", "default_label_style"),
        ("pybtex.style.sorting", "default_sorting_style"),
    ):
        name = getattr(cls, attribute, None)
        if isinstance(name, str):
            wanted.append((group, name))
    wanted += _ALSO_USED
    for group, name in wanted:
        if (found := find(group, name)) is not None:
            pybtex.plugin.register_plugin(group, name, found, force=True)


# -- sphinxcontrib-bibtex ----------------------------------------------------


class _Index:
    """Where each key is cited, in which order, and where each entry sits in
    its BibTeX file: made once per build, looked up by every bibliography."""

    def __init__(self, domain: BibtexDomain) -> None:
        self.refs = domain.citation_refs
        self.count = len(self.refs)
        self.docnames: dict[str, set[str]] = defaultdict(set)  # key -> docnames
        self.keys: dict[str, set[str]] = defaultdict(set)  # docname -> keys
        for ref in self.refs:
            for target in ref.targets:
                self.docnames[target.key].add(ref.docname)
                self.keys[ref.docname].add(target.key)
        self._order_of: list[str] | None = None
        self._order: dict[str, int] = {}
        self._places: dict[int, tuple[dict[str, None], dict[str, int]]] = {}

    @classmethod
    def of(cls, domain: BibtexDomain) -> _Index:
        index = getattr(domain, "_georeport_index", None)
        refs = domain.citation_refs
        if index is None or index.refs is not refs or index.count != len(refs):
            index = cls(domain)
            domain._georeport_index = index  # type: ignore[attr-defined]  # georeport's cache on the library's domain
        return index

    def first_cited(self, docnames: list[str]) -> dict[str, int]:
        """Each key's place in ``get_all_cited_keys(docnames)``, first time."""
        if self._order_of is not docnames:
            order: dict[str, int] = {}
            for key in _get_all_cited_keys_of(self.refs, docnames):
                order.setdefault(key, len(order))
            self._order_of, self._order = docnames, order
        return self._order

    def in_file_order(self, wanted: set[str], keys: dict[str, None]) -> list[str]:
        """The ``wanted`` keys a BibTeX file holds (``keys``), in its order."""
        kept = self._places.get(id(keys))
        if kept is None or kept[0] is not keys or len(kept[1]) != len(keys):
            kept = self._places[id(keys)] = (keys, {k: n for n, k in enumerate(keys)})
        place = kept[1]
        return sorted((key for key in wanted if key in place), key=place.__getitem__)


def get_filtered_entries(
    self: BibtexDomain, bibliography_key: Any
) -> Iterator[tuple[str, Entry]]:
    """As ``BibtexDomain.get_filtered_entries``, with the citations indexed."""
    from sphinxcontrib.bibtex.domain import _FilterVisitor
    from sphinxcontrib.bibtex.domain import logger as bibtex_logger

    bibliography = self.bibliographies[bibliography_key]
    index = _Index.of(self)
    docname = bibliography_key.docname
    prefix = bibliography.keyprefix
    entries: Iterable[Entry]
    if cited_here(bibliography.filter_):
        # only entries cited here (or listed by the directive) can pass:
        # take them from the files, in the files' order
        wanted = {k[len(prefix) :] for k in index.keys[docname] if k.startswith(prefix)}
        wanted |= set(bibliography.keys)
        data = self.bibdata
        entries = [
            data.data.entries[key]
            for bibfile in bibliography.bibfiles
            for key in index.in_file_order(wanted, data.bibfiles[bibfile].keys)
        ]
    else:
        entries = self.get_entries(bibliography.bibfiles)
    for entry in entries:
        key = prefix + entry.key
        cited_docnames = set(index.docnames.get(key, ()))
        visitor = _FilterVisitor(
            entry=entry, docname=docname, cited_docnames=cited_docnames
        )
        try:
            success = visitor.visit(bibliography.filter_)
        except ValueError as err:
            bibtex_logger.warning(
                f"syntax error in :filter: expression; {err}",
                location=(docname, bibliography.line),
                type="bibtex",
                subtype=BibtexWarning.FILTER_SYNTAX_ERROR.value,
            )
            success = bool(cited_docnames)  # as the original recovers
        if success or entry.key in bibliography.keys:
            yield key, entry


def _get_all_cited_keys_of(refs: list[Any], docnames: list[str]) -> Iterator[str]:
    position = {docname: number for number, docname in enumerate(docnames)}
    for ref in sorted(refs, key=lambda ref: position[ref.docname]):
        for target in ref.targets:
            yield target.key


def get_all_cited_keys(self: BibtexDomain, docnames: list[str]) -> Iterator[str]:
    """As ``BibtexDomain.get_all_cited_keys``, positions looked up once."""
    return _get_all_cited_keys_of(self.citation_refs, docnames)


def get_sorted_entries(
    self: BibtexDomain, bibliography_key: Any, docnames: list[str]
) -> Iterator[tuple[str, Entry]]:
    """As ``BibtexDomain.get_sorted_entries``: the entries cited anywhere, in
    the order first cited, then the others; each key's first place is
    computed once per build, not once per bibliography."""
    entries = dict(get_filtered_entries(self, bibliography_key))
    first = _Index.of(self).first_cited(docnames)
    for key in sorted((k for k in entries if k in first), key=first.__getitem__):
        yield key, entries.pop(key)
    yield from entries.items()


# -- the environment Sphinx saves ---------------------------------------------


class _Recomputed(list):
    """A list saved empty with the environment (pickled as ``[]``)."""

    def __reduce__(self) -> tuple[type, tuple[()]]:
        return (list, ())


def citations_not_saved(_app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``, after the library's: its ``citations`` saved empty.

    sphinxcontrib-bibtex's ``env_updated`` clears that list and fills it
    again on every build (each References' formatted entries, "might have
    been restored from pickle"), and its ``merge_domaindata`` leaves it out;
    saved with the environment, it was loaded and saved on each build only
    to be cleared (200 reports: 2.5 MB pickled alone, though much of it is
    shared with the entries kept anyway; the environment went from 5.25 to
    5.05 MB and a rebuild's peak memory from 157 to 137 MiB). The pages of
    this build still read it: it is only saved empty.
    """
    if active(env):
        data = env.get_domain("cite").data
        data["citations"] = _Recomputed(data["citations"])


# -- one parse of the BibTeX file ----------------------------------------------


def can_share_parse(app: Sphinx) -> bool:
    """May the checks' parse stand in for sphinxcontrib-bibtex's in this build?

    Decided before :func:`on_builder_inited` runs (the checks come first), on
    the same grounds: the setting and a checked library version.
    """
    return bool(app.config.georeport_speedups) and checked_version() is None


def share_parse(app: Sphinx, path: Path, mtime: float, data: BibliographyData) -> None:
    """Hand sphinxcontrib-bibtex the parse of its one BibTeX file.

    The library parses the file again whenever its modification time is not
    the one it kept (``bibfile.process_bibdata``); an archive of 20,000
    entries takes seconds to parse. When the checks (:mod:`..checks`) have
    just read the file, with the library's encoding, their result is stored
    where the library keeps its own, as the library would have made it
    (``bibfile.parse_bibdata``: one :class:`BibFile` with the time taken
    *before* reading and the keys in file order), and the library finds it up
    to date. An edit made after that time has a new one, and is parsed.
    """
    from sphinxcontrib.bibtex.bibfile import BibData, BibFile

    domain = app.env.get_domain("cite")
    domain.data["bibdata"] = BibData(
        encoding=app.config.bibtex_encoding,
        bibfiles={path: BibFile(mtime=mtime, keys=dict.fromkeys(data.entries))},
        data=data,
    )
