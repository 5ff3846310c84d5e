"""The footnote parser: one test per variant of the house style, then hypothesis."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from georeport.importer.footnotes import Source, parse_footnote, split_sources

URL = "https://cyberleninka.ru/article/n/avtoritarizm"

VARIANTS = {
    "full house style": (
        "V.V. Evseev (2013) Авторитаризм В Центральной Азии (На Примере Казахстана), "
        f"Вестник МГИМО-Университета Vol.5(32), pp. 101-107. Retrieved from: {URL}",
        Source(
            authors=("V.V. Evseev",),
            title="Авторитаризм В Центральной Азии (На Примере Казахстана)",
            outlet="Вестник МГИМО-Университета",
            volume="5",
            number="32",
            pages="101--107",
            year="2013",
            url=URL,
        ),
    ),
    "no author: the title comes before the year": (
        "Kazakhstan. Legacy of censorship (2021) Reporters Without Borders. "
        "Retrieved from:",
        Source(
            title="Kazakhstan. Legacy of censorship",
            outlet="Reporters Without Borders",
            year="2021",
        ),
    ),
    "no author, a title of capitalised words and a comma": (
        "U.S. Has Questions About Kazakhstan’s Request For CSTO Troops, Blinken Says "
        "(2022) Radio Free Europe/Radio Liberty. Retrieved from:",
        Source(
            title="U.S. Has Questions About Kazakhstan’s Request For CSTO Troops, "
            "Blinken Says",
            outlet="Radio Free Europe/Radio Liberty",
            year="2022",
        ),
    ),
    "no author, no year": (
        "Protest and state of emergency in Kazakhstan, Geopolitical Report. "
        "Retrieved from:",
        Source(
            title="Protest and state of emergency in Kazakhstan",
            outlet="Geopolitical Report",
        ),
    ),
    "no year written n.d.": (
        "Giuliano Bifolchi (n.d.) Russia in the Caucasus, SpecialEurasia.",
        Source(
            authors=("Giuliano Bifolchi",),
            title="Russia in the Caucasus",
            outlet="SpecialEurasia",
        ),
    ),
    "authors joined by &": (
        "Giuliano Bifolchi & Silvia Boltuc (2021) Central Asia, Eurasianet.",
        Source(
            authors=("Giuliano Bifolchi", "Silvia Boltuc"),
            title="Central Asia",
            outlet="Eurasianet",
            year="2021",
        ),
    ),
    "three authors joined by , and 'and'": (
        "Giuliano Bifolchi, Silvia Boltuc and Ani Mejlumyan (2022) A title, Outlet.",
        Source(
            authors=("Giuliano Bifolchi", "Silvia Boltuc", "Ani Mejlumyan"),
            title="A title",
            outlet="Outlet",
            year="2022",
        ),
    ),
    "Cyrillic authors": (
        "Владимир Евсеев и А.А. Петров (2013) Заголовок статьи, Вестник Vol.5(32).",
        Source(
            authors=("Владимир Евсеев", "А.А. Петров"),
            title="Заголовок статьи",
            outlet="Вестник",
            volume="5",
            number="32",
            year="2013",
        ),
    ),
    "Greek: another script without case rules for keys": (
        "Η ελληνική πολιτική (2020) Καθημερινή.",
        Source(title="Η ελληνική πολιτική", outlet="Καθημερινή", year="2020"),
    ),
    "Italian title with commas, before a volume": (
        "Mario Rossi (2020) La Russia, l'Italia e il gas, Limes Vol.3(2), "
        "pp. 45–60, GEDI. Retrieved from: https://www.limesonline.com/x",
        Source(
            authors=("Mario Rossi",),
            title="La Russia, l'Italia e il gas",
            outlet="Limes",
            volume="3",
            number="2",
            pages="45--60",
            publisher="GEDI",
            year="2020",
            url="https://www.limesonline.com/x",
        ),
    ),
    "Italian title with commas, then an outlet": (
        "Mario Rossi (2020) Russia, Italia e Cina: una storia, Limes.",
        Source(
            authors=("Mario Rossi",),
            title="Russia, Italia e Cina: una storia",
            outlet="Limes",
            year="2020",
        ),
    ),
    "Russian title with commas and no outlet": (
        "Майк Габриэлян: Выявлены средства, которые США направляли на акции "
        "протеста в Казахстане (2022) Retrieved from:",
        Source(
            title="Майк Габриэлян: Выявлены средства, которые США направляли на "
            "акции протеста в Казахстане",
            year="2022",
        ),
    ),
    "author form, a comma and nothing after it: no outlet": (
        "Ekateryna Suslova (2018) Куда язык доведет: почему Казахстан перешел на "
        "латиницу, Retrieved from:",
        Source(
            authors=("Ekateryna Suslova",),
            title="Куда язык доведет: почему Казахстан перешел на латиницу",
            year="2018",
        ),
    ),
    "Retrieved from: with a URL": (
        "Ani Mejlumyan (2022) Armenians take dim view, Eurasianet. Retrieved from: "
        "https://eurasianet.org/armenians.",
        Source(
            authors=("Ani Mejlumyan",),
            title="Armenians take dim view",
            outlet="Eurasianet",
            year="2022",
            url="https://eurasianet.org/armenians",
        ),
    ),
    "no Retrieved from, a bare URL at the end": (
        "Kazakhstan (2021) Freedom House. https://freedomhouse.org/kz",
        Source(
            title="Kazakhstan",
            outlet="Freedom House",
            year="2021",
            url="https://freedomhouse.org/kz",
        ),
    ),
    "no Retrieved from and no URL": (
        "Kazakhstan (2021) Freedom House.",
        Source(title="Kazakhstan", outlet="Freedom House", year="2021"),
    ),
    "a volume without an issue is not an article": (
        "Mario Rossi (2020) Gas, Limes Vol.3.",
        Source(
            authors=("Mario Rossi",),
            title="Gas",
            outlet="Limes",
            volume="3",
            year="2020",
        ),
    ),
}


@pytest.mark.parametrize("footnote", VARIANTS.values(), ids=VARIANTS.keys())
def test_variant(footnote: tuple[str, Source]) -> None:
    text, expected = footnote
    assert parse_footnote(text) == ([expected], [])


@pytest.mark.parametrize(
    ("text", "entry_type"),
    [
        ("Giuliano Bifolchi (2021) Title, Geopolitical Report Vol.8(1).", "article"),
        ("Kazakhstan (2021) Freedom House.", "online"),
        ("Arabskie (2022) Retrieved from: https://example.org/a", "online"),
        ("Арабские наемники в Казахстане? (2022) Retrieved from:", "misc"),
    ],
)
def test_entry_type(text: str, entry_type: str) -> None:
    assert parse_footnote(text)[0][0].entry_type == entry_type


def test_langid_follows_the_script_of_the_title() -> None:
    assert Source(title="Полиция Алма-Аты, Stan Radar").langid == "russian"
    assert Source(title="Armenians take dim view").langid == "english"


def test_fields_are_in_the_house_order() -> None:
    _text, source = VARIANTS["Italian title with commas, before a volume"]
    assert list(source.fields()) == [
        "author",
        "title",
        "journal",
        "volume",
        "number",
        "pages",
        "publisher",
        "year",
        "url",
        "langid",
    ]
    online = Source(title="T", outlet="Eurasianet")
    assert "organization" in online.fields()


def test_several_sources_in_one_footnote() -> None:
    sources, warnings = parse_footnote(
        "Mayk Gabrielan (2022) Раскрыты траты США, Rambler. Retrieved from:; "
        "Майк Габриэлян: Выявлены средства (2022) Retrieved from: https://x.org/a; "
        "Ani Mejlumyan (2022) Armenians, Eurasianet."
    )
    assert [s.title for s in sources] == [
        "Раскрыты траты США",
        "Майк Габриэлян: Выявлены средства",
        "Armenians",
    ]
    assert sources[1].url == "https://x.org/a"
    assert warnings == []


def test_a_semicolon_inside_a_title_does_not_split() -> None:
    assert split_sources("Guerra e pace; una storia (2020) Limes.") == [
        "Guerra e pace; una storia (2020) Limes."
    ]


def test_retrieved_from_with_words_that_are_no_url_keeps_them_in_note() -> None:
    (source,), (warning,) = parse_footnote(
        "Kazakhstan (2021) Freedom House. Retrieved from: the archive"
    )
    assert source.url == ""
    assert source.note == "Retrieved from: the archive"
    assert "not a URL" in warning


@pytest.mark.parametrize("text", ["Ibid.", "See the interview above", "(2021)"])
def test_a_part_that_cannot_be_placed_becomes_a_misc_note(text: str) -> None:
    (source,), (warning,) = parse_footnote(text)
    assert source == Source(note=text)
    assert source.entry_type == "misc"
    assert repr(text) in warning


def test_an_unplaced_part_keeps_the_placed_ones() -> None:
    sources, warnings = parse_footnote(
        "Kazakhstan (2021) Freedom House. Retrieved from:; Ibid."
    )
    assert [s.entry_type for s in sources] == ["online", "misc"]
    assert sources[1].note == "Ibid."
    assert len(warnings) == 1


# Words the parser reads as structure, not content: they may vanish.
_SYNTAX = {"vol", "volume", "no", "issue", "pp", "p", "retrieved", "available", "from"}


def _content_words(text: str) -> list[str]:
    words = re.findall(r"[^\W_]+", text)
    return [w for w in words if w.lower() not in _SYNTAX and w not in {"n", "d"}]


#: pieces of the house style, for random footnotes that look almost right
_PARTS = ["(2021)", "(n.d.)", "Vol.5(32)", "Vol 3", "pp. 1-7", "p. 4", "No. 2"]
_LINKS = ["Retrieved from:", "https://x.org/a;b", "www.x.org"]
_PUNCTUATION = [",", ";", ".", ":", "&", "and", "(", ")"]
_WORDS = ["Giuliano Bifolchi", "V.V. Evseev", "Title", "of", "Казахстан"]
_PIECES = st.sampled_from([*_PARTS, *_LINKS, *_PUNCTUATION, *_WORDS])


@given(st.one_of(st.text(max_size=300), st.lists(_PIECES).map(" ".join)))
def test_random_text_never_crashes_and_loses_no_word(text: str) -> None:
    sources, _warnings = parse_footnote(text)
    assert sources
    kept = " ".join(" ".join(s.fields().values()) for s in sources)
    for word in _content_words(text):
        assert word in kept


_NAME = st.sampled_from(["Giuliano Bifolchi", "V.V. Evseev", "Ани Межлумян"])
_WORD = st.sampled_from(["gas", "Russia", "и", "war", "Казахстан", "l'Italia", "of"])
_OUTLET = st.sampled_from(["Limes", "Radio Azzatyq", "Вестник МГИМО-Университета"])


@given(
    authors=st.lists(_NAME, max_size=3, unique=True),
    title_words=st.lists(_WORD, min_size=1, max_size=8),
    comma=st.booleans(),
    year=st.one_of(st.none(), st.integers(1900, 2099).map(str)),
    outlet=st.one_of(st.none(), _OUTLET),
    issue=st.one_of(st.none(), st.tuples(st.integers(1, 99), st.integers(1, 12))),
    url=st.one_of(st.none(), st.just(""), st.just("https://example.org/a?b=1")),
)
def test_the_house_style_reads_back(
    authors: list[str],
    title_words: list[str],
    comma: bool,
    year: str | None,
    outlet: str | None,
    issue: tuple[int, int] | None,
    url: str | None,
) -> None:
    """A footnote built from parts gives back its parts."""
    if comma:
        title_words.insert(len(title_words) // 2, "so,")
    title = " ".join(title_words).rstrip(",")
    if not year:
        authors = []  # without "(Year)" the house style has no author
    if not authors:
        title = f"war of {title}"  # a title that cannot pass for names
    volume = f" Vol.{issue[0]}({issue[1]})" if issue and outlet else ""
    tail = f"{outlet}{volume}" if outlet else ""
    if authors:
        text = f"{' & '.join(authors)} ({year}) {title}, {tail}"
    elif year:
        text = f"{title} ({year}) {tail}"
    else:
        text = f"{title}, {tail}"
    if url is not None:
        text += f". Retrieved from: {url}"
    (source,), warnings = parse_footnote(text)
    if not (authors or year or outlet or url):
        assert (source, len(warnings)) == (Source(note=text.strip()), 1)
        return  # a title alone cannot be told from a remark: kept as a note
    assert warnings == []
    assert source.authors == tuple(authors)
    assert source.year == (year or "")
    assert source.url == (url or "")
    assert (source.title, source.outlet) == (title, outlet or "")
    assert source.volume == (str(issue[0]) if volume and issue else "")
