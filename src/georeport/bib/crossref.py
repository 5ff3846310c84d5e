"""``crossref`` resolved as BibTeX and biber do: a child takes what it lacks.

A chapter (``@incollection{cooley2017, crossref = {heathershaw2017}, ...}``)
names the book it is in, whose editors, publisher and year it shares.
pybtex looks a missing field up in the parent only when the caller passes
the whole database to ``format_entry`` (sphinxcontrib-bibtex does not), and
never for names (``editor``) or a field under another name (the book's
``title`` is the chapter's ``booktitle``). So the entries every output reads
are resolved here, once: :class:`Resolved` stands in for a database's
entries, and each entry with a ``crossref`` is a new entry holding its own
fields and what it inherits (:func:`inherit`).

The rules are biblatex's defaults (its manual, appendix B), which give
BibTeX's result for BibTeX's types: every field and name list the child
lacks, except the fields that steer the parent entry itself
(:data:`NOT_INHERITED`); a book's, collection's or proceedings' title is a
part's ``booktitle`` (a parent's own ``booktitle``, as BibTeX's documentation
asks of a parent, comes first), a multi-volume work's a volume's
``maintitle``, a periodical's an article's ``journaltitle``. A parent may
have a parent (biber's nested crossref). A parent is not added to the
References: a footnote style names the part, and the part says where it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from pybtex.database import Entry

from .scan import LazyEntries

#: Fields no child takes from its parent (biblatex's, for every pair of types).
NOT_INHERITED = frozenset(
    {
        *("ids", "crossref", "xref", "xdata", "entryset", "entrysubtype"),
        *("execute", "label", "options", "presort", "related", "relatedoptions"),
        *("relatedstring", "relatedtype", "shorthand", "shorthandintro", "sortkey"),
    }
)
#: Parts of a book: the parent's title is their ``booktitle``.
_PARTS = frozenset(
    {
        *("inbook", "bookinbook", "suppbook", "incollection", "suppcollection"),
        *("inreference", "inproceedings"),
    }
)
#: Multi-volume works: the parent's title is a volume's (or part's) ``maintitle``.
_MULTI_VOLUME = frozenset({"mvbook", "mvcollection", "mvreference", "mvproceedings"})
#: The parent's titles under the child's names, for each kind of title.
_TITLES = {
    kind: {
        "title": f"{kind}title",
        "subtitle": f"{kind}subtitle",
        "titleaddon": f"{kind}titleaddon",
    }
    for kind in ("book", "main", "journal")
}
#: The fields of a parent's title: renamed, or not inherited, where
#: :data:`_TITLES` applies.
_TITLE_FIELDS = frozenset(
    {"title", "subtitle", "titleaddon", "shorttitle", "sorttitle", "indextitle"}
    | {"indexsorttitle"}
)


def _renamed(parent: str, child: str) -> dict[str, str] | None:
    """The parent's title fields under the child's names, or None: as they are."""
    if parent in _MULTI_VOLUME:
        return _TITLES["main"]
    if child in _PARTS:
        return _TITLES["book"]
    if parent == "periodical" and child in ("article", "suppperiodical"):
        return _TITLES["journal"]
    return None


def _offered(parent: Entry, child: Entry) -> list[tuple[str, str]]:
    """``(name in the child, value)`` of each field ``parent`` passes on, its
    title last (so that a parent's own ``booktitle`` wins over its ``title``)."""
    renamed = _renamed(parent.type, child.type)
    fields = list(parent.fields.items())
    titles = [(name, value) for name, value in fields if name.lower() in _TITLE_FIELDS]
    if renamed is not None:
        titles = [(renamed[n.lower()], v) for n, v in titles if n.lower() in renamed]
    others = [
        (name, value) for name, value in fields if name.lower() not in _TITLE_FIELDS
    ]
    return [(n, v) for n, v in [*others, *titles] if n.lower() not in NOT_INHERITED]


def inherit(child: Entry, parent: Entry) -> Entry:
    """``child`` with every field and name list it lacks taken from ``parent``.

    The child's own values come first, then the inherited ones; the child
    keeps its key and type.
    """
    fields = dict(child.fields)
    have = {name.lower() for name in fields}
    for name, value in _offered(parent, child):
        if name.lower() not in have:
            fields[name] = value
            have.add(name.lower())
    persons = dict(child.persons)
    roles = {role.lower() for role in persons}
    for role, people in parent.persons.items():
        if role.lower() not in roles:
            persons[role] = list(people)
    resolved = Entry(child.original_type, fields=fields, persons=persons)
    resolved.key = child.key
    return resolved


def resolve(entry: Entry, find: Callable[[str], Entry | None]) -> Entry:
    """``entry`` with its ``crossref`` chain inherited (``find``: an entry by
    key, or None). A parent no entry has, or a circle, ends the chain: the
    checks name both (:func:`.checks.crossref_problems`)."""
    chain = [entry]
    seen = {(entry.key or "").lower()}
    while (key := chain[-1].fields.get("crossref", "").strip()).lower() not in seen:
        parent = find(key) if key else None
        if parent is None:
            break
        chain.append(parent)
        seen.add(key.lower())
    resolved = chain.pop()
    while chain:
        resolved = inherit(chain.pop(), resolved)
    return resolved


def parents(entries: Mapping[str, Entry]) -> dict[str, str]:
    """The ``crossref`` of each entry that has one, by key (a scanned file's
    without parsing its entries)."""
    if isinstance(entries, LazyEntries):
        return entries.parents
    return {
        key: entry.fields["crossref"]
        for key, entry in entries.items()
        if "crossref" in entry.fields
    }


class Resolved(Mapping[str, Entry]):
    """A database's entries, each with its ``crossref`` resolved when read.

    Stands in for :attr:`pybtex.database.BibliographyData.entries` (keys as
    the wrapped mapping has them, without regard to case); an entry without
    a parent is the wrapped entry itself, one with a parent is made once.
    """

    def __init__(self, entries: Mapping[str, Entry]) -> None:
        self.entries = entries
        self._resolved: dict[str, Entry] = {}

    def __getitem__(self, key: str) -> Entry:
        entry = self.entries[key]
        if "crossref" not in entry.fields:
            return entry
        found = self._resolved.get(key.lower())
        if found is None:
            found = self._resolved[key.lower()] = resolve(entry, self.entries.get)
        return found

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)
