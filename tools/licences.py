"""The licences of georeport's runtime dependencies: none may be GPL or AGPL.

georeport is MIT-licensed, and so must stay usable under MIT: what it needs
at run time (its core dependencies and those of the ``importer`` extra, and
theirs, as installed) may be permissive or weak copyleft (LGPL, MPL), never
GPL or AGPL, whose terms would reach georeport itself. ``./noxw -s lint``
runs this on the lint session's environment, installed from constraints.txt::

    python -m tools.licences georeport --extra importer

It prints every dependency with its licence and exits 1 naming each GPL or
AGPL one, and each whose metadata states no licence it can read.

The licence is read from the installed metadata: ``License-Expression``
(PEP 639, an SPDX expression) when there is one; otherwise the licence
classifiers and the ``License`` field, of which the most restrictive counts
(a package listing "BSD" and "LGPL" is flagged as LGPL). A package the
metadata misjudges is listed in :data:`REVIEWED` with the reason, for that
exact licence text only: a new statement is checked anew.
"""

from __future__ import annotations

import argparse
import enum
import importlib.metadata
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name


class Kind(enum.IntEnum):
    """What a licence allows georeport, from most to least restrictive."""

    GPL = 0
    UNKNOWN = 1
    WEAK_COPYLEFT = 2
    PERMISSIVE = 3


#: GPL and AGPL of any version, by SPDX id, abbreviation or name, but not the
#: Lesser/Library GPL ("LGPL" has no word boundary before "GPL").
_GPL = re.compile(
    r"\bA?GPL|(?<!Lesser )(?<!Library )General Public Licen[cs]e|\bAffero",
    re.IGNORECASE,
)
_WEAK_COPYLEFT = re.compile(
    r"\bLGPL|Lesser General Public|Library General Public|\bMPL\b|Mozilla Public",
    re.IGNORECASE,
)
_PERMISSIVE = re.compile(
    r"\b(MIT|X11|0?BSD|FreeBSD|Apache|ISC|PSF|Python Software Foundation|"
    r"Python-2\.0|Artistic|Public Domain|Unlicense|CC0|Zlib|HPND|BSL-1\.0|"
    r"Boost Software|Unicode)\b|Permission is hereby granted",
    re.IGNORECASE,
)

#: Distributions whose metadata names a GPL or no licence while what the
#: wheel holds is not GPL, checked by hand: (name, licence as this tool
#: prints it) -> why it may stay.
REVIEWED: dict[tuple[str, str], str] = {
    (
        "docutils",
        "Public Domain; BSD License; GNU General Public License (GPL)",
    ): "public domain and BSD-2-Clause; its only GPL file is "
    "tools/editors/emacs/rst.el (COPYING.rst), which the wheel does not hold",
}


def classify(text: str) -> Kind:
    """The kind of one licence: an SPDX id, a classifier's name or free text."""
    if _GPL.search(text) and not _WEAK_COPYLEFT.search(text):
        return Kind.GPL
    if _WEAK_COPYLEFT.search(text):
        return Kind.WEAK_COPYLEFT
    if _PERMISSIVE.search(text):
        return Kind.PERMISSIVE
    return Kind.UNKNOWN


def classify_expression(expression: str) -> Kind:
    """The kind of an SPDX licence expression: of alternatives (OR) the least
    restrictive counts, of licences that all apply (AND) the most; ``X WITH
    exception`` is X."""
    tokens = re.findall(r"\(|\)|[^\s()]+", expression)
    position = 0

    def alternatives() -> Kind:
        nonlocal position
        kinds = [conjunction()]
        while position < len(tokens) and tokens[position].upper() == "OR":
            position += 1
            kinds.append(conjunction())
        return max(kinds)

    def conjunction() -> Kind:
        nonlocal position
        kinds = [licence()]
        while position < len(tokens) and tokens[position].upper() == "AND":
            position += 1
            kinds.append(licence())
        return min(kinds)

    def licence() -> Kind:
        nonlocal position
        if position >= len(tokens):
            return Kind.UNKNOWN
        token = tokens[position]
        position += 1
        if token == "(":
            kind = alternatives()
            position += 1  # ")"
        else:
            kind = classify(token)
        if position < len(tokens) and tokens[position].upper() == "WITH":
            position += 2  # the exception does not change the licence
        return kind

    return alternatives()


@dataclass(frozen=True)
class Licence:
    """A distribution's licence as its metadata states it."""

    name: str
    version: str
    text: str
    kind: Kind
    reviewed: str = ""

    @property
    def allowed(self) -> bool:
        return bool(self.reviewed) or self.kind >= Kind.WEAK_COPYLEFT

    @property
    def verdict(self) -> str:
        if self.reviewed:
            return f"allowed, reviewed: {self.reviewed}"
        return {
            Kind.GPL: "NOT ALLOWED: GPL/AGPL",
            Kind.UNKNOWN: "NOT ALLOWED: no licence this tool can read",
            Kind.WEAK_COPYLEFT: "allowed, weak copyleft",
            Kind.PERMISSIVE: "allowed",
        }[self.kind]


def _field(distribution: importlib.metadata.Distribution, name: str) -> str:
    """A metadata field's first value, or ""."""
    values = distribution.metadata.get_all(name) or []
    return str(values[0]) if values else ""


def licence_of(distribution: importlib.metadata.Distribution) -> Licence:
    """What ``distribution``'s metadata says of its licence."""
    metadata = distribution.metadata
    name = canonicalize_name(_field(distribution, "Name"))
    version = _field(distribution, "Version")
    expression = _field(distribution, "License-Expression")
    if expression:
        text, kind = expression.strip(), classify_expression(expression)
    else:
        classifiers = [
            classifier.split(" :: ")[-1]
            for classifier in metadata.get_all("Classifier") or []
            if classifier.startswith("License :: ")
        ]
        field = _field(distribution, "License").strip()
        stated = classifiers + ([field] if field and field != "UNKNOWN" else [])
        kinds = [classify(licence) for licence in stated]
        kind = min(kinds) if kinds else Kind.UNKNOWN
        shown = [*classifiers]
        if field and field not in classifiers and field != "UNKNOWN":
            line = field.splitlines()[0]
            shown.append(line[:60] + ("…" if len(line) > 60 or "\n" in field else ""))
        text = "; ".join(shown) or "(none stated)"
    return Licence(name, version, text, kind, REVIEWED.get((name, text), ""))


Lookup = Callable[[str], importlib.metadata.Distribution]


def runtime_closure(
    root: str, extras: Iterable[str] = (), lookup: Lookup | None = None
) -> list[importlib.metadata.Distribution]:
    """``root`` and every distribution it needs at run time with ``extras``,
    as installed (markers evaluated for this Python), sorted by name."""
    find = lookup or importlib.metadata.distribution
    wanted: dict[str, set[str]] = {}
    found: dict[str, importlib.metadata.Distribution] = {}
    queue: list[tuple[str, frozenset[str]]] = [(root, frozenset(extras))]
    while queue:
        requested, its_extras = queue.pop()
        key = canonicalize_name(requested)
        known = wanted.setdefault(key, set())
        if key in found and its_extras <= known:
            continue
        known |= its_extras
        if key not in found:
            found[key] = find(requested)  # PackageNotFoundError: not installed
        for line in found[key].requires or []:
            requirement = Requirement(line)
            marker = requirement.marker
            if marker is not None and not any(
                marker.evaluate({"extra": extra}) for extra in ["", *sorted(known)]
            ):
                continue
            queue.append((requirement.name, frozenset(requirement.extras)))
    return [found[key] for key in sorted(found)]


def table(licences: Sequence[Licence]) -> str:
    """One line a distribution: name, version, licence, verdict."""
    rows = [("package", "version", "licence", "verdict")]
    rows += [(each.name, each.version, each.text, each.verdict) for each in licences]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    return "\n".join(
        "  ".join([*(row[i].ljust(widths[i]) for i in range(3)), row[3]])
        for row in rows
    )


def problems(licences: Iterable[Licence]) -> list[str]:
    """One line for each licence that is not allowed, naming it."""
    return [
        f"{each.name} {each.version} is licensed {each.text!r}: "
        + (
            "GPL or AGPL, which georeport (MIT) cannot depend on; drop it or "
            "find another package"
            if each.kind is Kind.GPL
            else "no licence this tool can read; check the package's licence and "
            "add it to REVIEWED in tools/licences.py"
        )
        for each in licences
        if not each.allowed
    ]


def main(argv: Sequence[str] | None = None, lookup: Lookup | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.licences")
    parser.add_argument("distribution", help="the installed distribution to check")
    parser.add_argument(
        "--extra", action="append", default=[], help="an extra it is used with"
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print the problems only"
    )
    args = parser.parse_args(argv)
    try:
        closure = runtime_closure(args.distribution, args.extra, lookup)
    except importlib.metadata.PackageNotFoundError as missing:
        print(f"licences: {missing.name} is needed but not installed", file=sys.stderr)
        return 1
    root = canonicalize_name(args.distribution)
    licences = [
        licence_of(each)
        for each in closure
        if canonicalize_name(_field(each, "Name")) != root
    ]
    if not args.quiet:
        print(table(licences))
    found = problems(licences)
    for line in found:
        print(f"licences: {line}", file=sys.stderr)
    if args.quiet and not found:
        print(f"licences: {len(licences)} runtime dependencies, none GPL or AGPL")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
