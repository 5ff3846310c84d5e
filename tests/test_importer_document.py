"""Reading a report's text: header, paragraphs, section titles, footnotes, errors."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from georeport.importer.document import parse_document
from georeport.importer.errors import ImporterError
from georeport.model import Cover

PARAGRAPH = "A paragraph long enough to be one, with a marker at its end.[1]"
REPORT = f"""\
The title

An image title
Its caption, with a comma (Credits: Esetok, CC BY-SA 4.0, via Wikimedia Commons)

Geopolitical Report ISSN 2785-2598 Volume 15 Issue 1
Authors: Giuliano Bifolchi & Silvia Boltuc
Date: January 2022
Keywords: Kazakhstan, CSTO

{PARAGRAPH}

A section title?

The second paragraph, which cites two footnotes, [2] and another one.[3]

[1] Kazakhstan (2021) Freedom House.
[2] Kazakhstan (2021) Human Rights Watch.
[3] Kazakhstan (2021) Reporters
Without Borders.

Related Posts
Something else
"""


def test_header() -> None:
    header = parse_document(REPORT, "r.txt").header
    assert header.title == "The title"
    assert header.authors == ("Giuliano Bifolchi", "Silvia Boltuc")
    assert (header.volume, header.issue) == (15, 1)
    assert header.date == "2022-01"
    assert header.keywords == ("Kazakhstan", "CSTO")
    assert header.cover == Cover(
        alt="An image title",
        caption="Its caption, with a comma",
        credit="Esetok, CC BY-SA 4.0, via Wikimedia Commons",
        license="CC BY-SA 4.0",
    )


def test_blocks_and_section_titles() -> None:
    blocks = parse_document(REPORT, "r.txt").blocks
    assert [(b.line, b.heading) for b in blocks] == [
        (11, False),
        (13, True),
        (15, False),
    ]
    assert blocks[0].text == PARAGRAPH


def test_footnotes_continue_on_the_next_line_and_residue_is_dropped() -> None:
    document = parse_document(REPORT, "r.txt")
    assert [(n.number, n.line) for n in document.notes] == [(1, 17), (2, 18), (3, 19)]
    assert document.notes[2].text == "Kazakhstan (2021) Reporters Without Borders."
    assert document.warnings == []


def test_a_line_after_the_footnotes_is_reported() -> None:
    text = REPORT.replace("Without Borders.\n", "Without Borders.\n\nShare this\n")
    (warning,) = parse_document(text, "r.txt").warnings
    assert warning.startswith("r.txt:22: not a footnote") and "'Share this'" in warning


def test_missing_header_facts_are_warnings() -> None:
    text = REPORT.replace("Date: January 2022\n", "").replace("ISSN 2785-2598", "")
    warnings = parse_document(text, "r.txt").warnings
    assert any("no date in the header" in w for w in warnings)


def test_a_wrong_issn_check_digit_is_a_warning_with_the_right_digit() -> None:
    text = REPORT.replace("2785-2598", "2785-2599")
    (warning,) = parse_document(text, "r.txt").warnings
    assert warning.startswith("r.txt:6: ") and "should be '8'" in warning


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (("[1] Kazakhstan", "[4] Kazakhstan"), 11, "marker [1] has no footnote"),
        (("one.[3]", "one."), 19, "footnote [3] has no marker"),
        (("[2] Kazakhstan", "[1] Kazakhstan"), 18, "footnote [1] appears twice"),
        (("[2] Kazakhstan (2021) Human Rights Watch.", "[2]"), 18, "[2] is empty"),
        ((REPORT[: REPORT.index("Geopolitical")], ""), 1, "no title line"),
        (("The title\n", f"{PARAGRAPH}\n"), 1, "no title line"),
        (
            ("another one.[3]", "another one.[3] and [1]"),
            15,
            "marker [1] stands a second time (first on line 11)",
        ),
        (("[2] and another one.[3]", "[3] and another one.[2]"), 15, "[3] comes"),
    ],
)
def test_errors_name_the_line_and_the_fix(
    change: tuple[str, str], line: int, message: str
) -> None:
    with pytest.raises(ImporterError) as caught:
        parse_document(REPORT.replace(*change), "r.txt")
    assert caught.value.line == line
    assert message in str(caught.value)
    assert "Fix: " in str(caught.value)


def test_no_footnotes_is_an_error() -> None:
    with pytest.raises(ImporterError, match=r"^r.txt:\d+: no footnotes.*Fix: "):
        parse_document(REPORT.split("[1] Kazakhstan")[0], "r.txt")


@given(st.text(max_size=400))
def test_random_text_is_read_or_refused_with_a_clear_error(text: str) -> None:
    try:
        document = parse_document(text, "r.txt")
    except ImporterError as error:
        assert str(error).startswith("r.txt")
    else:
        assert document.notes


# -- the forms notes come in (issue 26) --------------------------------------------

from georeport.importer.forms import normalise  # noqa: E402

_HEAD = "A title\n\nAuthor: Ani Mejlumyan\n\n"


@pytest.mark.parametrize(
    ("notes", "markers", "said"),
    [
        ("1. A (2020) B.\n2. Ibid.", "One.[1] Two.[2]", "'1.'"),
        ("1) A (2020) B.\n2) Ibid.", "One.¹ Two,²", "'1)'"),
        ("1 A (2020) B.\n2 Ibid.", "One.1 Two”2 and 3.5 or 1,000.", "'1'"),
        ("[1] A (2020) B.\n[2] Ibid.", "One.[1] Two.[2]", "'[1]'"),
    ],
)
def test_notes_and_markers_in_each_exported_form(
    notes: str, markers: str, said: str
) -> None:
    text = f"{_HEAD}{markers}\n\n{notes}\n"
    document = parse_document(text, "r.txt")
    assert [note.text for note in document.notes] == ["A (2020) B.", "Ibid."]
    assert said in document.form
    assert "3.5 or 1,000" in document.blocks[-1].text or "3.5" not in markers
    assert len(normalise(text, "r.txt").text.split("\n")) == len(text.split("\n"))


def test_a_numbered_list_in_the_text_is_not_the_notes() -> None:
    text = f"{_HEAD}1. The first demand.\n\nText.¹\n\n1. A (2020) B.\n"
    document = parse_document(text, "r.txt")
    assert [note.text for note in document.notes] == ["A (2020) B."]
    assert document.blocks[0].text == "1. The first demand."


@pytest.mark.parametrize(
    ("markers", "message"),
    [
        ("One.1 Two.3", "r.txt:5: the markers read as digits after punctuation (1, 3)"),
        ("One.¹ Two.1 Three.2", "r.txt:5: the text marks its notes both as"),
    ],
)
def test_ambiguous_markers_are_refused(markers: str, message: str) -> None:
    text = f"{_HEAD}{markers}\n\n1. A (2020) B.\n2. Ibid.\n"
    with pytest.raises(ImporterError) as raised:
        parse_document(text, "r.txt")
    assert str(raised.value).startswith(message)
