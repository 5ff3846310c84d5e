"""Front matter checked strictly: types, single lines, known keys, the file name.

Every case is the front matter of ``tests/roots/test-base``'s report with one
change of the kind editors make (a comma-joined author list, a title over
several lines, a typo in a key, a tab, a missing space after a colon, a
volume the file name contradicts ...). Each must be refused with a
:class:`~georeport.model.MetadataError` whose line is the line of the fault
in the changed text (computed from it, never written down) and whose message
says what to write instead. Variants that are fine (Windows line endings, a
byte order mark, quoted numbers, YAML dates, authors with ORCID iDs) must read
as the same facts. A few faults are built by the command a user runs, to see
that the message reaches the terminal first and no page is left.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from georeport.importer.convert import convert
from georeport.model import (
    Author,
    FileNameError,
    MetadataError,
    PartialDate,
    Report,
    report_from_source,
    split_front_matter,
)

from .conftest import ALIAS_BOMB, DATA, REPORT, ROOTS, Fault, journal_of

BASE = ROOTS / "test-base"
BASE_TEXT = (BASE / REPORT).read_text(encoding="utf-8")
DOCNAME = REPORT.removesuffix(".md")
JOURNAL = journal_of(BASE)
#: the base report's date line, after which optional keys are added
DATE = 'date: "2024"\n'
#: ORCID's own example iDs (Josiah Carberry; one whose check character is X)
ORCID = "0000-0002-1825-0097"
ORCID_X = "0000-0002-1694-233X"
#: The University of Bologna's ROR ID and name (ror.org)
ROR = "01111rn36"
AFFILIATION = "University of Bologna"


def read(text: str, docname: str = DOCNAME) -> Report:
    return report_from_source(docname, text, JOURNAL)


def changed(old: str, new: str) -> str:
    """The base report with ``old`` (standing once) replaced by ``new``."""
    assert BASE_TEXT.count(old) == 1, old
    return BASE_TEXT.replace(old, new)


def line_of(text: str, at: str) -> int:
    """The line on which ``at`` starts; it must stand once in ``text``."""
    assert text.count(at) == 1, f"{at!r} is not once in:\n{text}"
    return text[: text.index(at)].count("\n") + 1


@dataclass(frozen=True)
class Bad:
    """One fault of the front matter, where it stands, what the fix says."""

    name: str
    old: str
    new: str
    at: str  #: text standing once on the line the message must name
    says: tuple[str, ...]  #: words of the message (case-insensitive)


def _added(text: str) -> tuple[str, str]:
    """``old``/``new`` that add ``text`` after the date line."""
    return DATE, DATE + text


CASES = (
    # -- types: lists of authors and keywords, never one text with commas
    Bad(
        "authors-comma-joined",
        "authors: [Anna Rossi]",
        "authors: Anna Rossi, Ivan Petrov",
        "authors:",
        ("one author a line", "authors: [Anna Rossi, Ivan Petrov]"),
    ),
    Bad(
        "authors-and-joined",
        "authors: [Anna Rossi]",
        "authors: Anna Rossi and Ivan Petrov",
        "authors:",
        ("authors: [Anna Rossi, Ivan Petrov]",),
    ),
    Bad(
        "author-item-with-comma",
        "authors: [Anna Rossi]",
        "authors:\n  - Anna Rossi, Ivan Petrov\n",
        "- Anna Rossi, Ivan Petrov",
        ("own item", "authors: [Anna Rossi, Ivan Petrov]"),
    ),
    Bad(
        "authors-without-space-after-dash",
        "authors: [Anna Rossi]",
        "authors:\n  -Anna Rossi\n  -Ivan Petrov",
        "authors:",
        ("space after each '-'",),
    ),
    Bad(
        "authors-empty-list",
        "authors: [Anna Rossi]",
        "authors: []",
        "authors:",
        ("at least one", "authors: [Anna Rossi, Ivan Petrov]"),
    ),
    Bad(
        "author-map-without-name",
        "authors: [Anna Rossi]",
        "authors:\n  - affiliation: University of Bologna",
        "- affiliation",
        ("'name'",),
    ),
    Bad(
        "author-map-key-typo",
        "authors: [Anna Rossi]",
        "authors:\n  - name: Anna Rossi\n    affilation: University of Bologna",
        "affilation:",
        ("did you mean 'affiliation'",),
    ),
    # -- ROR IDs of affiliations: form and ISO 7064 MOD 97-10 check digits
    Bad(
        "ror-check-digits",
        "authors: [Anna Rossi]",
        f"authors:\n  - name: Anna Rossi\n    affiliation: {AFFILIATION}\n"
        f"    ror: {ROR[:-1]}7",
        "ror:",
        ("check digits", "ror.org"),
    ),
    Bad(
        "ror-mistyped-letter",
        "authors: [Anna Rossi]",
        f"authors:\n  - name: Anna Rossi\n    affiliation: {AFFILIATION}\n"
        f"    ror: {ROR.replace('rn', 'nr')}",
        "ror:",
        ("check digits",),
    ),
    Bad(
        "ror-not-a-ror-id",
        "authors: [Anna Rossi]",
        f"authors:\n  - name: Anna Rossi\n    affiliation: {AFFILIATION}\n"
        "    ror: https://ror.org/University-of-Bologna",
        "ror:",
        ("not a ROR ID", "ror: https://ror.org/01111rn36"),
    ),
    Bad(
        "ror-without-affiliation",
        "authors: [Anna Rossi]",
        f"authors:\n  - name: Anna Rossi\n    ror: {ROR}",
        "ror:",
        ("write the affiliation too",),
    ),
    Bad(
        "ror-at-the-top",
        *_added(f"ror: {ROR}\n"),
        "ror:",
        ("belongs to one author",),
    ),
    # -- funding: a list of funders, each with a name; Funder IDs checked
    Bad(
        "funding-one-text",
        *_added("funding: European Commission\n"),
        "funding:",
        ("list of funders", "funder: European Commission"),
    ),
    Bad(
        "funding-item-a-text",
        *_added("funding:\n  - European Commission\n"),
        "- European Commission",
        ("is a map", "'funder'"),
    ),
    Bad(
        "funding-without-funder",
        *_added("funding:\n  - award: '101004488'\n"),
        "- award",
        ("needs 'funder'",),
    ),
    Bad(
        "funding-key-typo",
        *_added("funding:\n  - funder: European Commission\n    awards: '1'\n"),
        "awards:",
        ("did you mean 'award'",),
    ),
    Bad(
        "funder-id-not-crossref",
        *_added(
            "funding:\n  - funder: European Commission\n"
            "    funder_id: 10.5555/501100000780\n"
        ),
        "funder_id:",
        ("not a Crossref Funder ID", "10.13039/501100000780"),
    ),
    Bad(
        "funder-at-the-top",
        *_added("funder: European Commission\n"),
        "funder:",
        ("belongs to one funder of 'funding:'",),
    ),
    Bad(
        "orcid-check-digit",
        "authors: [Anna Rossi]",
        f"authors:\n  - name: Anna Rossi\n    orcid: {ORCID[:-1]}8",
        "orcid:",
        ("check digit", "ORCID record"),
    ),
    Bad(
        "orcid-too-short",
        "authors: [Anna Rossi]",
        f"authors:\n  - name: Anna Rossi\n    orcid: {ORCID[:-5]}",
        "orcid:",
        ("not an ORCID iD", ORCID),
    ),
    Bad(
        "keywords-comma-joined",
        *_added("keywords: Caspian Sea, energy\n"),
        "keywords:",
        ("keywords: [Caspian Sea, energy]",),
    ),
    Bad(
        "keyword-item-with-semicolon",
        *_added("keywords:\n  - Caspian Sea; energy\n"),
        "- Caspian Sea",
        ("keywords: [Caspian Sea, energy]",),
    ),
    Bad(
        "title-as-list",
        "title: A report",
        "title: [A report]",
        "title:",
        ("one text", "not a list"),
    ),
    Bad(
        "volume-roman",
        "volume: 1",
        "volume: XVI",
        "volume:",
        ("whole number", "volume: 16"),
    ),
    Bad(
        "volume-decimal",
        "volume: 1",
        "volume: 1.0",
        "volume:",
        ("whole number", "volume: 16", "'1.0'"),
    ),
    Bad("issue-zero", "issue: 1", "issue: 0", "issue:", ("1 or more",)),
    Bad(
        "language-name",
        *_added("language: English\n"),
        "language:",
        ("BCP 47", "did you mean 'en'"),
    ),
    Bad(
        "language-underscore",
        *_added("language: pt_BR\n"),
        "language:",
        ("did you mean 'pt-BR'",),
    ),
    # -- one line, no control characters
    Bad(
        "title-literal-block",
        "title: A report",
        "title: |\n  A report\n  <img src=x onerror=alert(1)>",
        "title:",
        ("several lines", "one line"),
    ),
    Bad(
        "title-folded-keeping-a-newline",
        "title: A report",
        "title: >\n  A report\n\n  # Injected heading",
        "title:",
        ("one line",),
    ),
    Bad(
        "title-escaped-newline",
        "title: A report",
        'title: "A report\\n<script>alert(1)</script>"',
        "title:",
        ("one line",),
    ),
    Bad(
        "title-escaped-tab",
        "title: A report",
        'title: "A\\treport"',
        "title:",
        ("U+0009", "replace it with a space"),
    ),
    Bad(
        "title-raw-tab",
        "title: A report",
        "title: A\treport",
        "title:",
        ("U+0009",),
    ),
    Bad(
        "title-escape-sequence",
        "title: A report",
        'title: "A report\\e[31m"',
        "title:",
        ("U+001B (ESC)", "delete it"),
    ),
    Bad(
        "title-nul",
        "title: A report",
        'title: "A report\\0"',
        "title:",
        ("U+0000 (NUL)",),
    ),
    Bad(
        "title-c1-control",
        "title: A report",
        'title: "A report\\x9b"',
        "title:",
        ("U+009B",),
    ),
    Bad(
        "raw-escape-in-the-file",
        "title: A report",
        "title: A report\x1b[31m",
        "title:",
        ("U+001B (ESC)",),
    ),
    Bad(
        "author-nul",
        "authors: [Anna Rossi]",
        'authors: ["Anna\\0Rossi"]',
        "authors:",
        ("'authors'", "U+0000"),
    ),
    Bad(
        "keyword-tab",
        *_added('keywords:\n  - "oil\\tgas"\n'),
        '- "oil',
        ("'keywords'", "U+0009"),
    ),
    Bad(
        "cover-caption-newline",
        *_added('cover:\n  alt: Tankers\n  caption: "The port\\nof Aktau"\n'),
        "  caption:",
        ("'cover.caption'", "one line"),
    ),
    Bad(
        "abstract-escape-sequence",
        *_added('abstract: "One\\e sentence."\n'),
        "abstract:",
        ("'abstract'", "U+001B"),
    ),
    Bad(
        "abstract-tab",
        *_added('abstract: "One\\tsentence."\n'),
        "abstract:",
        ("'abstract'", "U+0009"),
    ),
    # -- bidirectional controls: invisible, they reorder what follows them
    Bad(
        "title-right-to-left-override",
        "title: A report",
        "title: A \u202etroper",
        "title:",
        ("'title'", "U+202E (RIGHT-TO-LEFT OVERRIDE)", "delete it"),
    ),
    Bad(
        "title-escaped-override",
        "title: A report",
        'title: "A \\u202Etroper"',
        "title:",
        ("U+202E",),
    ),
    Bad(
        "author-isolate",
        "authors: [Anna Rossi]",
        "authors:\n  - Anna Rossi\n  - \u2067Ivan Petrov\u2069\n",
        "- \u2067Ivan",
        ("'authors'", "U+2067 (RIGHT-TO-LEFT ISOLATE)"),
    ),
    Bad(
        "affiliation-embedding",
        "authors: [Anna Rossi]",
        "authors:\n  - name: Anna Rossi\n    affiliation: \u202bUniversity\n",
        "affiliation:",
        ("'authors.affiliation'", "U+202B"),
    ),
    Bad(
        "keyword-pop-directional-formatting",
        *_added("keywords: [oil, gas\u202c]\n"),
        "keywords:",
        ("'keywords'", "U+202C"),
    ),
    Bad(
        "cover-caption-isolate",
        *_added("cover:\n  alt: Tankers\n  caption: \u2066The port\n"),
        "  caption:",
        ("'cover.caption'", "U+2066"),
    ),
    Bad(
        "cover-credit-override",
        *_added("cover:\n  alt: Tankers\n  credit: Jane \u202eDoe\n"),
        "  credit:",
        ("'cover.credit'", "U+202E"),
    ),
    Bad(
        "cover-alt-first-strong-isolate",
        *_added("cover:\n  alt: \u2068Tankers\n"),
        "  alt:",
        ("'cover.alt'", "U+2068"),
    ),
    Bad(
        "abstract-override-on-its-second-line",
        *_added("abstract: |\n  One sentence.\n  Another \u202dsentence.\n"),
        "abstract:",
        ("'abstract'", "U+202D (LEFT-TO-RIGHT OVERRIDE)"),
    ),
    Bad(
        "doi",
        *_added("doi: 10.12/gr.2024.1\n"),
        "doi:",
        ("'10.' and 4 to 9 digits",),
    ),
    # -- unknown, misplaced and repeated keys
    Bad(
        "abstract-typo",
        *_added("abstrct: One sentence.\n"),
        "abstrct:",
        ("unknown key 'abstrct'", "did you mean 'abstract'?"),
    ),
    Bad(
        "abstract-under-cover",
        *_added("cover:\n  alt: Tankers\n  abstract: One sentence.\n"),
        "  abstract:",
        ("'abstract'", "top of the front matter"),
    ),
    Bad(
        "cover-typo",
        *_added("cover:\n  alt: Tankers\n  captoin: The port\n"),
        "captoin:",
        ("did you mean 'caption'?",),
    ),
    Bad(
        "cover-field-at-the-top",
        *_added("caption: The port of Aktau\n"),
        "caption:",
        ("under 'cover:'",),
    ),
    Bad(
        "author-jekyll-style",
        "authors: [Anna Rossi]",
        "author: Anna Rossi",
        "author:",
        ("did you mean 'authors'?",),
    ),
    Bad(
        "tags-hugo-style",
        *_added("tags: [Caspian Sea]\n"),
        "tags:",
        ("did you mean 'keywords'?",),
    ),
    Bad(
        "key-written-twice",
        *_added("title: Another title\n"),
        "title: Another",
        ("twice", "keep one"),
    ),
    # -- the file name 1-1-report.md says volume 1, issue 1
    Bad(
        "volume-disagrees-with-file-name",
        "volume: 1",
        "volume: 17",
        "volume:",
        ("1-1-report.md", "volume: 1", "rename the file to 17-1-report.md"),
    ),
    Bad(
        "issue-disagrees-with-file-name",
        "issue: 1",
        "issue: 3",
        "issue:",
        ("1-1-report.md", "issue: 1", "rename the file to 1-3-report.md"),
    ),
    # -- messages: the formats of a date, the line of a nested key
    Bad(
        "date-missing",
        DATE,
        "",
        "---\ntitle:",
        ("date", "YYYY, YYYY-MM or YYYY-MM-DD", 'date: "2022-02"'),
    ),
    Bad(
        "date-in-words",
        DATE,
        "date: March 2024\n",
        "date:",
        ("'March 2024'", "YYYY, YYYY-MM or YYYY-MM-DD", 'write date: "2024-03"'),
    ),
    Bad(
        "date-no-such-day-as-yaml-date",
        DATE,
        "date: 2024-02-30\n",
        "date:",
        ("2024-02-30", "calendar", "YYYY-MM-DD"),
    ),
    Bad(
        "date-no-such-month",
        DATE,
        'date: "2024-13"\n',
        "date:",
        ("2024-13", "calendar"),
    ),
    # -- a date with a time: refused with the day (which day, in which zone?)
    Bad(
        "date-with-time-and-zone",
        DATE,
        "date: 2022-01-05T10:00:00+03:00\n",
        "date:",
        ("'2022-01-05T10:00:00+03:00' has a time", "write date: 2022-01-05"),
    ),
    Bad(
        "date-with-time-quoted",
        DATE,
        'date: "2022-1-5 10:00"\n',
        "date:",
        ("has a time", "write date: 2022-01-05", "YYYY, YYYY-MM or YYYY-MM-DD"),
    ),
    Bad(
        "date-with-time-no-zone",
        DATE,
        "date: 2024-03-15 10:30:00\n",
        "date:",
        ("has a time", "date: 2024-03-15"),
    ),
    Bad(
        "cover-path-without-alt",
        *_added("cover:\n  caption: The port\n  path: aktau.jpg\n"),
        "  path:",
        ("alt",),
    ),
    Bad(
        "cover-credit-as-list",
        *_added("cover:\n  alt: Tankers\n  credit: [Jane Doe, CC BY-SA]\n"),
        "  credit:",
        ("'cover.credit'", "not a list"),
    ),
    # -- YAML as editors mistype it
    Bad(
        "indented-with-a-tab",
        *_added("cover:\n\talt: Tankers\n"),
        "\talt:",
        ("tab", "spaces"),
    ),
    Bad(
        "no-space-after-colon",
        "issue: 1",
        "issue:1",
        "issue:1",
        ("space after the colon", "issue: 1"),
    ),
    Bad(
        "no-space-after-colon-nested",
        *_added("cover:\n  alt:Tankers\n"),
        "alt:Tankers",
        ("space after the colon", "alt: Tankers"),
    ),
    Bad(
        "colon-in-unquoted-title",
        "title: A report",
        "title: Kazakhstan: a crisis",
        "title:",
        ("quotes", 'title: "Kazakhstan: a crisis"'),
    ),
    Bad(
        "quote-left-open",
        "title: A report",
        'title: "A report',
        "title:",
        ("quote", "not closed"),
    ),
    Bad(
        "front-matter-left-open",
        DATE + "---\n",
        DATE + "\n",
        "---\ntitle:",
        ("not closed", "---"),
    ),
    # -- YAML anchors and aliases: no report needs them, and they multiply
    Bad(
        "alias-bomb",
        ALIAS_BOMB.old,
        ALIAS_BOMB.new,
        "&a0",
        ("anchor '&a0'", "no anchors, no aliases", "write the value in full"),
    ),
    Bad(
        "anchor-and-alias",
        "authors: [Anna Rossi]",
        "authors: &who [Anna Rossi]\nkeywords: *who",
        "&who",
        ("anchor '&who'",),
    ),
    Bad(
        "asterisk-read-as-an-alias",
        "title: A report",
        "title: *Nuclear talks",
        "title:",
        ("alias '*Nuclear'", "in quotes if the '*' is part of it"),
    ),
    Bad(
        "lists-nested-past-libyaml",
        "volume: 1",
        "volume: " + "[" * 1001 + "]" * 1001,
        "volume:",
        ("nested more than 20 deep", "write plain values"),
    ),
    Bad(
        "lists-nested-past-python",
        "volume: 1",
        "volume: " + "[" * 900 + "]" * 900,
        "volume:",
        ("nested more than 20 deep",),
    ),
    # -- the dates of a report's history: written like date:, none after it
    Bad(
        "received-after-publication",
        *_added('received: "2025-01"\n'),
        "received:",
        ("'received' 2025-01 is after the publication date 2024",),
    ),
    Bad(
        "accepted-before-received",
        *_added('received: "2023-11-02"\naccepted: "2023-10"\n'),
        "accepted:",
        ("'accepted' 2023-10 is before 'received' 2023-11-02",),
    ),
    Bad(
        "revised-with-a-time",
        *_added("revised: 2023-11-02T10:00:00\n"),
        "revised:",
        ("has a time", "revised: 2023-11-02"),
    ),
    Bad(
        "accepted-not-in-the-calendar",
        *_added('accepted: "2023-02-30"\n'),
        "accepted:",
        ("not in the calendar", 'accepted: "2022-02"'),
    ),
    Bad(
        "received-not-a-date",
        *_added("received: last autumn\n"),
        "received:",
        ("'received' 'last autumn' is not a date",),
    ),
    Bad(
        "submitted-for-received",
        *_added('submitted: "2023-10"\n'),
        "submitted:",
        ("did you mean 'received'",),
    ),
    Bad(  # said where the 21st level (the front matter is the first) opens
        "block-lists-nested",
        "volume: 1",
        "volume:\n" + "".join(f"{'  ' * n}- # {n}\n" for n in range(1, 1100)),
        "- # 20\n",
        ("nested more than 20 deep",),
    ),
)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_fault_is_refused_at_its_line_with_the_fix(case: Bad) -> None:
    text = changed(case.old, case.new)
    with pytest.raises(MetadataError) as raised:
        read(text)
    message = str(raised.value)
    assert raised.value.line == line_of(text, case.at), message
    for words in case.says:
        assert words.lower() in message.lower(), f"{words!r} not in {message!r}"
    assert "\n" not in message


#: A value longer than any message may quote (a 100,000-character title was
#: quoted whole, on one terminal line).
LONG = "x" * 100_000
#: Faults whose message quotes what the editor wrote, in a value of LONG
LONG_VALUES = (
    ("date", DATE, f"date: {LONG}\n"),
    ("volume", "volume: 1", f"volume: {'9' * len(LONG)}"),
    ("language", *_added(f"language: {LONG}\n")),
    ("orcid", "authors: [Anna Rossi]", f"authors: [{{name: A, orcid: {LONG}}}]"),
    ("doi", *_added(f"doi: 10.1234/{LONG}\n")),
    ("authors", "authors: [Anna Rossi]", "authors: " + ", ".join(["Anna"] * 10**4)),
    ("keyword", *_added(f"keywords: [{'; '.join(['oil'] * 10**4)}]\n")),
    ("key", *_added(f"{LONG[:1000]}: 1\n")),  # YAML's keys: 1,024 at most
    ("no-space-after-colon", "title: A report", f"title:{LONG}"),
    ("colon-in-title", "title: A report", f"title: A: {LONG}"),
    ("tag", "volume: 1", f"volume: !{LONG} 1"),
    ("alias", "title: A report", f"title: *{LONG}"),
)


@pytest.mark.parametrize(
    ("old", "new"), [pytest.param(o, n, id=name) for name, o, n in LONG_VALUES]
)
def test_a_long_value_is_cut_in_the_message(old: str, new: str) -> None:
    with pytest.raises(MetadataError) as raised:
        read(changed(old, new))
    message = str(raised.value)
    assert "…" in message
    assert len(message) <= 300, message


def test_base_reads() -> None:
    report = read(BASE_TEXT)
    assert report.authors == ("Anna Rossi",)
    assert report.contributors == (Author("Anna Rossi"),)


# -- what editors write that is fine --------------------------------------------


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(BASE_TEXT.replace("\n", "\r\n"), id="windows-line-endings"),
        pytest.param("\ufeff" + BASE_TEXT, id="byte-order-mark"),
        pytest.param(changed("volume: 1", 'volume: "1"'), id="quoted-volume"),
        pytest.param(changed("issue: 1", "issue: '01'"), id="issue-with-zero"),
        pytest.param(changed(DATE, "date: 2024\n"), id="date-as-number"),
        pytest.param(changed("authors: [Anna Rossi]", "authors: Anna Rossi"), id="one"),
        pytest.param(
            changed("authors: [Anna Rossi]", "authors:\n  - Anna Rossi"), id="block"
        ),
        pytest.param(
            changed("title: A report", "title: A\n  report"), id="plain-title-folded"
        ),
    ],
)
def test_variants_read_as_the_same_facts(variant: str) -> None:
    assert read(variant) == read(BASE_TEXT)


def test_yaml_date() -> None:
    assert read(changed(DATE, "date: 2024-03-15\n")).date == PartialDate(2024, 3, 15)


def test_the_dates_of_a_reports_history() -> None:
    """received, revised and accepted: each as precise as known, in order,
    then the publication; a date of the same month or year as the one after
    it is not later than it."""
    text = changed(
        DATE,
        'date: "2024-03"\nreceived: 2023-11-20\nrevised: "2024"\n'
        'accepted: "2024-03-02"\n',
    )
    report = read(text)
    assert report.received == PartialDate(2023, 11, 20)
    assert report.revised == PartialDate(2024)
    assert report.accepted == PartialDate(2024, 3, 2)
    assert report.history == (
        ("received", PartialDate(2023, 11, 20)),
        ("revised", PartialDate(2024)),
        ("accepted", PartialDate(2024, 3, 2)),
        ("published", PartialDate(2024, 3)),
    )
    plain = read(BASE_TEXT)
    assert (plain.received, plain.revised, plain.accepted) == (None, None, None)
    assert plain.history == (("published", PartialDate(2024)),)


def test_authors_with_affiliation_and_orcid() -> None:
    """Renderers keep the names; the details are in ``contributors``."""
    text = changed(
        "authors: [Anna Rossi]",
        "authors:\n"
        "  - name: Anna Rossi\n"
        "    affiliation: University of Bologna\n"
        f"    orcid: https://orcid.org/{ORCID}\n"
        "  - Ivan Petrov\n"
        f"  - {{name: Lena Berg, orcid: {ORCID_X.replace('-', '').lower()}}}",
    )
    report = read(text)
    assert report.authors == ("Anna Rossi", "Ivan Petrov", "Lena Berg")
    assert report.contributors == (
        Author("Anna Rossi", "University of Bologna", ORCID),
        Author("Ivan Petrov"),
        Author("Lena Berg", orcid=ORCID_X),
    )
    assert report.contributors[0].orcid_url == f"https://orcid.org/{ORCID}"
    assert report.authors_line == "Anna Rossi, Ivan Petrov and Lena Berg"


def test_affiliations_with_ror_ids_and_funding() -> None:
    """A ROR ID beside its affiliation (bare, or its URL); funders with a
    Crossref Funder ID (bare, doi: or its link) and an award, or alone."""
    text = changed(
        "authors: [Anna Rossi]",
        "authors:\n"
        "  - name: Anna Rossi\n"
        f"    affiliation: {AFFILIATION}\n"
        f"    ror: https://ror.org/{ROR.upper()}\n"
        f"  - {{name: Ivan Petrov, affiliation: Sapienza, ror: 02be6w209}}",
    )
    text = text.replace(
        DATE,
        DATE + "funding:\n"
        "  - funder: European Commission\n"
        "    funder_id: https://doi.org/10.13039/501100000780\n"
        "    award: '101004488'\n"
        "  - funder: A private donor\n",
    )
    report = read(text)
    assert report.contributors == (
        Author("Anna Rossi", AFFILIATION, ror=ROR),
        Author("Ivan Petrov", "Sapienza", ror="02be6w209"),
    )
    assert report.contributors[0].ror_url == f"https://ror.org/{ROR}"
    assert [(f.funder, f.funder_id, f.award) for f in report.funding] == [
        ("European Commission", "10.13039/501100000780", "101004488"),
        ("A private donor", "", ""),
    ]
    assert report.funding[0].funder_id_url == ("https://doi.org/10.13039/501100000780")


def test_text_is_kept_as_written() -> None:
    """YAML 1.1 reads ``no`` as false and ``1.50`` as 1.5: a text field keeps
    what the editor wrote (``no`` is Norwegian)."""
    text = changed(DATE, DATE + "language: no\nkeywords: [1.50, on, oil & gas]\n")
    report = read(text)
    assert report.language == "no"
    assert report.keywords == ("1.50", "on", "oil & gas")


def test_right_to_left_text_and_its_marks_are_kept() -> None:
    """Arabic, Hebrew and Persian are read as written, with the marks their
    editors place by punctuation and numbers (U+200F, U+061C, U+200E)."""
    title = "النفط والغاز في \u200fبحر قزوين (2024)\u061c"
    author = "\u200eדוד לוי"
    keyword = "خط لوله\u200f"
    text = changed("title: A report", f"title: {title}")
    text = text.replace("authors: [Anna Rossi]", f"authors: [{author}]")
    report = read(text.replace(DATE, f"{DATE}keywords: [{keyword}]\n"))
    assert (report.title, report.authors, report.keywords) == (
        title,
        (author,),
        (keyword,),
    )


def test_abstract_may_hold_newlines() -> None:
    abstract = "First line.\nSecond line."
    text = changed(DATE, DATE + "abstract: |\n  First line.\n  Second line.\n")
    assert read(text).abstract == abstract


def test_cover_knows_the_line_of_each_field() -> None:
    text = changed(DATE, DATE + "cover:\n  path: aktau.jpg\n  alt: Tankers\n")
    cover = read(text).cover
    assert cover is not None
    assert cover.line == line_of(text, "cover:")
    assert cover.line_of("path") == line_of(text, "path:")
    assert cover.line_of("alt") == line_of(text, "alt:")
    assert cover.line_of("caption") == cover.line  # not written


@pytest.mark.parametrize(
    ("docname", "volume", "issue"),
    [
        ("reports/caspian", 17, 3),  # not <volume>-<issue>-...: nothing to agree
        ("reports/017-03-caspian", 17, 3),
        ("reports/2024/17-3-caspian", 17, 3),
    ],
)
def test_file_names_that_agree_or_say_nothing(
    docname: str, volume: int, issue: int
) -> None:
    text = changed("volume: 1\nissue: 1", f"volume: {volume}\nissue: {issue}")
    report = read(text, docname)
    assert (report.volume, report.issue) == (volume, issue)


@pytest.mark.parametrize(
    ("name", "held", "rename"),
    [
        ("16-2-oil & gas #2", "' ', '&', '#'", "16-2-oil-gas-2"),
        ("16-2-città", "'à'", "16-2-citta"),
        ("16-2-citta\u0300", "'\u0300'", "16-2-citta"),  # as macOS writes it
        ("16-2-Caspian", "'C'", "16-2-caspian"),
        ("16_2_caspian", "'_'", "16-2-caspian"),
        ("16-2-caspian.v2", "'.'", "16-2-caspian-v2"),
        ("16-2-каспий", "'к', 'а', 'с', 'п', 'и', …", "16-2-report"),
        ("16-2--caspian-", "a hyphen at an end or two together", "16-2-caspian"),
    ],
)
def test_a_file_name_off_the_rule_is_refused_at_line_1(
    name: str, held: str, rename: str
) -> None:
    """A report's name is its URL, its PDF's, EPUB's and LaTeX document's and
    its DOI's: lower-case a-z, digits and single hyphens; the message names
    what else it holds and an ASCII name made of it, which reads."""
    text = changed("volume: 1\nissue: 1", "volume: 16\nissue: 2")
    with pytest.raises(FileNameError) as raised:
        read(text, f"reports/{name}")
    message = str(raised.value)
    assert raised.value.line == 1
    assert f"the file name {name + '.md'!r} " in message
    assert held in message
    assert message.endswith(f": rename it to {rename}.md")
    assert read(text, f"reports/{rename}").volume == 16


def test_volume_and_issue_both_disagree() -> None:
    text = changed("volume: 1\nissue: 1", "volume: 17\nissue: 3")
    with pytest.raises(MetadataError) as raised:
        read(text)
    assert raised.value.line == line_of(text, "volume:")
    assert "rename the file to 17-3-report.md" in str(raised.value)


def test_every_shipped_report_reads() -> None:
    """The repository's and the test roots' reports pass the checks."""
    projects = [ROOTS.parent.parent / "docs", *sorted(ROOTS.glob("test-*"))]
    for project in projects:
        journal = journal_of(project)
        for path in sorted((project / "reports").glob("*.md")):
            docname = path.relative_to(project).with_suffix("").as_posix()
            text = path.read_text(encoding="utf-8")
            assert report_from_source(docname, text, journal).title


# -- the importer writes front matter that passes -------------------------------


def _with_date(report: str) -> str:
    """An imported report with the date the editor adds (the import warns)."""
    found = split_front_matter(report)
    assert found is not None
    lines = report.splitlines(keepends=True)
    end = found[1] - 1  # the closing '---'
    return "".join([*lines[:end], 'date: "2022-01"\n', *lines[end:]])


def test_the_seed_import_passes() -> None:
    seed = DATA / "report-15-1.txt"
    imported = convert(seed.read_text(encoding="utf-8"), seed.name, {})
    report = read(_with_date(imported.report), f"reports/{imported.slug}")
    assert report.title.startswith("Geopolitical consequences")


def test_an_import_with_a_tab_in_its_title_passes() -> None:
    """A tab copied into the journal's header becomes a space, not a refusal."""
    header = (
        "Energy\tcorridors of the Caspian\n\n"
        "Geopolitical Report ISSN 2785-2598 Volume 16 Issue 2\n"
        "Author: Anna Rossi, Ivan Petrov\n"
        "Keywords: oil, gas\n\n"
        "The text of the report, with a note.[1]\n\n"
        "[1] Anna Rossi, Pipelines and Power, 2020.\n"
    )
    imported = convert(header, "caspian.txt", {})
    report = read(_with_date(imported.report), f"reports/{imported.slug}")
    assert report.title == "Energy corridors of the Caspian"
    assert report.authors == ("Anna Rossi", "Ivan Petrov")
    assert report.keywords == ("oil", "gas")


# -- through the command a user runs -------------------------------------------

#: faults built by ``python -m georeport.editions html``: (fault, text on the line)
BUILT = {
    "multi-line-title": (
        Fault(
            REPORT,
            "title: A report",
            "title: |\n  A report\n  <img src=x onerror=alert(1)>",
        ),
        "title:",
    ),
    "doi": (Fault(REPORT, DATE, DATE + "doi: 10.12/gr.1\n"), "doi:"),
    "volume-disagrees": (Fault(REPORT, "volume: 1", "volume: 17"), "volume:"),
}


@pytest.fixture(scope="module")
def commands(tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.mktemp("front-matter")

    def build(name: str) -> tuple[subprocess.CompletedProcess, Path, int]:
        fault, at = BUILT[name]
        source = base / "source" / name
        shutil.copytree(BASE, source)
        line = line_of(fault.apply(source), at)
        build = base / "build" / name
        command = [sys.executable, "-m", "georeport.editions", "html"]
        completed = subprocess.run(
            [*command, str(source), str(build)],
            check=False,
            capture_output=True,
            text=True,
            timeout=300,
        )
        return completed, build, line

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(BUILT, pool.map(build, BUILT), strict=True))


@pytest.mark.parametrize("name", list(BUILT))
def test_the_message_comes_first_and_no_page_is_left(name: str, commands: dict) -> None:
    completed, build, line = commands[name]
    assert completed.returncode != 0
    first = completed.stderr.splitlines()[0]
    assert first.startswith("error: "), completed.stderr
    assert f"{REPORT}:{line}:" in first, completed.stderr
    assert "[georeport.metadata]" not in first  # the terminal's form, not the log's
    assert not list((build / "html").rglob("*.html")), "a failed build left pages"


@pytest.mark.parametrize("name", list(BUILT))
def test_nothing_of_a_refused_report_is_built_even_in_the_work_folder(
    name: str, commands: dict
) -> None:
    """The work folder is Sphinx's, not an edition, but a page written there
    from a refused front matter would hold what MyST made of it (a title over
    several lines: a live ``<img onerror>``)."""
    _completed, build, _line = commands[name]
    pages = list(build.rglob("1-1-report.html"))
    assert pages, "Sphinx wrote no page for the report at all"
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.find("img", onerror=True) is None
        assert "A claim about the Caspian Sea" not in soup.get_text()
