"""An editor's everyday mistakes: each one line at its exact place, with the fix.

Each mistake is one realistic slip in the small project
``tests/roots/test-base`` (a :class:`~tests.conftest.Fault`): a key mistyped
or in another case, keys or a locator written as another tool writes them, a
role or a directive misspelt, a fence left open, a front-matter key, list,
quote, indent, date or ORCID iD gone wrong, a BibTeX entry left open, a key
without its comma, a quote, an ``=`` or braces missing. The project is built
as a user builds it (``python -m georeport.editions html SOURCE BUILD``), and
each mistake must give

* a non-zero exit,
* ONE line on the terminal (the error output), ``error: FILE:LINE: ...`` or
  ``error: FILE:LINE:COLUMN: ...`` where the column is known (a citation may
  stand in the middle of a long paragraph), the line and column computed from
  the faulty file (where :attr:`Mistake.at` stands),
* the words of what is wrong and of the fix (:attr:`Mistake.says`).

The faults of ``tests/test_bad_input.py`` are not repeated here: these extend
them (issue 24).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import REPORT, Fault
from .test_bad_input import LONGEST, MEMORY, Result, editions, faulty_copy, line_of
from .test_images import JPEG

#: The base report's citation, and its References heading.
CLAIM = "A claim about the Caspian Sea.{footcite}`rossi2020`"
KEY = "`rossi2020`"
ROLE = "{footcite}`rossi2020`"
#: The base report's References list, closed by ":::" on the next line.
FILTER = ":filter: docname in docnames\n:::"


@dataclass(frozen=True)
class Mistake:
    """One slip, and the one line that must point the editor to it."""

    name: str
    fault: Fault
    #: text standing once in the faulty file, where the message points
    at: str
    #: words the line must hold: what is wrong, and the fix (any case)
    says: tuple[str, ...]
    #: the line gives the column too: where ``at`` starts
    column: bool = False
    #: files the project holds besides (relative path, bytes)
    beside: tuple[tuple[str, bytes], ...] = ()

    @property
    def file(self) -> str:
        return self.fault.file


def _in_report(old: str, new: str) -> Fault:
    return Fault(REPORT, old, new)


def _in_bib(old: str, new: str) -> Fault:
    return Fault("refs.bib", old, new)


#: The title of the base report, saved with a Windows-1252 apostrophe.
CP1252_TITLE = "title: A report\u2019s title"

MISTAKES = (
    # -- citations: keys ----------------------------------------------------------
    # the key mistyped, on the third line of its paragraph
    Mistake(
        "key-typo-in-a-long-paragraph",
        _in_report(
            CLAIM,
            "A claim about the Caspian Sea,\nwhose ports grew\n"
            "as its pipelines did.{footcite}`rosi2020`",
        ),
        "rosi2020",
        ("rosi2020", 'did you mean "rossi2020"?', "fix the key"),
        column=True,
    ),
    Mistake(
        "key-in-another-case",
        _in_report(KEY, "`Rossi2020`"),
        "Rossi2020",
        ("Rossi2020", '"rossi2020" in refs.bib', "write it so"),
        column=True,
    ),
    # Pandoc's way: [@rossi2020]
    Mistake(
        "key-with-an-at-sign",
        _in_report(KEY, "`@rossi2020`"),
        "@rossi2020",
        ("@rossi2020", 'did you mean "rossi2020"?'),
        column=True,
    ),
    Mistake(
        "keys-without-a-comma",
        _in_report(KEY, "`rossi2020 petrov2023`"),
        "{footcite}",
        (
            "comma is missing between 'rossi2020' and 'petrov2023'",
            "rossi2020,petrov2023",
        ),
        column=True,
    ),
    Mistake(
        "keys-with-a-semicolon",
        _in_report(KEY, "`rossi2020;petrov2023`"),
        "rossi2020;petrov2023",
        ("separated by commas", "write rossi2020,petrov2023"),
        column=True,
    ),
    # -- citations: locators ---------------------------------------------------------
    Mistake(
        "locator-left-open",
        _in_report(KEY, "`rossi2020{p. 3`"),
        "{footcite}",
        ("the locator '{p. 3' is not closed", "add its '}'", "rossi2020{p. 3}"),
        column=True,
    ),
    Mistake(
        "locator-without-braces",
        _in_report(KEY, "`rossi2020, p. 3`"),
        "{footcite}",
        ("locator goes in braces", "rossi2020{p. 3}"),
        column=True,
    ),
    Mistake(
        "braces-inside-a-locator",
        _in_report(KEY, "`rossi2020{p. {3}}`"),
        "{footcite}",
        ("brace inside braces", "\\{ and \\}"),
        column=True,
    ),
    # -- citations: the role -------------------------------------------------------
    Mistake(
        "role-without-its-closing-backtick",
        _in_report(ROLE, "{footcite}`rossi2020"),
        "{footcite}",
        ("not closed in its paragraph", "{footcite}`rossi2020`"),
        column=True,
    ),
    Mistake(
        "role-without-its-opening-backtick",
        _in_report(ROLE, "{footcite}rossi2020`"),
        "{footcite}",
        ("not followed by its keys in backticks", "write {footcite}`rossi2020`"),
        column=True,
    ),
    Mistake(
        "role-and-keys-apart",
        _in_report(ROLE, "{footcite} `rossi2020`"),
        "{footcite}",
        ("in backticks", "write {footcite}`rossi2020`"),
        column=True,
    ),
    Mistake(
        "footnote-for-footcite",
        _in_report(ROLE, "{footnote}`rossi2020`"),
        "{footnote}",
        ('role "footnote"', "did you mean {footcite}?"),
        column=True,
    ),
    Mistake(
        "role-misspelt",
        _in_report(ROLE, "{fotcite}`rossi2020`"),
        "{fotcite}",
        ('role "fotcite"', "did you mean {footcite}?"),
        column=True,
    ),
    Mistake(
        "cite-for-footcite",
        _in_report(ROLE, "{cite}`rossi2020`"),
        "{cite}",
        (
            "{cite}`rossi2020`",
            "none of the journal's footnotes",
            "{footcite}`rossi2020`",
        ),
        column=True,
    ),
    Mistake(
        "cite-p-for-footcite",
        _in_report(ROLE, "{cite:p}`rossi2020`"),
        "{cite:p}",
        ("{cite:p}", "write {footcite}`rossi2020`"),
        column=True,
    ),
    Mistake(
        "footcite-p-for-footcite",
        _in_report(ROLE, "{footcite:p}`rossi2020`"),
        "{footcite:p}",
        ("{footcite:p}", "write {footcite}`rossi2020`"),
        column=True,
    ),
    # -- directives and fences -------------------------------------------------------
    Mistake(
        "directive-misspelt",
        _in_report("```{footbibliography}", "```{footbibliograpy}"),
        "```{footbibliograpy}",
        ("'footbibliograpy'", "did you mean {footbibliography}?"),
    ),
    Mistake(
        "figure-misspelt",
        _in_report(
            "## References", "```{figur} map.png\n:alt: A map\n```\n\n## References"
        ),
        "```{figur}",
        ("'figur'", "did you mean {figure}?"),
    ),
    Mistake(
        "fence-never-closed",
        _in_report("```{footbibliography}\n```\n", "```{footbibliography}\n\n"),
        "```{footbibliography}",
        ("never closed", "close it with a line ```"),
    ),
    Mistake(
        "fence-closed-by-the-next",
        _in_report(
            "```{footbibliography}",
            "```text\nA quoted statement.\n\n```{footbibliography}",
        ),
        "```text",
        ("not closed before line", "close it with a line ```"),
    ),
    Mistake(
        "colon-fence-of-two-colons",
        _in_report(":::{bibliography}", "::{bibliography}"),
        "::{bibliography}",
        ("opens with three", "write :::{bibliography}"),
    ),
    Mistake(
        "colon-fence-closed-with-two",
        _in_report(FILTER, FILTER.removesuffix(":")),
        ":::{bibliography}",
        ("never closed", "close it with a line :::"),
    ),
    # -- front matter ----------------------------------------------------------------
    Mistake(
        "front-matter-key-misspelt",
        _in_report("authors: [Anna Rossi]", "autors: [Anna Rossi]"),
        "autors:",
        ("'autors'", "did you mean 'authors'?", "write authors: [Anna Rossi]"),
    ),
    Mistake(
        "front-matter-list-as-one-text",
        _in_report("authors: [Anna Rossi]", "authors: Anna Rossi, Ivan Petrov"),
        "authors:",
        ("one text", "authors: [Anna Rossi, Ivan Petrov]"),
    ),
    Mistake(
        "front-matter-quote-left-open",
        _in_report("title: A report", 'title: "A report'),
        "title:",
        ("quote", "'title'", 'write title: "A report"'),
    ),
    Mistake(
        "front-matter-tab-indent",
        _in_report("authors: [Anna Rossi]", "authors:\n\t- Anna Rossi"),
        "\t- Anna Rossi",
        ("tab", "spaces", "write '  - Anna Rossi'"),
    ),
    Mistake(
        "front-matter-date-in-words",
        _in_report('date: "2024"', "date: January 2022"),
        "date:",
        ("'January 2022'", 'write date: "2022-01"'),
    ),
    Mistake(
        "front-matter-date-day-first",
        _in_report('date: "2024"', "date: 05.02.2022"),
        "date:",
        ('date: "2022-02-05" or date: "2022-05-02"',),
    ),
    Mistake(
        "front-matter-orcid-check-digit",
        _in_report(
            "authors: [Anna Rossi]",
            "authors:\n  - name: Anna Rossi\n    orcid: 0000-0002-1825-0098",
        ),
        "orcid:",
        ("'orcid'", "check digit", "copy the iD from the author's ORCID record"),
    ),
    Mistake(
        "front-matter-key-indented",
        _in_report("issue: 1", "  issue: 1"),
        "  issue: 1",
        ("'issue' is indented", "at the start of the line: issue: 1"),
    ),
    Mistake(
        "front-matter-surname-first",
        _in_report("authors: [Anna Rossi]", "authors:\n  - Rossi, Anna"),
        "- Rossi, Anna",
        ("two authors", "given name first, - Anna Rossi"),
    ),
    Mistake(
        "front-matter-language-name",
        _in_report('date: "2024"', 'date: "2024"\nlanguage: English'),
        "language:",
        ("'English'", "did you mean 'en'?"),
    ),
    Mistake(
        "front-matter-colon-in-title",
        _in_report("title: A report", "title: Kazakhstan: a crisis"),
        "title:",
        ("': '", 'title: "Kazakhstan: a crisis"'),
    ),
    Mistake(
        "cover-path-misspelt",
        _in_report(
            'date: "2024"',
            'date: "2024"\ncover:\n  path: Aktau-Port.jpg\n  alt: A port',
        ),
        "path: Aktau-Port.jpg",
        ("'Aktau-Port.jpg' not found", "did you mean 'aktau-port.jpg'?"),
        beside=(("reports/aktau-port.jpg", JPEG),),
    ),
    Mistake(
        "windows-1252-apostrophe",
        Fault(REPORT, "title: A report", CP1252_TITLE, encoding="cp1252"),
        "title:",
        (
            "not UTF-8 (byte 0x92",
            f"in column {CP1252_TITLE.index(chr(0x2019)) + 1})",
            "save it as UTF-8",
        ),
    ),
    # -- BibTeX ----------------------------------------------------------------------
    Mistake(
        "bib-entry-left-open",
        _in_bib("  langid = {english}\n}", "  langid = {english}\n"),
        "@article{rossi2020,",
        ("entry 'rossi2020' opened here is not closed", "add its closing '}'"),
    ),
    Mistake(
        "bib-last-entry-left-open",
        _in_bib("  langid = {russian}\n}", "  langid = {russian}\n"),
        "@online{petrov2023,",
        ("entry 'petrov2023' opened here is not closed", "add its closing '}'"),
    ),
    Mistake(
        "bib-key-without-its-comma",
        _in_bib("@article{rossi2020,", "@article{rossi2020"),
        "@article{rossi2020",
        ("comma is missing after the key 'rossi2020'", "write @article{rossi2020,"),
    ),
    Mistake(
        "bib-key-with-a-space",
        _in_bib("@article{rossi2020,", "@article{rossi 2020,"),
        "@article{rossi 2020,",
        ("'rossi 2020' holds a space", "@article{rossi2020,"),
    ),
    Mistake(
        "bib-value-brace-left-open",
        _in_bib("{Journal of Energy Politics},", "{Journal of Energy Politics,"),
        "{Journal of Energy Politics,",
        ("'journal' of entry 'rossi2020'", "add the missing '}'"),
    ),
    Mistake(
        "bib-quote-left-open",
        _in_bib("  volume = {3},", '  volume = "3,'),
        'volume = "3,',
        ("'volume' of entry 'rossi2020' opens a quote", "add the closing '\"'"),
    ),
    Mistake(
        "bib-field-without-equals",
        _in_bib("  volume = {3},", "  volume {3},"),
        "volume {3},",
        ("'volume'", "no '='", "write volume = {3},"),
    ),
    # an at sign starting a value: BibTeX reads a macro ("undefined string")
    Mistake(
        "bib-at-sign-in-a-value",
        _in_bib("  volume = {3},", "  volume = {3},\n  publisher = @Energy Press,"),
        "publisher =",
        ("not in braces", "publisher = {@Energy Press},"),
    ),
    Mistake(
        "bib-uncited-misc-without-title",
        _in_bib(
            "", "\n@misc{notes2021,\n  author = {Anna Rossi},\n  year = {2021}\n}\n"
        ),
        "@misc{notes2021,",
        ("'notes2021' has no title", "add title = {...}"),
    ),
)


def _params() -> list:
    return [pytest.param(mistake, id=mistake.name) for mistake in MISTAKES]


@dataclass(frozen=True)
class Place:
    """Where a message must point: the file, its line and, if given, column."""

    path: Path
    line: int
    column: int | None


@pytest.fixture(scope="module")
def results(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[Result, Place]]:
    """Every mistake built once, two at a time."""
    base = tmp_path_factory.mktemp("mistakes")

    def build(mistake: Mistake) -> tuple[Result, Place]:
        source = faulty_copy(base / mistake.name / "source")
        for name, data in mistake.beside:
            (source / name).write_bytes(data)
        text = mistake.fault.apply(source)
        line = line_of(text, mistake.at)
        start = text.index(mistake.at)
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        place = Place(source / mistake.file, line, column if mistake.column else None)
        result = editions("html", source, base / mistake.name / "build", memory=MEMORY)
        return result, place

    with ThreadPoolExecutor(max_workers=2) as pool:
        built = list(pool.map(build, MISTAKES))
    return {m.name: result for m, result in zip(MISTAKES, built, strict=True)}


def test_the_corpus_is_of_thirty_mistakes_at_least() -> None:
    assert len({m.name for m in MISTAKES}) == len(MISTAKES) >= 30


@pytest.mark.parametrize("mistake", _params())
def test_a_mistake_exits_non_zero(
    mistake: Mistake, results: dict[str, tuple[Result, Place]]
) -> None:
    result, _place = results[mistake.name]
    assert result.returncode != 0, result.stderr


@pytest.mark.parametrize("mistake", _params())
def test_a_mistake_is_one_line_at_its_place_with_the_fix(
    mistake: Mistake, results: dict[str, tuple[Result, Place]]
) -> None:
    result, place = results[mistake.name]
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    (said,) = lines
    where = f"{place.path}:{place.line}"
    if place.column is not None:
        where += f":{place.column}"
    assert said.startswith(f"error: {where}: "), f"not at {where}:\n{said}"
    assert len(said) <= LONGEST, said
    for words in mistake.says:
        assert words.lower() in said.lower(), f"{words!r} not in:\n{said}"
    for noise in ("Traceback", "Exception", "please report"):
        assert noise not in said
