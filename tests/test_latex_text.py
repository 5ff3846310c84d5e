"""BibTeX markup read as BibTeX, by one decoder, in the house style and the
head tags alike."""

from __future__ import annotations

import pytest
from pybtex.database import Entry, Person

from georeport.bib.latex_text import decode
from georeport.bib.style import HouseStyle
from georeport.sphinxext.report_head import reference


@pytest.mark.parametrize(
    ("latex", "text", "html"),
    [
        (r"\emph{Pravda} and Izvestia", "Pravda and Izvestia", "<em>Pravda</em>"),
        (r"The \textit{Caspian} Sea", "The Caspian Sea", "<em>Caspian</em>"),
        (r"A \textbf{bold} claim", "A bold claim", "<strong>bold</strong>"),
        (r"50\% of \emph{{\"O}l} \& gas", "50% of Öl & gas", "<em>"),
        (r"See \url{https://example.org}", "See https://example.org", "See https"),
        (r"{NATO} -- {EU}", "NATO – EU", "NATO"),
    ],
)
def test_formatting_commands_become_emphasis(latex: str, text: str, html: str) -> None:
    decoded = decode(latex)
    assert decoded.render_as("text") == text
    assert html in decoded.render_as("html")
    assert "\\" not in decoded.render_as("html")


def test_the_house_style_and_the_head_tags_read_the_same_text() -> None:
    entry = Entry(
        "article",
        fields={
            "title": r"Oil, \emph{gas} and 50\% of {NATO}",
            "journal": r"\textit{Caspian} Review",
            "year": "2021",
        },
        persons={"author": [Person(r"{\"O}zt{\"u}rk, Ay{\c{s}}e")]},
    )
    entry.key = "ozturk2021"
    formatted = HouseStyle().format_entry("", entry).text
    # the house style: given names first, "(year)", title, journal
    assert formatted.render_as("text") == (
        "Ayşe Öztürk (2021) Oil, gas and 50% of NATO, Caspian Review."
    )
    assert "<em>gas</em>" in formatted.render_as("html")
    tags = dict(part.split("=", 1) for part in reference(entry).split("; "))
    assert tags["citation_title"] == "Oil, gas and 50% of NATO"
    assert tags["citation_journal_title"] == "Caspian Review"
    assert tags["citation_author"] == "Öztürk, Ayşe"
