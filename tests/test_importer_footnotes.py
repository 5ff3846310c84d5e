"""The footnote parser: one test per variant of the house style, then hypothesis."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from georeport.importer.footnotes import Source, parse_footnote, split_sources
from georeport.importer.kinds import thesis_kind
from georeport.importer.labelled import FORM_WORDS

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


@pytest.mark.parametrize(
    ("text", "first"),
    [  # a back-reference or a short form first, after its lead, then a source
        (
            "See Menga (2018, p. 77); Abdullaev, I., & Rakhmatullaev, S. (2015). "
            "Transformation of water management in Central Asia. Environmental "
            "Earth Sciences, 73(2), 849–861.",
            Source(("Menga",), year="2018", back_reference="short", locator="p. 77"),
        ),
        (
            "Cfr. ivi, p. 120; F. Indeo, «L’acqua in Asia centrale», in «Limes», "
            "n. 5, 2023, pp. 87-95.",
            Source(back_reference="ivi", locator="p. 120"),
        ),
    ],
)
def test_a_back_reference_then_a_source_are_two(text: str, first: Source) -> None:
    back, source = parse_footnote(text)[0]
    assert replace(back, lead="") == first
    assert back.lead in {"See", "Cfr."}
    assert source.year in {"2015", "2023"} and source.pages and not source.note


def test_a_semicolon_inside_a_title_does_not_split() -> None:
    assert split_sources("Guerra e pace; una storia (2020) Limes.") == [
        "Guerra e pace; una storia (2020) Limes."
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Arsène Saparov, From Conflict to Autonomy in the Caucasus (London: "
        "Routledge, 2015), 45; Svante E. Cornell, Small Nations and Great Powers "
        "(Richmond: Curzon, 2001), 112.",
        "Ibid.; Svante E. Cornell, Small Nations and Great Powers (Richmond: "
        "Curzon, 2001).",
    ],
)
def test_a_book_with_its_imprint_in_parentheses_is_whole(text: str) -> None:
    """Chicago's "Title (Place: Publisher, Year)" ends a source: a ";" after
    it starts another."""
    first, second = split_sources(text)
    assert first.endswith(("45", "Ibid."))
    assert second.startswith("Svante E. Cornell")
    source = parse_footnote(text)[0][1]
    assert (source.address, source.publisher, source.year) == (
        "Richmond",
        "Curzon",
        "2001",
    )


def test_gost_book_at_a_page_then_its_shortened_note_are_two() -> None:
    assert split_sources(
        "Роган Ю. Падение Османской империи. М.: Альпина, 2016. С. 312; "
        "Роган Ю. Падение Османской империи. С. 315."
    ) == [
        "Роган Ю. Падение Османской империи. М.: Альпина, 2016. С. 312",
        "Роган Ю. Падение Османской империи. С. 315.",
    ]


@pytest.mark.parametrize(
    ("text", "title", "date"),
    [
        # a resolution's date after its name, before its symbol: its date
        ("Резолюция Совета Безопасности ООН 2401 (2018) от 24 февраля 2018 г. "
         "S/RES/2401 (2018).", "Резолюция Совета Безопасности ООН 2401",
         "2018-02-24"),
        ("Резолюция Генеральной Ассамблеи ООН 77/229 от 15 декабря 2022 г. "
         "A/RES/77/229.", "Резолюция Генеральной Ассамблеи ООН 77/229",
         "2022-12-15"),
        # a law's or a treaty's date: part of its name
        ("Федеральный закон от 14.07.2022 № 255-ФЗ «О контроле за деятельностью "
         "лиц, находящихся под иностранным влиянием» // Собрание законодательства "
         "РФ. 2022. № 29. Ст. 5222.", "Федеральный закон от 14.07.2022 № 255-ФЗ «О "
         "контроле за деятельностью лиц, находящихся под иностранным влиянием»", ""),
        ("Конвенция о правовом статусе Каспийского моря от 12 августа 2018 г. URL: "
         "http://kremlin.ru/supplement/5328 (дата обращения: 10.01.2022).",
         "Конвенция о правовом статусе Каспийского моря от 12 августа 2018 г.", ""),
    ],
)  # fmt: skip
def test_an_act_s_date_after_от(text: str, title: str, date: str) -> None:
    (source,), _ = parse_footnote(text)
    assert source.date == date
    assert source.title.startswith(title)
    assert (" от " in source.title) == (not date)


@pytest.mark.parametrize(
    ("text", "edition"),
    [
        ("Thomas de Waal (2019) The Caucasus: An Introduction, 2nd edition, "
         "Oxford University Press, New York.", "2nd"),
        ("Andreas Kappeler (2017) Ungleiche Brüder, 2. Auflage, C.H. Beck, "
         "München.", "2."),
        ("Marc Rossi (2020) Le Caucase, 5e éd., Armand Colin, Paris.", "5e"),
    ],
)  # fmt: skip
def test_an_edition_after_the_title_is_its_edition(text: str, edition: str) -> None:
    (source,), _ = parse_footnote(text)
    assert source.edition == edition
    assert edition not in source.title and source.title.split(",")[0] in text


def test_cities_joined_before_the_publisher_are_the_place() -> None:
    (source,), _ = parse_footnote(
        "Ahmed Rashid, Jihad: The Rise of Militant Islam in Central Asia (New "
        "Haven and London: Yale University Press, 2002), 34."
    )
    assert source.title == "Jihad: The Rise of Militant Islam in Central Asia"
    assert source.address == "New Haven and London"
    assert source.publisher == "Yale University Press"


def test_retrieved_from_with_words_that_are_no_url_keeps_them_in_note() -> None:
    (source,), (warning,) = parse_footnote(
        "Kazakhstan (2021) Freedom House. Retrieved from: the archive"
    )
    assert source.url == ""
    assert source.note == "Retrieved from: the archive"
    assert "not a URL" in warning


@pytest.mark.parametrize(
    "text",
    ["See the interview above", "(2021)", "Interview with a journalist, Almaty."],
)
def test_a_part_that_cannot_be_read_becomes_a_misc_titled_with_its_words(
    text: str,
) -> None:
    (source,), (warning,) = parse_footnote(text)
    assert source == Source(title=text)
    assert source.entry_type == "misc"
    assert repr(text) in warning


def test_an_unread_part_keeps_the_read_ones() -> None:
    sources, warnings = parse_footnote(
        "Kazakhstan (2021) Freedom House. Retrieved from:; Ibid., p. 4"
    )
    assert [s.entry_type for s in sources[:1]] == ["online"]
    assert (sources[1].back_reference, sources[1].locator) == ("Ibid.", "p. 4")
    assert warnings == []


# Words the parser reads as structure, not content: they may vanish.
_SYNTAX = {"vol", "volume", "no", "issue", "pp", "p", "retrieved", "available", "from"}


#: and the words the labeller's corpus leaves in no field ("and", "In", "ed"),
#: as written (importer/data/form-words.txt)
_FORM_WORDS = set(FORM_WORDS.read_text(encoding="utf-8").split())


def _content_words(text: str) -> list[str]:
    words = re.findall(r"[^\W_]+", text)
    return [
        w
        for w in words
        if w.lower() not in _SYNTAX and w not in {"n", "d"} and w not in _FORM_WORDS
    ]


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
    kept = " ".join(
        " ".join([*s.fields().values(), s.locator, s.back_reference, s.lead])
        for s in sources
    )
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
        # "Title, Name, Name (Year)" would read as publisher and place
        title_words.insert(len(title_words) // 2, "so, and")
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
    if not (authors or year or url is not None or volume):
        # a title (and a name) alone cannot be told from a remark: kept whole
        assert (source, len(warnings)) == (Source(title=" ".join(text.split())), 1)
        return
    if not year:
        # without "(Year)" the footnote has not the house form, and the
        # labeller's reading is taken (footnotes.AWAY): no word is lost, the
        # identifiers are read, the rest may be placed otherwise
        kept = " ".join(source.fields().values())
        assert all(word in kept for word in _content_words(text))
        assert source.url == (url or "")
        return
    assert warnings == []
    assert source.authors == tuple(authors)
    assert source.year == (year or "")
    assert source.url == (url or "")
    assert (source.title, source.outlet) == (title, outlet or "")
    assert source.volume == (str(issue[0]) if volume and issue else "")


# --- the forms editors write, family by family (issue 14) -------------------

from georeport.importer.backrefs import read_back_reference  # noqa: E402
from georeport.importer.dates import find_date, month_number  # noqa: E402
from georeport.importer.identifiers import take_identifiers  # noqa: E402
from georeport.importer.languages import langid  # noqa: E402
from georeport.importer.names import (  # noqa: E402
    family_name,
    is_organisation,
    split_authors,
)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Giuliano Bifolchi", ("Giuliano Bifolchi",)),
        ("G. Bifolchi", ("G. Bifolchi",)),
        ("V.V. Evseev", ("V.V. Evseev",)),
        ("Bifolchi, G.", ("Bifolchi, G.",)),
        ("Olcott, Martha Brill", ("Olcott, Martha Brill",)),
        ("И.И. Петров", ("И.И. Петров",)),
        ("Laruelle, M. and Peyrouse, S.", ("Laruelle, M.", "Peyrouse, S.")),
        ("A. Rossi, B. Bianchi & C. Verdi", ("A. Rossi", "B. Bianchi", "C. Verdi")),
        ("Anna Rossi e Luca Bianchi", ("Anna Rossi", "Luca Bianchi")),
        ("Иван Петров и Анна Сидорова", ("Иван Петров", "Анна Сидорова")),
        ("Alexander Cooley et al.", ("Alexander Cooley", "others")),
        ("Иванов И.И., Петров П.П. и др.", ("Иванов И.И.", "Петров П.П.", "others")),
        ("Ursula von der Leyen", ("Ursula von der Leyen",)),
        (
            "Institute for War and Peace Reporting",
            ("Institute for War and Peace Reporting",),
        ),
        ("Kazakhstan. Legacy of censorship", ()),
        ("Арабские наемники в Казахстане?", ()),
    ],
)
def test_author_lists(text: str, names: tuple[str, ...]) -> None:
    assert split_authors(text) == names


@pytest.mark.parametrize(
    "name",
    [
        "Human Rights Watch",
        "World Bank",
        "International Crisis Group",
        "Freedom House",
        "Amnesty International",
        "Reporters Without Borders",
        "United Nations",
        "Reuters",
        "OSCE",
        "Ministry of Foreign Affairs of the Republic of Kazakhstan",
        "Министерство иностранных дел Республики Казахстан",
        "РИА Новости",
        "NATO Summit",  # an acronym leads a body's name
        "OSCE Office",
        "新华社",  # Xinhua: a Chinese body's last sign
        # the head noun last: a state, an office, Turkic possessive heads
        "Kyrgyz Republic",
        "Российская Федерация",
        "Auswärtiges Amt",
        "Caspian Policy Institute",
        "T.C. Ticaret Bakanlığı",
        "Türkiye Cumhuriyet Merkez Bankası",
        "Orta Doğu Teknik Üniversitesi",
        "Ұлттық статистика бюросы комитеті",
    ],
)
def test_organisations_are_told_from_people(name: str) -> None:
    assert is_organisation(name)


@pytest.mark.parametrize(
    "name",
    [
        "Giuliano Bifolchi",
        "Ekateryna Suslova",
        "Asylhan Mamashuly",
        "Martha Brill Olcott",
        "Sergey Lavrov",
        "Aigerim Toleukhanova",
        "V.V. Evseev",
        "Bifolchi, G.",
        "Al-Khalidi, S.",  # a particle joined to the surname
        "Владимир Евсеев",
        "Kate Mallinson",
        "Abel POLESE",  # ISO 690's surname in capitals
        "P. SANTORO",
        "Paul KUBICEK",
        "Marat Shaikhutdinov",  # the region's surname endings
        "Nigar Aliyeva",
        "Nikol Pashinyan",
        "Giorgi Mikeladze",
        "გიორგი მაისურაძე",  # Georgian: no capitals, a surname's ending
        "李新",  # a Chinese name of two signs
        "Aydın Bakan",  # a surname that is a word, not a Turkic head
        "Amanda Paul",
    ],
)
def test_people_are_not_organisations(name: str) -> None:
    assert not is_organisation(name)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Selin Arıkan ve Emre Yusufoğlu", ("Selin Arıkan", "Emre Yusufoğlu")),
        ("Rauf Mammadov və Leyla Aliyeva", ("Rauf Mammadov", "Leyla Aliyeva")),
        # a title's "ve" joins no names
        ("Dış Politika ve Güvenlik Araştırmaları",
         ("Dış Politika ve Güvenlik Araştırmaları",)),
        ("Türkiye ve Azerbaycan", ("Türkiye ve Azerbaycan",)),
    ],
)  # fmt: skip
def test_the_turkic_and_joins_only_full_names(
    text: str, names: tuple[str, ...]
) -> None:
    assert split_authors(text) == names
    # the labeller's author words are names: there "ve" joins people always
    assert split_authors("Mitat Çelikpala ve Cavid Aslan", named=True) == (
        "Mitat Çelikpala", "Cavid Aslan",
    )  # fmt: skip
    assert split_authors("Mitat Çelikpala ve Cavid Aslan") == (
        "Mitat Çelikpala ve Cavid Aslan",
    )  # fmt: skip
    # but not an institution's
    assert split_authors("T.C. Enerji ve Tabii Kaynaklar Bakanlığı", named=True) == (
        "T.C. Enerji ve Tabii Kaynaklar Bakanlığı",
    )  # fmt: skip


def test_a_name_given_again_as_outlet_or_domain_is_an_organisation() -> None:
    assert is_organisation("Stan Radar", context="Stan Radar")
    assert is_organisation("Al Jazeera", url="https://www.aljazeera.com/news/x")
    assert not is_organisation(
        "Giuliano Bifolchi", url="https://www.specialeurasia.com/"
    )


def test_an_organisation_author_is_protected_and_kept_whole() -> None:
    (source,), _ = parse_footnote(
        "Human Rights Watch (2021) Kazakhstan: Crackdown on Government Critics. "
        "Retrieved from: https://www.hrw.org/news/2021/07/07/x"
    )
    assert source.authors == ("{Human Rights Watch}",)
    assert source.title == "Kazakhstan: Crackdown on Government Critics"


def test_family_name_for_op_cit_matching() -> None:
    assert family_name("Giuliano Bifolchi") == "Bifolchi"
    assert family_name("Bifolchi, G.") == "Bifolchi"
    assert family_name("Ursula von der Leyen") == "von der Leyen"
    assert family_name("{World Bank}") == "World Bank"


#: why "Names, Title, Outlet, Year" is read wrongly today (issue 26)
YEAR_POSITIONS = {
    "after the authors": "Giuliano Bifolchi (2021) Russia in the Caucasus, Limes.",
    "after the title": "Russia in the Caucasus (2021) Limes.",
    "at the end": "Giuliano Bifolchi, Russia in the Caucasus, Limes, 2021.",
    "APA, with a full stop": "Bifolchi, G. (2021). Russia in the Caucasus. Limes.",
}


@pytest.mark.parametrize("text", YEAR_POSITIONS.values(), ids=YEAR_POSITIONS.keys())
def test_the_year_anywhere(text: str) -> None:
    (source,), warnings = parse_footnote(text)
    assert (source.title, source.outlet, source.year) == (
        "Russia in the Caucasus",
        "Limes",
        "2021",
    )
    assert warnings == []


def test_no_year_written_n_d() -> None:
    (source,), _ = parse_footnote(
        "Giuliano Bifolchi, Russia in the Caucasus, Limes, n.d."
    )
    assert (source.title, source.outlet, source.year) == (
        "Russia in the Caucasus",
        "Limes",
        "",
    )


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ('A. Rossi, "Gas, oil and power", Limes, 2020.', "Gas, oil and power"),
        ("A. Rossi, “What next for Astana?”, Limes, 2020.", "What next for Astana?"),
        ("И. Петров, «Нефть, газ и власть», Вестник, 2020.", "Нефть, газ и власть"),
        (
            "Ivan Petrov (2020) Нефть и «Самрук-Казына», Вестник.",
            "Нефть и «Самрук-Казына»",
        ),
    ],
)
def test_quoted_titles(text: str, title: str) -> None:
    (source,), _ = parse_footnote(text)
    assert source.title == title


@pytest.mark.parametrize(
    ("tail", "volume", "number", "pages"),
    [
        ("Limes Vol.5(32), pp. 1-15", "5", "32", "1--15"),
        ("Limes, vol. 5, no. 32, pp. 1-15", "5", "32", "1--15"),
        ("Limes, 5(32), 1-15", "5", "32", "1--15"),
        ("Limes, Vol. 5, Issue 32, p. 3", "5", "32", "3"),
        ("Limes, т. 5, № 32, С. 1-15", "5", "32", "1--15"),
    ],
)
def test_volume_number_and_pages(
    tail: str, volume: str, number: str, pages: str
) -> None:
    (source,), _ = parse_footnote(f"Anna Rossi (2020) Gas and power, {tail}.")
    assert (source.outlet, source.volume, source.number, source.pages) == (
        "Limes",
        volume,
        number,
        pages,
    )
    assert source.entry_type == "article"


def test_books_reports_chapters_and_theses() -> None:
    (book,), _ = parse_footnote(
        "Alexander Cooley (2012) Great Games, Local Rules, 2nd ed., "
        "Oxford University Press, Oxford, p. 45."
    )
    assert book.entry_type == "book"
    assert (book.publisher, book.address, book.edition) == (
        "Oxford University Press",
        "Oxford",
        "2nd",
    )
    assert (book.pages, book.locator) == ("", "p. 45")  # a pinpoint, not the extent
    (place_first,), _ = parse_footnote(
        "К.Л. Сыроежкин (2010) Казахстан, Москва: Наука."
    )
    assert (place_first.address, place_first.publisher) == ("Москва", "Наука")
    (report,), _ = parse_footnote(
        "John Smith (2019) Water in the Fergana Valley, Working Paper No. 12, "
        "World Bank, Washington."
    )
    assert report.entry_type == "report"
    assert (report.report_type, report.number) == ("Working Paper", "12")
    assert report.fields()["institution"] == "World Bank"
    (chapter,), _ = parse_footnote(
        "Marlene Laruelle (2018) Nationalism, in: A. Cooley (ed.), Central Asia "
        "Today, Lexington Books, Lanham, pp. 1-20."
    )
    assert chapter.entry_type == "incollection"
    assert chapter.editors == ("A. Cooley",)
    assert chapter.fields()["booktitle"] == "Central Asia Today"
    assert chapter.pages == "1--20"
    (thesis,), _ = parse_footnote(
        "Jane Doe (2015) Oil in Kazakhstan, PhD thesis, University of Bologna."
    )
    assert thesis.entry_type == "phdthesis"
    assert thesis.fields()["school"] == "University of Bologna"


@pytest.mark.parametrize(
    ("text", "report_type", "number"),
    [
        (  # ISO 690: the series' code after its word, the number apart
            "PIRANI, Simon. Central Asian Gas: Prospects for the 2020s [online]. "
            "Oxford: Oxford Institute for Energy Studies, 2019. OIES Paper NG 155 "
            "[viewed 3 May 2024]. Available from: https://www.oxfordenergy.org/ng-155/",
            "OIES Paper NG",
            "155",
        ),
        (  # the house form: a named series with no number ends the title
            "Timofei Bordachev et al. (2021) Central Asia: Potential for "
            "Cooperation, Valdai Discussion Club Report, Moscow, March 2021. "
            "Retrieved from: https://valdaiclub.com/a/reports/central-asia/",
            "Valdai Discussion Club Report",
            "",
        ),
        (  # Harvard: "Title. Series No. N. Place: Publisher."
            "Kudelia, S. (2014) Domestic Sources of the Donbas Insurgency. PONARS "
            "Eurasia Policy Memo No. 351. Washington, DC: PONARS Eurasia.",
            "PONARS Eurasia Policy Memo",
            "351",
        ),
    ],
)
def test_a_report_series_is_the_report_s_type(
    text: str, report_type: str, number: str
) -> None:
    (source,), _ = parse_footnote(text)
    assert source.entry_type == "report"
    # the series' code may go with either ("OIES Paper", "NG 155"): none is lost
    both = f"{source.report_type} {source.number}".strip()
    assert both == f"{report_type} {number}".strip()
    assert source.volume == ""
    assert "Report" not in source.title and "Paper" not in source.title


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "World Bank (2023) Kazakhstan Economic Update, Washington, DC.",
            "Washington, DC",
        ),
        (
            "Ibid.; see also Cornell, S. E. (2011) Azerbaijan since Independence. "
            "Armonk, NY: M.E. Sharpe.",
            "Armonk, NY",
        ),
        # off the web, a city last is where it was made or said, not an outlet
        (
            "Kyrgyz Republic (2021) Constitution of the Kyrgyz Republic, No. 59, "
            "Bishkek.",
            "Bishkek",
        ),
        (
            "Rashad Shirinov (2023) Interview with the author, Baku, 21 March 2023.",
            "Baku",
        ),
    ],
)
def test_a_place_is_kept_whole_and_apart(text: str, address: str) -> None:
    *_, source = parse_footnote(text)[0]
    assert source.address == address
    fields = source.fields()
    assert not {"organization", "journal", "publisher"} & {
        name for name, value in fields.items() if value in address.split(", ")
    }


def test_chapters_and_papers_in_the_journal_s_languages() -> None:
    (chapter,), _ = parse_footnote(
        "С.Г. Лузянин (2018) Россия и Китай в Центральной Азии, в кн.: И.Д. "
        "Звягельская (ред.) Россия в Евразии, Аспект Пресс, Москва, С. 45-67."
    )
    assert chapter.entry_type == "incollection"
    assert (chapter.outlet, chapter.editors) == (
        "Россия в Евразии",
        ("И.Д. Звягельская",),
    )
    (proceedings,), _ = parse_footnote(
        "Е.М. Кузьмина (2020) Энергетика Каспия, в сб.: Материалы Международной "
        "научной конференции «Россия и Каспий», ИМЭМО РАН, Москва, С. 112-118."
    )
    assert proceedings.entry_type == "inproceedings"
    assert proceedings.fields()["publisher"] == "ИМЭМО РАН"
    (talk,), _ = parse_footnote(
        "Azad Garibov (2019) Azerbaijan’s foreign policy in the Caspian region, "
        "paper presented at the 20th CESS Annual Conference, Indiana University, "
        "Bloomington, 10 October 2019."
    )
    fields = talk.fields()
    assert talk.entry_type == "inproceedings"
    assert talk.title == "Azerbaijan’s foreign policy in the Caspian region"
    # a talk's host is its organization: nobody published it
    assert (fields["booktitle"], fields["organization"]) == (
        "20th CESS Annual Conference",
        "Indiana University",
    )
    assert "publisher" not in fields
    (thesis,), _ = parse_footnote(
        "Lena Hoffmann (2017) Energiesicherheit im Kaspischen Raum, Masterarbeit, "
        "Freie Universität Berlin, Berlin."
    )
    assert thesis.entry_type == "mastersthesis"


def test_a_book_with_place_and_publisher_holds_a_chapter() -> None:
    (source,), _ = parse_footnote(
        "A. Graziosi, «L’Ucraina e il Novecento», in Storia d’Europa e del "
        "Mediterraneo, vol. XIV, Roma, Salerno Editrice, 2017, pp. 411-440."
    )
    assert source.entry_type == "incollection"
    assert source.fields()["booktitle"] == "Storia d’Europa e del Mediterraneo"


def test_editors_et_al() -> None:
    (source,), _ = parse_footnote(
        "S. Peyrouse, «The Security Sector and Central Asian Regimes», in M. "
        "Laruelle et al. (eds.), Central Asia in the Era of Sovereignty, Lanham, "
        "Lexington Books, 2018, pp. 153-174."
    )
    assert (source.authors, source.editors) == (
        ("S. Peyrouse",),
        ("M. Laruelle", "others"),
    )
    assert source.note == ""


def test_gost_s_heading_is_the_author_and_a_book_s_page_the_pinpoint() -> None:
    (source,), _ = parse_footnote(
        "Иванов И.И. Центральная Азия. М.: Наука, 2019. С. 45–47."
    )
    assert (source.authors, source.title) == (("Иванов И.И.",), "Центральная Азия")
    assert (source.entry_type, source.pages, source.locator) == ("book", "", "С. 45–47")


def test_a_turkish_title_with_ve_is_no_pair_of_names() -> None:
    (source,), _ = parse_footnote(
        "Türkiye'nin Orta Asya Politikası ve Türk Dünyası (2021), Uluslararası "
        "İlişkiler."
    )
    assert source.title == "Türkiye'nin Orta Asya Politikası ve Türk Dünyası"
    assert source.authors == ()


def test_a_title_ending_in_an_abbreviation_keeps_its_stop() -> None:
    (source,), _ = parse_footnote(
        "Айгерим Шайхутдинова (2018) Миграционная политика Республики Казахстан "
        "в 1991-2016 гг., диссертация доктора PhD, КазНУ, Алматы."
    )
    assert source.title.endswith("1991-2016 гг.")


def test_a_conference_s_days_are_no_note() -> None:
    (source,), _ = parse_footnote(
        "Tutumlu, A. (2019, June 27–30). Migration regimes in Central Asia "
        "[Paper presentation]. ESCAS Biennial Conference, Bishkek, Kyrgyzstan."
    )
    assert (source.year, source.note) == ("2019", "")
    assert source.entry_type == "inproceedings"


def test_the_imprint_is_no_part_of_a_title_with_commas() -> None:
    (source,), _ = parse_footnote(
        "Katouzian, H. (2009) The Persians: Ancient, Mediaeval and Modern Iran. "
        "New Haven and London: Yale University Press."
    )
    assert source.title == "The Persians: Ancient, Mediaeval and Modern Iran"
    assert (source.address, source.publisher) == (
        "New Haven and London",
        "Yale University Press",
    )


def test_an_acronym_last_is_a_publisher_not_a_city() -> None:
    (source,), _ = parse_footnote(
        "Anna Rossi e Luca Bianchi (2020) La Russia, l'Italia e il gas, Limes "
        "Vol.3(2), pp. 45–60, GEDI. Retrieved from: https://www.limesonline.com/rb"
    )
    assert (source.address, source.publisher) == ("", "GEDI")  # not Gedi, Kenya


def test_pages_written_pp_without_a_stop() -> None:
    (source,), _ = parse_footnote(
        "Rustam Burnashev (2023) Hedging in Central Asia: the Uzbek case, Asian "
        "Affairs Vol.54 Issue 1, pp 120-139."
    )
    assert (source.volume, source.number, source.pages) == ("54", "1", "120--139")


@pytest.mark.parametrize(
    "written",
    [
        "DOI: 10.1080/02634937.2019.1575948",
        "doi:10.1080/02634937.2019.1575948",
        "https://doi.org/10.1080/02634937.2019.1575948",
        "http://dx.doi.org/10.1080/02634937.2019.1575948",
    ],
)
def test_a_doi_in_any_written_form(written: str) -> None:
    (source,), _ = parse_footnote(
        f"Kairat Umarov (2019) Kazakhstan and the EAEU, Central Asian Survey "
        f"Vol.38(2), pp. 201-219. {written}."
    )
    assert source.doi == "10.1080/02634937.2019.1575948"
    assert source.url == ""
    assert source.publisher == ""


def test_an_isbn_is_checked() -> None:
    good = take_identifiers("Title, Routledge, London, ISBN 978-0-415-53524-3.")
    assert (good.isbn, good.rest) == ("978-0-415-53524-3", "Title, Routledge, London")
    bad = take_identifiers("Title, Routledge, ISBN 978-0-415-53524-4.")
    assert bad.isbn == ""
    assert bad.notes == ["ISBN 978-0-415-53524-4"]
    assert "not a valid ISBN" in bad.warnings[0]


URL_A = "https://x.org/a"


@pytest.mark.parametrize(
    ("written", "url", "urldate"),
    [
        ("Retrieved from: https://x.org/a", "https://x.org/a", ""),
        ("Available at: https://x.org/a (Accessed 12 Jan 2022).", URL_A, "2022-01-12"),
        ("https://x.org/a, accessed 12 January 2022", "https://x.org/a", "2022-01-12"),
        ("URL: https://x.org/a (дата обращения: 12.01.2022)", URL_A, "2022-01-12"),
        ("URL: https://x.org/a (дата звернення: 12.01.2022)", URL_A, "2022-01-12"),
        ("URL: https://x.org/a (қаралған күні: 12.01.2022)", URL_A, "2022-01-12"),
        ("https://x.org/a (ultima consultazione: 12.01.2022)", URL_A, "2022-01-12"),
        ("https://x.org/a (accesso: 12/1/2022)", URL_A, "2022-01-12"),
        ("https://x.org/a [cit. 2022-01-12]", URL_A, "2022-01-12"),
        ("Accessed 12 January 2022.", "", "2022-01-12"),
        ("Retrieved from:", "", ""),
    ],
)  # fmt: skip
def test_urls_and_access_dates(written: str, url: str, urldate: str) -> None:
    (source,), warnings = parse_footnote(f"Kazakhstan (2021) Freedom House. {written}")
    assert (source.title, source.outlet) == ("Kazakhstan", "Freedom House")
    assert (source.url, source.urldate) == (url, urldate)
    assert warnings == []


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("12 January 2022", "2022-01-12"),
        ("January 12, 2022", "2022-01-12"),
        ("12.01.2022", "2022-01-12"),
        ("12 января 2022", "2022-01-12"),
        ("12 gennaio 2022", "2022-01-12"),
        ("12 janvier 2022", "2022-01-12"),
        ("January 2022", "2022-01"),
        ("1° dicembre 2024", "2024-12-01"),  # the Italian first of the month
        ("8 берез. 2024", "2024-03-08"),  # ДСТУ 3582's cut, not CLDR's "бер."
        ("15 листоп. 2023", "2023-11-15"),
        ("3 Sept. 2021", "2021-09-03"),
    ],
)
def test_dates_in_the_journals_languages(written: str, iso: str) -> None:
    found = find_date(written, whole=True)
    assert found is not None
    assert found[1] == iso


@pytest.mark.parametrize("word", ["Marc", "jui.", "Art.", "Ser."])
def test_a_cut_is_a_month_only_with_its_stop_and_only_one_month(word: str) -> None:
    """ "Marc" is a name; "jui." begins juin and juillet; "Art." no month."""
    assert month_number(word) is None


@pytest.mark.parametrize(
    ("title", "language"),
    [
        ("Armenians take dim view of deployment to Kazakhstan", "english"),
        ("Il Kazakistan tra Russia e Cina", "italian"),
        ("L'Asie centrale face à la Chine", "french"),
        ("Die Außenpolitik Kasachstans", "german"),
        ("La política exterior de Kazajistán", "spanish"),
        ("Авторитаризм В Центральной Азии", "russian"),
        ("Україна та Казахстан підписали угоду про співпрацю", "ukrainian"),
        ("Қазақстан Республикасының сыртқы саясаты", "kazakh"),
        ("Полиция Алма-Аты", "russian"),
        ("Kazakhstan", "english"),
        # names read English to lingua; "e" and "il" say Italian
        ("Turkmenistan e il gas cinese", "italian"),
        ("Russia and the Caspian", "english"),
    ],
)
def test_each_source_in_its_language(title: str, language: str) -> None:
    assert langid(title) == language
    assert Source(title=title).langid == language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ibid.", ("Ibid.", "", (), "")),
        ("Ibid., p. 3.", ("Ibid.", "p. 3", (), "")),
        ("Ibidem, pp. 45-47", ("Ibidem", "pp. 45-47", (), "")),
        ("Id.", ("Id.", "", (), "")),
        ("Ivi, p. 12", ("Ivi", "p. 12", (), "")),
        ("Там же. С. 15.", ("Там же.", "С. 15", (), "")),
        ("Там же. – С. 34.", ("Там же.", "С. 34", (), "")),
        ("Там само. С. 77.", ("Там само.", "С. 77", (), "")),
        ("Сонда. Б. 45.", ("Сонда.", "Б. 45", (), "")),  # Kazakh
        ("Kut, a.g.e., s. 64.", ("a.g.e.", "s. 64", ("Kut",), "")),  # Turkish
        ("Ivi, p. 73 e ss.", ("Ivi", "p. 73 e ss.", (), "")),
        ("Ibid., pp. 12 sgg.", ("Ibid.", "pp. 12 sgg.", (), "")),
        ("Ivi, p. 12, nota 34.", ("Ivi", "p. 12, nota 34", (), "")),
        ("Bifolchi, op. cit., p. 12.", ("op. cit.", "p. 12", ("Bifolchi",), "")),
        (
            "G. Bifolchi, Russia in the Caucasus, op. cit., p. 4",
            ("op. cit.", "p. 4", ("G. Bifolchi",), "Russia in the Caucasus"),
        ),
        ("Bifolchi, op. cit., 45.", ("op. cit.", "45", ("Bifolchi",), "")),
        (
            "Carrère d’Encausse, op. cit., p. 45.",
            ("op. cit.", "p. 45", ("Carrère d’Encausse",), ""),
        ),
        (
            "Гриневич В.А. Вказ. праця. С. 130.",
            ("Вказ. праця.", "С. 130", ("Гриневич В.А.",), ""),
        ),
        ("Ivi, pp. 114 sg.", ("Ivi", "pp. 114 sg.", (), "")),
        ("Ivi, cap. III.", ("Ivi", "cap. III", (), "")),
        ("Ibid., pag. 17.", ("Ibid.", "pag. 17", (), "")),
        ("Ivi, pp. 18-19 e passim.", ("Ivi", "pp. 18-19 e passim", (), "")),
        (
            "K. Brandt, Il lungo inverno russo, cit., passim.",
            ("cit.", "passim", ("K. Brandt",), "Il lungo inverno russo"),
        ),
    ],
)
def test_back_references_are_recognised(
    text: str, expected: tuple[str, str, tuple[str, ...], str]
) -> None:
    assert read_back_reference(text) == expected
    (source,), warnings = parse_footnote(text)
    written, locator, authors, title = expected
    assert source == Source(authors, title, back_reference=written, locator=locator)
    assert warnings == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hiro 212.", ("212", ("Hiro",), "")),
        ("Kendzior, View from Below, 41.", ("41", ("Kendzior",), "View from Below")),
        ("VAN HERPEN, Putin’s Wars, p. 98.",
         ("p. 98", ("VAN HERPEN",), "Putin’s Wars")),
        ("O’Loughlin et al. 760.", ("760", ("O’Loughlin", "others"), "")),
        ("Van der Leeuw, Azerbaijan, 87.", ("87", ("Van der Leeuw",), "Azerbaijan")),
        (
            "Suslov, “‘Russian World’ Concept,” 335.",
            ("335", ("Suslov",), "‘Russian World’ Concept"),
        ),
        (
            "Pop-Eleches and Robertson, “Identity and Political Preferences,” 110.",
            ("110", ("Pop-Eleches", "Robertson"), "Identity and Political Preferences"),
        ),
        (
            "Роган Ю. Падение Османской империи. С. 312.",
            ("С. 312", ("Роган Ю.",), "Падение Османской империи"),
        ),
    ],
)  # fmt: skip
def test_shortened_notes_are_back_references(
    text: str, expected: tuple[str, tuple[str, ...], str]
) -> None:
    """Chicago's, ISO 690's and GOST's shortened note: names, a short title,
    a page, and nothing a full source has (a year, an address)."""
    assert read_back_reference(text) == ("short", *expected)


@pytest.mark.parametrize(
    "text",
    [
        "Hiro 1998.",  # a year, not a page
        "Giuliano Bifolchi, Russia in the Caucasus, Limes, 12.",  # title, outlet
        "Interview with the author, Almaty, 12.",
        "Bifolchi, Russia in the Caucasus, Limes, 2021, 12.",
    ],
)
def test_full_sources_are_no_shortened_notes(text: str) -> None:
    assert read_back_reference(text) is None


@pytest.mark.parametrize(
    ("report_type", "volume", "report"),
    [
        ("Approfondimento", "", True),  # a numbered series: a report
        ("IAI Commentaries", "", True),
        ("comunicato stampa", "", False),  # a numbered press release
        ("Federal Law", "", False),
        ("Approfondimento", "5", False),  # a volume: a periodical
    ],
)
def test_a_numbered_series_makes_a_report(
    report_type: str, volume: str, report: bool
) -> None:
    source = Source(
        title="L’Asia centrale", outlet="Senato della Repubblica",
        report_type=report_type, number="182", volume=volume,
    )  # fmt: skip
    assert (source.entry_type == "report") == report


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("I. Aliyev, intervista di M. Bianco, in «Corriere della Sera», "
         "14 marzo 2024, p. 13.", "misc"),
        ("Interview with Kassym-Jomart Tokayev, Financial Times, 12 March 2023.",
         "misc"),
        ("Interview with Kassym-Jomart Tokayev, Financial Times, 12 March 2023, "
         "https://www.ft.com/content/abc.", "online"),
    ],
)  # fmt: skip
def test_an_interview_in_print_is_misc_and_online_on_the_web(
    text: str, entry: str
) -> None:
    (source,), _ = parse_footnote(text)
    assert source.entry_type == entry


def test_a_back_reference_after_the_footnote_s_own_words() -> None:
    (source,), warnings = parse_footnote("Cfr. ivi, p. 54.")
    assert (source.lead, source.back_reference, source.locator) == (
        "Cfr.", "ivi", "p. 54",
    )  # fmt: skip
    (source,), warnings = parse_footnote("Cfr. Zvyagelskaya, art. cit., p. 9.")
    assert (source.lead, source.authors) == ("Cfr.", ("Zvyagelskaya",))
    assert warnings == []


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("For a view, see Vakil, S. (2023) Détente, Limes.", "For a view, see"),
        ("Per un quadro cfr. L. Broers (2021) Diaspora, Limes.", "Per un quadro cfr."),
        ("Sul punto, v. D. Sorokin (2023) Hedging, Limes.", "Sul punto, v."),
        ("Цит. по: Иванов И.И. (2020) Заголовок, Полис.", "Цит. по:"),
        ("Quoted in Bifolchi, G. (2022) Title, Limes.", "Quoted in"),
        ("See, for example, Erika Weinthal (2002) State Making, MIT Press.",
         "See, for example,"),
        ("Per una prospettiva tedesca si veda S. Meister (2023) Georgien, "
         "Osteuropa.", "Per una prospettiva tedesca si veda"),
        ("Sulla reazione dell’Assemblea v. L. Broers (2021) Diaspora, Limes.",
         "Sulla reazione dell’Assemblea v."),
        ("Si veda in proposito H. Yılmaz (2022) Orta Koridor, Bilig.",
         "Si veda in proposito"),
        ("Fonte: elaborazione dell’autore su dati World Bank (2023) WDI, "
         "Washington.", "Fonte: elaborazione dell’autore su dati"),
        ("Own calculations based on World Bank (2023) WDI, Washington.",
         "Own calculations based on"),
        ("Source: World Bank (2023) WDI, Washington.", "Source:"),
        ("Рассчитано автором по: Росстат (2023) Регионы России, Москва.",
         "Рассчитано автором по:"),
    ],
)  # fmt: skip
def test_the_footnote_s_own_words_before_a_source(text: str, lead: str) -> None:
    (source,), _warnings = parse_footnote(text)
    assert source.lead == lead
    assert source.year and not source.title.startswith(lead.split()[0])


@pytest.mark.parametrize(
    "text", ["Ibid. was the word he used", "Idem est", "Smith, op. cit. and more"]
)
def test_words_that_only_start_like_a_back_reference_are_not_one(text: str) -> None:
    assert read_back_reference(text) is None


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("Zeynep Arslan, “Kazakistan’da Enerji Politikası” (doktora tezi, "
         "Ege Üniversitesi, 2019), 88.", "phdthesis"),
        ("Murat Öz, “Orta Koridor ve Gürcistan” (yüksek lisans tezi, Ankara "
         "Üniversitesi, 2022).", "mastersthesis"),
        ("Ірина Коваль, “Енергетична політика Казахстану” (дисертація канд. "
         "політ. наук, Львівський національний університет, 2018), 41.",
         "phdthesis"),
        ("Paul Martin, “Le Caspien et ses frontières” (mémoire de master, "
         "Université Paris 1, 2016).", "mastersthesis"),
        ("Anna Lee, “Oil Towns of Mangystau” (MA diss., SOAS University of "
         "London, 2021).", "mastersthesis"),
        # the words of a title are not the work's kind
        ("Daniel Cooper, “The Rentier Thesis Revisited,” Central Asian Survey "
         "41, no. 2 (2022): 201–19.", "article"),
    ],
)  # fmt: skip
def test_a_thesis_is_named_in_the_journal_s_languages(text: str, entry: str) -> None:
    (source,), _ = parse_footnote(text)
    assert source.entry_type == entry


def test_ma_after_a_city_is_no_thesis() -> None:
    assert thesis_kind("Cambridge, MA") == ""
    assert thesis_kind("MA thesis") == "mastersthesis"
    assert thesis_kind("PhD diss.,") == "phdthesis"


@pytest.mark.parametrize(
    "text",
    [
        "K. Omarov et al., Aral Sea Fisheries Survey 2020, dataset, Zenodo, 2021, "
        "https://doi.org/10.5281/zenodo.1234567.",
        "Ivanova, M. (2020). Caspian shipping records [Data set]. Harvard Dataverse. "
        "https://doi.org/10.7910/DVN/ABC123",
        "Timur Dadabaev et al., “Central Asian Elites Dataset, 1991–2020,” "
        "Zenodo, 2022, https://doi.org/10.5281/zenodo.7654321.",
    ],
)
def test_a_dataset_is_online_even_with_a_doi(text: str) -> None:
    (source,), _ = parse_footnote(text)
    assert source.entry_type == "online"
    assert source.doi


def test_a_treaty_in_a_treaty_series_is_no_book() -> None:
    (source,), _ = parse_footnote(
        "Treaty of Friendship between Turkey and Persia, Tehran, April 22, 1926, "
        "106 L.N.T.S. 259."
    )
    assert source.entry_type == "misc"
    assert (source.series, source.volume) == ("L.N.T.S.", "106")


def test_a_numbered_work_of_a_publishing_body_is_its_report() -> None:
    (source,), _ = parse_footnote(
        "Anna Borshchevskaya, Russia in the Caspian, RR-2741-A (Santa Monica, CA: "
        "RAND Corporation, 2020), 12."
    )
    fields = source.fields()
    assert source.entry_type == "report"
    assert (fields["institution"], fields["number"]) == (
        "RAND Corporation",
        "RR-2741-A",
    )
    assert "publisher" not in fields


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("L. Bianchi, Il Caucaso e la Persia, Firenze 1998, p. 12.", "book"),
        ("H. Maier, Die Steppe und das Reich, Wien 2011, S. 7.", "book"),
        # a body's paper with a place and no publisher is no monograph
        ("NATO, Strategic Concept, Madrid 2022.", "misc"),
    ],
)  # fmt: skip
def test_a_place_and_year_make_a_person_s_monograph(text: str, entry: str) -> None:
    (source,), _ = parse_footnote(text)
    assert source.entry_type == entry


@pytest.mark.parametrize(
    ("text", "host"),
    [
        ("R. Conti, «Il Caspio conteso», relazione al convegno Mari chiusi, "
         "Bari, Università di Bari, 3 maggio 2022.", "Università di Bari"),
        ("A. Serik, «Water and Power», paper presented at the Steppe Forum, "
         "Almaty, Nazarbayev University, 12 May 2023.", "Nazarbayev University"),
    ],
)  # fmt: skip
def test_the_body_hosting_a_talk_is_its_organization(text: str, host: str) -> None:
    (source,), warnings = parse_footnote(text)
    fields = source.fields()
    assert source.entry_type == "inproceedings"
    assert fields["organization"] == host
    assert "note" not in fields
    assert "not placed" not in warnings


@pytest.mark.parametrize(
    ("text", "title", "series", "number"),
    [
        ("Anna Weber (2023) Russlands Gasexporte nach Asien, SWP-Studie 9, "
         "Stiftung Wissenschaft und Politik, Berlin.",
         "Russlands Gasexporte nach Asien", "SWP-Studie", "9"),
        ("Marc Lenoir (2022) La Turquie en Asie centrale, Notes de l’Ifri n° 57, "
         "Ifri, Paris.", "La Turquie en Asie centrale", "Notes de l’Ifri", "57"),
        ("Paul Krämer (2021) Usbekistan im Wandel, Länderbericht 7/2021, "
         "Friedrich-Ebert-Stiftung, Berlin.",
         "Usbekistan im Wandel", "Länderbericht", "7/2021"),
    ],
)  # fmt: skip
def test_a_series_after_the_title_is_named_by_its_number(
    text: str, title: str, series: str, number: str
) -> None:
    (source,), _ = parse_footnote(text)
    assert (source.title, source.report_type, source.number) == (title, series, number)
    assert source.entry_type == "report"


@pytest.mark.parametrize(
    "title",
    [
        "Kazakhstan, Strategy 2050",  # a year
        "The Caspian Question, Part 2",  # a part of the work
        "Central Asia, Almaty 2019",  # a place
    ],
)
def test_a_title_ending_in_a_number_keeps_it(title: str) -> None:
    (source,), _ = parse_footnote(f"Anna Weber (2023) {title}, Limes.")
    assert source.title == title


@pytest.mark.parametrize(
    "text",
    [
        "Ministère des Armées (2024) Visite du ministre à Erevan, communiqué de "
        "presse, 3 mars 2024.",
        "T.C. Ticaret Bakanlığı (2023) Özbekistan ile ticaret anlaşması imzalandı, "
        "Basın Bülteni, 4 Nisan 2023.",
    ],
)
def test_a_press_release_is_named_as_its_kind_not_in_its_title(text: str) -> None:
    (source,), _ = parse_footnote(text)
    assert source.report_type.casefold() in {"communiqué de presse", "basın bülteni"}
    assert source.authors and source.authors[0].startswith("{")
    assert not source.outlet
    assert "presse" not in source.title and "Bülten" not in source.title


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("Tashkent denied it. See Ruslan Abdullaev, “Water Talks Stall,” "
         "Eurasianet, May 3, 2023.", "Tashkent denied it. See"),
        ("Baku called the talks useful. See also Ministry of Foreign Affairs of "
         "the Republic of Azerbaijan, “Press Release No. 114/23,” May 4, 2023.",
         "Baku called the talks useful. See also"),
        ("The estimate was first given by Kate Mallinson, “Kazakhstan’s "
         "Transition,” Chatham House, 2019, 4.",
         "The estimate was first given by"),
        ("The figures are taken from World Bank, Kyrgyz Republic Economic "
         "Update (Washington, DC: World Bank, 2023), 7.",
         "The figures are taken from"),
    ],
)  # fmt: skip
def test_a_sentence_or_a_clause_of_the_note_before_its_source(
    text: str, lead: str
) -> None:
    (source,), _ = parse_footnote(text)
    assert source.lead == lead
    assert source.title and not source.title.startswith(("See", "The"))


@pytest.mark.parametrize(
    "text",
    [
        "Ruslan Abdullaev, “Water Was Shared by Treaty,” Eurasianet, May 3, 2023.",
        "The War in Ukraine (2023) Limes, 4.",
    ],
)
def test_a_title_s_own_words_are_no_lead(text: str) -> None:
    (source,), _ = parse_footnote(text)
    assert not source.lead


@pytest.mark.parametrize(
    ("text", "title", "outlet"),
    [
        ("Президенты обсудили водную повестку в Ташкенте (2023) Газета.uz, "
         "12 мая 2023. Retrieved from: https://www.gazeta.uz/ru/2023/05/12/water/",
         "Президенты обсудили водную повестку в Ташкенте", "Газета.uz"),
        ("Эрдоган и Алиев открыли новый газопровод (2024) РБК, 2 марта 2024. "
         "Retrieved from: https://www.rbc.ru/politics/02/03/2024/abc",
         "Эрдоган и Алиев открыли новый газопровод", "РБК"),
        pytest.param(
            "How Baku won the peace talks (2024) The Economist, 2 March 2024. "
            "Retrieved from: https://www.economist.com/europe/2024/03/02/baku",
            "How Baku won the peace talks", "The Economist",
            marks=pytest.mark.xfail(strict=True, reason=(
                "issue 26 is open: an English headline before the year is "
                "still imported as the author when the model does not know "
                "the outlet after it (here 'The Economist' becomes the title); "
                "the review page flags the author and title for the editor"
            )),
        ),
    ],
)  # fmt: skip
def test_a_headline_before_the_year_is_the_title_not_its_author(
    text: str, title: str, outlet: str
) -> None:
    (source,), _ = parse_footnote(text)
    assert (source.authors, source.title, source.outlet) == ((), title, outlet)


def test_a_body_s_long_name_before_the_year_stays_its_author() -> None:
    (source,), _ = parse_footnote(
        "Министерство иностранных дел Республики Узбекистан (2023) Заявление, "
        "4 мая 2023. Retrieved from: https://mfa.uz/ru/press/news/2023/05/1"
    )
    assert source.authors == ("{Министерство иностранных дел Республики Узбекистан}",)


def test_a_press_release_on_the_web_is_online_not_an_article() -> None:
    (source,), _ = parse_footnote(
        "Kazakhstan and the EU sign a raw materials roadmap [Electronic "
        "resource] : press release No. 23/5120 // European Commission. 2023. "
        "7 Nov. URL: https://ec.europa.eu/commission/presscorner/detail/en/ip_23_5120"
    )
    assert source.entry_type == "online"
    assert source.fields()["organization"] == "European Commission"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # ISO 690: a surname in capitals, then the given name
        ("KASSYMOVA GRANT, Dina", ("KASSYMOVA GRANT, Dina",)),
        ("HOFFMANN, Karl-Heinz von, Anna BERG",
         ("HOFFMANN, Karl-Heinz von", "Anna BERG")),
        # one body's name cut at its own commas and "&"
        ("United Nations, Human Rights Council",
         ("United Nations, Human Rights Council",)),
        ("Office for Democratic Institutions & Human Rights",
         ("Office for Democratic Institutions & Human Rights",)),
        # surnames alone stay people, capitals too
        ("Orazgaliyeva, Serikbayeva, and Tulegenov", ()),
        ("ABDULLAEV and TOKTOMUSHEV", ("ABDULLAEV", "TOKTOMUSHEV")),
    ],
)  # fmt: skip
def test_surnames_in_capitals_and_bodies_cut_at_commas(
    text: str, names: tuple[str, ...]
) -> None:
    assert split_authors(text) == names
    for name in names:
        if "," in name and name.split(",")[0].isupper():
            assert not is_organisation(name)


def test_hyphenated_initials_keep_their_stop() -> None:
    (source,), _ = parse_footnote(
        "Dupont, J.-P. (2019). La Caspienne et ses ports. Outre-Terre, 57(2), 41–60."
    )
    assert source.authors == ("Dupont, J.-P.",)


@pytest.mark.parametrize(
    ("text", "title", "number", "date", "locator"),
    [
        ("UN Security Council, Resolution 2254 (2015), S/RES/2254 (December 18, "
         "2015), para. 4.", "Resolution 2254 (2015)", "S/RES/2254", "2015-12-18",
         "para. 4"),
        ("Consiglio di sicurezza delle Nazioni Unite, Risoluzione 2231 (2015), "
         "S/RES/2231 (2015), 20 luglio 2015.", "Risoluzione 2231 (2015)",
         "S/RES/2231 (2015)", "2015-07-20", ""),
    ],
)  # fmt: skip
def test_a_resolution_after_its_body_is_the_title_and_its_symbol_the_number(
    text: str, title: str, number: str, date: str, locator: str
) -> None:
    (source,), _ = parse_footnote(text)
    assert len(source.authors) == 1
    assert (source.title, source.number, source.date, source.locator) == (
        title, number, date, locator,
    )  # fmt: skip
    assert source.entry_type == "report"


def test_the_original_edition_s_year_is_a_note() -> None:
    (source,), _ = parse_footnote(
        "T. Judt, Postwar. La nostra storia, Roma-Bari, Laterza, 2017 (ed. or. "
        "2005), p. 14."
    )
    assert (source.publisher, source.year, source.locator) == (
        "Laterza",
        "2017",
        "p. 14",
    )
    assert source.note == "ed. or. 2005"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("L. Caracciolo, Il ritorno della Turchia, in «Limes», 7/2020, pp. 9-20.",
         {"number": "7", "year": "2020", "pages": "9--20"}),
        ("A. Ferrari, L’Armenia perduta, Roma, Carocci, 2019, passim.",
         {"locator": "passim", "note": ""}),
        ("A. Ferrari, L’Armenia perduta, Roma, Carocci, 2019, p. 41 e sgg.",
         {"locator": "p. 41 e sgg.", "note": ""}),
        ("P. Sinatti, Astana e Mosca, «ISPI Commentary», 3 marzo 2023, "
         "disponibile all’indirizzo https://www.ispionline.it/it/astana-mosca "
         "(ultimo accesso: 5 marzo 2023).", {"note": "", "urldate": "2023-03-05"}),
        # a quoted title's journal and volume are not the house form's year
        ("E. Parodi, «Il Caspio dopo il 2018», «Meridiana», 101 (2021), "
         "pp. 145-167.", {"outlet": "Meridiana", "volume": "101", "year": "2021"}),
    ],
)  # fmt: skip
def test_the_italian_habit_s_issue_locators_and_address_words(
    text: str, expected: dict[str, str]
) -> None:
    (source,), _ = parse_footnote(text)
    assert {name: getattr(source, name) for name in expected} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a publisher's acronym is no town, even where a town shares it
        ("G. Neri, Il Caspio, in A. Bianchi (a cura di), I mari chiusi, Milano, "
         "LED, 2001, pp. 11-30.", {"address": "Milano", "publisher": "LED"}),
        ("V. Rossi, Geopolitica del Caucaso, Milano, Guerini, 2019, III ed., p. 12.",
         {"edition": "III", "locator": "p. 12"}),  # as the corpus writes "II"
        # the unquoted words first are the article, the quoted ones its journal
        ("P. Neri, La Georgia al bivio, «Affari Esteri», L, 2018, n. 190, "
         "pp. 101-110.", {"title": "La Georgia al bivio", "outlet": "Affari Esteri"}),
        # an agency named first stays the outlet
        ("ANSA, «Tokayev a Roma, firmati sei accordi», 18 gennaio 2024.",
         {"title": "Tokayev a Roma, firmati sei accordi"}),
        ("Si veda sul punto G. Neri, Il Caspio, Milano, LED, 2001, p. 4.",
         {"lead": "Si veda sul punto", "authors": ("G. Neri",)}),
    ],
)  # fmt: skip
def test_the_italian_habit_s_imprint_edition_and_order(
    text: str, expected: dict[str, object]
) -> None:
    (source,), _ = parse_footnote(text)
    assert {name: getattr(source, name) for name in expected} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chatham House (2021) Central Asia after the Pullout, Research Paper "
         "N°14, London.",
         {"report_type": "Research Paper", "number": "14", "publisher": ""}),
        ("Asian Development Bank (2023) Tajikistan: Energy Sector Review, Asian "
         "Development Bank, Manila.",
         {"title": "Tajikistan: Energy Sector Review",
          "publisher": "Asian Development Bank", "address": "Manila"}),
        ("UN General Assembly (2023) Resolution 78/12 (2023), A/RES/78/12, New York.",
         {"title": "Resolution 78/12 (2023)", "number": "A/RES/78/12"}),
        ("UN Security Council (2021) Resolution 2593 (2021), S/RES/2593, New York.",
         {"title": "Resolution 2593 (2021)", "number": "S/RES/2593",
          "volume": ""}),
    ],
)  # fmt: skip
def test_the_house_form_s_series_imprint_and_resolutions(
    text: str, expected: dict[str, str]
) -> None:
    (source,), _ = parse_footnote(text)
    assert {name: getattr(source, name) for name in expected} == expected


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Tass (2023) 'Lavrov arrives in Astana for talks', Tass, 2 March. "
         "Available at: https://tass.com/politics/1583215 (Accessed: 3 March 2023).",
         "Lavrov arrives in Astana for talks"),
        ("Omelicheva, M. (2018) 'Russia's counterterrorism policy in Central "
         "Asia', in Heathershaw, J. (ed.) Central Asia and Security. London: "
         "Routledge, pp. 11–29.", "Russia's counterterrorism policy in Central Asia"),
    ],
)  # fmt: skip
def test_harvard_s_straight_quotes_around_a_title_go_its_apostrophes_stay(
    text: str, title: str
) -> None:
    (source,), _ = parse_footnote(text)
    assert source.title == title


def test_fields_are_flagged_where_a_reader_doubts_them_not_everywhere() -> None:
    """Outside the house form the first reader reads badly, and its
    disagreeing flagged nearly every field of a Chicago or GOST note; there
    the labeller's own doubt is the flag. In the house form a disagreement
    still is (the site's name read as the title here)."""
    for text in (
        "Alexander Cooley, Great Games, Local Rules: The New Great Power "
        "Contest in Central Asia (New York: Oxford University Press, 2012), 45.",
        "Сыроежкин К.Л. Казахстан и Китай. Алматы: КИСИ, 2010. 212 с.",
    ):
        (source,), _ = parse_footnote(text)
        assert len(source.unsure) <= 1  # the labeller's doubt, one field at most
    (source,), _ = parse_footnote(
        "Kun.uz (2023) Uzbekistan raises electricity tariffs, 1 May 2023. "
        "Retrieved from: https://kun.uz/en/news/2023/05/01/tariffs"
    )
    assert "title" in source.unsure


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cfr. sul tema A. Neri, «Il Caspio conteso», in «Limes», n. 2, 2020, "
         "pp. 9-18.", {"lead": "Cfr. sul tema", "authors": ("A. Neri",)}),
        ("Si veda anche, in proposito, A. Neri, Il Caspio, Roma, Carocci, 2019.",
         {"lead": "Si veda anche, in proposito,", "authors": ("A. Neri",)}),
        ("T. Snyder, Terre di sangue, trad. it. Milano, Rizzoli, 2011, p. 9.",
         {"address": "Milano", "publisher": "Rizzoli", "note": "trad. it."}),
    ],
)  # fmt: skip
def test_an_italian_lead_on_the_topic_and_a_translation_s_place(
    text: str, expected: dict[str, object]
) -> None:
    (source,), _ = parse_footnote(text)
    assert {name: getattr(source, name) for name in expected} == expected


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("Banca d’Italia, Relazione annuale 2022, Roma, 2023, p. 12.", "report"),
        ("UNICEF, Situation of Children in Kyrgyzstan, Bishkek, 2021, p. 4.",
         "report"),
        # a body's law or treaty stays misc
        ("Repubblica italiana, Legge sulla cooperazione, Roma, 2014.", "misc"),
    ],
)  # fmt: skip
def test_a_body_s_paper_by_its_place_and_year_is_a_report(
    text: str, entry: str
) -> None:
    (source,), _ = parse_footnote(text)
    assert source.entry_type == entry


@pytest.mark.parametrize(
    ("text", "meant"),
    [("Ibdi., p. 4.", "Ibid."), ("Ivvi, p. 9.", "Ivi"), ("Там жэ, с. 5.", "Там же")],
)
def test_a_misspelt_back_reference_is_said_not_read_as_a_short_form(
    text: str, meant: str
) -> None:
    """An editor's typo: before, "Ibdi., p. 4" was a shortened note of an
    author "Ibdi." titled "p.", or a silent new entry."""
    (source,), warnings = parse_footnote(text)
    assert not source.authors and not source.back_reference
    assert f"misspelt {meant!r}" in " ".join(warnings)


@pytest.mark.parametrize("text", ["Ibid., p. 4.", "Ivi, p. 3.", "Idea, p. 3."])
def test_a_right_back_reference_or_a_near_word_is_no_typo(text: str) -> None:
    _sources, warnings = parse_footnote(text)
    assert "misspelt" not in " ".join(warnings)


def test_a_comma_missing_before_the_year_and_the_page() -> None:
    (source,), _ = parse_footnote("A. Neri, Il Caspio, Roma, Carocci 2019 p. 7")
    assert (source.publisher, source.year, source.locator) == (
        "Carocci",
        "2019",
        "p. 7",
    )
    assert not source.note


@pytest.mark.parametrize(
    ("text", "urldate"),
    [
        ("Kramer, Andrew E. “Russia Cuts Off Gas to Ukraine.” New York Times. "
         "New York Times, 16 June 2014. Web. 17 June 2014.", "2014-06-17"),
        ("Евразийский банк развития. (б. г.). О Банке. Извлечено 10 марта "
         "2024 г., с https://eabr.org/about/", "2024-03-10"),
        ("ПАО «ГАЗПРОМ». Газпром и CNPC [пресс-релиз]. Москва, 6 сентября 2022 "
         "[просмотрено 7 сентября 2022]. Режим доступа: https://www.gazprom.ru/a/",
         "2022-09-07"),
        ("F. Maronta, «Il Tagikistan», Limesonline, 26 aprile 2024, "
         "<https://www.limesonline.com/a/>, ult. cons. 3 maggio 2024.",
         "2024-05-03"),
    ],
)  # fmt: skip
def test_the_access_date_in_each_habit_s_words(text: str, urldate: str) -> None:
    """MLA 7's "Web.", APA's Russian "Извлечено", ISO 690's "просмотрено",
    the Italian "ult. cons.": the date was in note, without its month."""
    (source,), _ = parse_footnote(text)
    assert (source.urldate, source.note) == (urldate, "")


def test_an_address_in_angle_brackets_leaves_no_brackets_behind() -> None:
    (source,), _ = parse_footnote(
        "OSCE. Chairman-in-Office visits Central Asia. Press Release, Vienna, "
        "15.05.2023. Available from: <https://www.osce.org/ch/543210> "
        "[accessed 20.05.2023]."
    )
    assert (source.url, source.note) == ("https://www.osce.org/ch/543210", "")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Some text.<script>alert(1)</script> See https://example.org/x.",
         "</script>"),
    ],
)  # fmt: skip
def test_words_placed_nowhere_are_kept_as_written(text: str, kept: str) -> None:
    """A note's words were joined by spaces, their marks dropped: "</script>"
    became "script", "17 June 2014" "17 2014" (a month is a form word).
    Wherever the words are placed, they are there as written."""
    sources, _ = parse_footnote(text)
    assert any(kept in value for s in sources for value in s.fields().values())


@pytest.mark.parametrize(
    ("text", "title", "note"),
    [
        ("Legge 9 luglio 1990, n. 185, Nuove norme sul controllo "
         "dell’esportazione, importazione e transito dei materiali di armamento, "
         "in Gazzetta Ufficiale n. 163 del 14 luglio 1990.",
         "Legge 9 luglio 1990, n. 185, Nuove norme sul controllo "
         "dell’esportazione, importazione e transito dei materiali di armamento",
         "in Gazzetta Ufficiale n. 163 del 14 luglio 1990"),
        ("Decisione (PESC) 2023/1532 del Consiglio, del 20 luglio 2023, che "
         "modifica la decisione 2011/235/PESC, GU L 187 del 25.7.2023.",
         "Decisione (PESC) 2023/1532 del Consiglio, del 20 luglio 2023, che "
         "modifica la decisione 2011/235/PESC", "GU L 187 del 25.7.2023"),
        ("Федеральный закон от 14.07.2022 № 255-ФЗ «О контроле», in Собрание "
         "законодательства Российской Федерации, 2022, n. 29, art. 5222.",
         "Федеральный закон от 14.07.2022 № 255-ФЗ «О контроле»",
         "in Собрание законодательства Российской Федерации, 2022, n. 29, "
         "art. 5222"),
        ("6735 sayılı Uluslararası İşgücü Kanunu, Resmî Gazete n. 29800, "
         "13 agosto 2016.", "6735 sayılı Uluslararası İşgücü Kanunu",
         "Resmî Gazete n. 29800, 13 agosto 2016"),
    ],
)  # fmt: skip
def test_an_act_before_its_gazette_is_misc_the_gazette_its_note(
    text: str, title: str, note: str
) -> None:
    """The gazette's number and date are not the act's: they were read as a
    journal's issue, a year and a publisher."""
    (source,), _ = parse_footnote(text)
    assert (source.entry_type, source.title, source.note) == ("misc", title, note)
    assert not (source.year or source.number or source.outlet or source.publisher)


def test_gost_s_gazette_after_two_slashes_stays_a_journal() -> None:
    (source,), _ = parse_footnote(
        "Федеральный закон от 28.12.2010 № 390-ФЗ «О безопасности» // "
        "Собрание законодательства РФ. 2011. № 1. Ст. 2."
    )
    assert (source.entry_type, source.outlet, source.number, source.year) == (
        "article",
        "Собрание законодательства РФ",
        "1",
        "2011",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ibid., p. 9, tab. 2.", ("Ibid.", "p. 9, tab. 2", ())),
        ("CARRARO, op. cit., p. 61 e segg.",
         ("op. cit.", "p. 61 e segg.", ("CARRARO",))),
        ("Ibidem, p. 12 e s.", ("Ibidem", "p. 12 e s.", ())),
        ("Id., op. cit., pp. 12-13 e passim.",
         ("op. cit.", "pp. 12-13 e passim", ("Id.",))),
        ("Rossi, op. cit., vol. II, p. 305.",
         ("op. cit.", "vol. II, p. 305", ("Rossi",))),
        ("V. supra, nota 3.", ("supra, nota 3", "", ())),
        ("See note 12 above, p. 4.", ("note 12 above", "p. 4", ())),
    ],
)  # fmt: skip
def test_back_references_with_the_locators_and_words_of_each_habit(
    text: str, expected: tuple[str, str, tuple[str, ...]]
) -> None:
    """A table, a figure, "e s.", "e segg.", a volume before the page, "Id."
    with its stop, a footnote named above: each was read as a new source."""
    (source,), _ = parse_footnote(text)
    assert (source.back_reference, source.locator, source.authors) == expected


@pytest.mark.parametrize(
    "text", ["V. Putin, Ob istoricheskom edinstve, 2021.", "Limes, n. 3, 2020."]
)
def test_an_initial_v_and_an_issue_s_number_are_no_back_references(
    text: str,
) -> None:
    (source,), _ = parse_footnote(text)
    assert not source.back_reference and not source.lead


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nərmin Quliyeva (2022) Azərbaycanın enerji diplomatiyası, magistr "
         "dissertasiyası, Bakı Dövlət Universiteti, Bakı.",
         {"kind": "mastersthesis", "outlet": "Bakı Dövlət Universiteti",
          "title": "Azərbaycanın enerji diplomatiyası"}),
        ("Dilshod Nurmatov (2021) Oʻzbekiston–Xitoy hamkorligi, siyosiy fanlar "
         "boʻyicha falsafa doktori (PhD) dissertatsiyasi, Jahon iqtisodiyoti va "
         "diplomatiya universiteti, Toshkent.",
         {"kind": "phdthesis", "title": "Oʻzbekiston–Xitoy hamkorligi",
          "outlet": "Jahon iqtisodiyoti va diplomatiya universiteti"}),
        ("Azərbaycan Dəmir Yolları QSC (2023) Yüklərin həcmi 40 faiz artıb, "
         "mətbuat relizi, 2 mart 2023.",
         {"report_type": "mətbuat relizi", "date": "2023-03-02"}),
        ("Fuad Cəfərli (2021) Azərbaycan-Türkiyə müttəfiqliyi, in: Rəşad "
         "Məmmədov (red.) Cənubi Qafqaz, Elm, Bakı, səh. 55-78.",
         {"editors": ("Rəşad Məmmədov",), "pages": "55--78",
          "outlet": "Cənubi Qafqaz"}),
        ("Г.М. Мамедова (2022) Иран и Южный Кавказ, в: В.И. Суханов (отв. ред.) "
         "Иран: внешняя политика, ИВ РАН, Москва, С. 54-70.",
         {"editors": ("В.И. Суханов",), "outlet": "Иран: внешняя политика",
          "pages": "54--70"}),
        ("Səbinə Əliyeva (2023) Zəngəzur dəhlizi, APA, 15 Mart 2023. Retrieved "
         "from: https://apa.az/a-745123 (istifadə tarixi: 16.03.2023)",
         {"urldate": "2023-03-16", "note": ""}),
        ("Smith, J. (2019). Title of page. Retrieved 2 March 2023 from: "
         "https://example.org/a",
         {"urldate": "2023-03-02", "title": "Title of page", "note": ""}),
    ],
)  # fmt: skip
def test_kinds_editors_pages_and_access_in_the_region_s_languages(
    text: str, expected: dict[str, object]
) -> None:
    """Azerbaijani, Uzbek and Russian words for a thesis, a press release, an
    editor, a page and an access date, and "Retrieved 2 March 2023 from:"."""
    (source,), _ = parse_footnote(text)
    assert {name: getattr(source, name) for name in expected} == expected


def test_a_title_holding_the_word_thesis_is_no_thesis() -> None:
    (source,), _ = parse_footnote(
        "Marco Neri (2020) Kazakhstan, the Rentier Thesis Revisited, Limes, 3, pp. 4-9."
    )
    assert source.entry_type != "phdthesis"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ნ. ბერიძე, საქართველო და კავკასიის ომები, თბილისი, არტანუჯი, 2018.",
         {"authors": ("ნ. ბერიძე",)}),
        ("AA.VV., Atlante geopolitico del Caspio, Torino, UTET, 2014, p. 301.",
         {"authors": ("AA.VV.",)}),
        ("Ministero degli Affari Esteri e della Cooperazione Internazionale, "
         "Tajani accoglie l’intesa, comunicato stampa, 8 agosto 2025.",
         {"authors": ("{Ministero degli Affari Esteri e della Cooperazione "
                      "Internazionale}",)}),
        ("F. Lanza, «Il Daghestan sovietico», in B. Orlando (a cura di), L’islam "
         "in Russia, Roma, Carocci, 2014, pp. 55-81, qui pp. 60-62.",
         {"pages": "55--81", "locator": "pp. 60-62"}),
        ("L. Aliyeva (2019) Oil revenues in Azerbaijan, in: M. Weiss (ed.) "
         "Petro-States, Palgrave, Basingstoke, pp. 201–220, p. 214.",
         {"pages": "201--220", "locator": "p. 214"}),
        ("S. Guarnieri, «Il Caucaso di Tolstoj», Nuova Antologia, a. 157, fasc. "
         "2301, gennaio-marzo 2022, pp. 210-224.", {"date": ""}),
    ],
)  # fmt: skip
def test_names_in_caseless_scripts_bodies_pinpoints_and_an_issue_s_months(
    text: str, expected: dict[str, object]
) -> None:
    """Georgian has no capitals to tell a name by; "AA.VV." (various authors)
    is no body; a ministry's name goes on after "e della"; the page cited
    after the range; "gennaio-marzo 2022" is no day or month of its own."""
    (source,), _ = parse_footnote(text)
    assert {name: getattr(source, name) for name in expected} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("M. Hosseini, «Il Nowruz nella politica culturale», relazione tenuta al "
         "Seminario permanente di studi iranici, Napoli, 9 novembre 2022.",
         {"kind": "inproceedings", "outlet": "Seminario permanente di studi iranici"}),
        ("R. Ferri, «Gli interessi italiani», intervento alla tavola rotonda "
         "«Italia e Caucaso», Roma, 27 febbraio 2024.",
         {"kind": "inproceedings", "outlet": "Italia e Caucaso"}),
        ("Elaborazione su dati Eurostat, Imports of natural gas, "
         "https://ec.europa.eu/eurostat/x, dati estratti il 14 febbraio 2024.",
         {"lead": "Elaborazione su dati", "urldate": "2024-02-14"}),
        ("Sulla stessa linea, con accenti più critici, Marchetti, art. cit., "
         "pp. 240-241.",
         {"lead": "Sulla stessa linea, con accenti più critici,",
          "back_reference": "art. cit.", "authors": ("Marchetti",)}),
        ("President of Russia (2023) Telephone conversation with Tokayev, "
         "Kremlin.ru, March 2nd, 2023. http://en.kremlin.ru/events/70618",
         {"title": "Telephone conversation with Tokayev", "outlet": "Kremlin.ru"}),
    ],
)  # fmt: skip
def test_talks_data_leads_remarks_and_sites_named_by_address(
    text: str, expected: dict[str, object]
) -> None:
    """The Italian "relazione tenuta al", "intervento alla tavola rotonda
    «…»", "Elaborazione su dati", "dati estratti il", a remark before an
    "art. cit.", a site's address after the title."""
    (source,), _ = parse_footnote(text)
    assert {name: getattr(source, name) for name in expected} == expected


def test_a_second_source_after_e_and_a_day_s_date() -> None:
    """ "…, APA, 15 febbraio 2024; e «…», ANSA, 16 febbraio 2024": two."""
    sources, _ = parse_footnote(
        "La notizia è stata smentita: cfr. «Bakı İrəvanın iddialarını rədd "
        "edir», APA, 15 febbraio 2024; e «Baku smentisce Erevan», ANSA, 16 "
        "febbraio 2024."
    )
    assert [(s.outlet, s.date, s.lead) for s in sources] == [
        ("APA", "2024-02-15", "La notizia è stata smentita: cfr."),
        ("ANSA", "2024-02-16", "e"),
    ]


@pytest.mark.parametrize(
    ("title", "language"),
    [
        ("Politika Rossii v Kaspijskom regione", "russian"),
        ("Počemu Baku zakryvaet Russkij dom", "russian"),
        ("Kitaiskii faktor v politike bezopasnosti Tadzhikistana", "russian"),
        ("intervista al quotidiano Kazakhstanskaya Pravda", "italian"),
        ("I costi della transizione energetica in Italia", "italian"),
    ],
)
def test_russian_in_latin_letters_is_russian(title: str, language: str) -> None:
    from georeport.importer.languages import langid

    assert langid(title) == language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("E. Karimova (personal communication, January 18, 2024).",
         {"authors": ("E. Karimova",), "date": "2024-01-18", "lead": ""}),
        ("An adviser confirmed the timetable. N. Hovhannisyan, personal "
         "communication, April 20, 2023.",
         {"authors": ("N. Hovhannisyan",), "date": "2023-04-20",
          "lead": "An adviser confirmed the timetable."}),
        ("Two officials in Baku made the same point (personal communication, "
         "November 2, 2023).",
         {"authors": (), "date": "2023-11-02",
          "lead": "Two officials in Baku made the same point"}),
    ],
)  # fmt: skip
def test_a_personal_communication_is_a_person_and_a_day(
    text: str, expected: dict[str, object]
) -> None:
    """APA's form: no title (the name was read as one), the words as type."""
    (source,), _ = parse_footnote(text)
    assert {name: getattr(source, name) for name in expected} == expected
    assert (source.title, source.report_type) == ("", "personal communication")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A. Neri, Il Caspio, Roma, Carocci 2019 p. 7",
         {"publisher": "Carocci", "year": "2019", "locator": "p. 7"}),
        ("Anna Weber (2023) The Caspian Question, Part 2, Limes.",
         {"title": "The Caspian Question, Part 2"}),
    ],
)  # fmt: skip
def test_a_glued_imprint_and_a_part_after_the_title(
    text: str, expected: dict[str, object]
) -> None:
    (source,), _ = parse_footnote(text)
    assert {name: getattr(source, name) for name in expected} == expected


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        ("محمدرضا دهقانی (2021) سیاست خارجی ایران در آسیای مرکزی, فصلنامه "
         "مطالعات آسیای مرکزی و قفقاز Vol.27(114), pp. 1-28.", ("محمدرضا دهقانی",)),
        ("خبرگزاری تسنیم (2023) همکاری با اوراسیا, تسنیم.", ("{خبرگزاری تسنیم}",)),
    ],
)  # fmt: skip
def test_a_persian_name_before_the_year_is_its_author_a_body_in_braces(
    text: str, authors: tuple[str, ...]
) -> None:
    """No capitals tell a name in Arabic letters: in the house form the title
    follows the year (no comma, as "Title (2021), Outlet" has), and a body's
    name holds a body's word ("خبرگزاری", news agency)."""
    (source,), _ = parse_footnote(text)
    assert source.authors == authors


def test_apa_s_parenthetical_citations_are_back_references_each() -> None:
    sources, _ = parse_footnote(
        "(Farahani, 2016, p. 81; Rahmonova & Lindqvist, 2022, p. 7)."
    )
    assert [(s.back_reference, s.authors, s.year, s.locator) for s in sources] == [
        ("short", ("Farahani",), "2016", "p. 81"),
        ("short", ("Rahmonova", "Lindqvist"), "2022", "p. 7"),
    ]


def test_a_body_s_dated_short_form_and_ibid_after_it() -> None:
    sources, _ = parse_footnote(
        "Norwegian Refugee Council (2023, p. 12); ibid., p. 15."
    )
    assert [(s.back_reference, s.authors, s.locator) for s in sources] == [
        ("short", ("Norwegian Refugee Council",), "p. 12"),
        ("ibid.", (), "p. 15"),
    ]


@pytest.mark.parametrize("text", ["Bifolchi, 2021.", "Kazakhstan, 2022."])
def test_a_name_and_a_year_without_parentheses_are_no_short_form(text: str) -> None:
    (source,), _ = parse_footnote(text)
    assert not source.back_reference


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A customs officer described the backlog in similar terms (G. Beridze, "
         "personal communication, July 19, 2022).",
         [(("G. Beridze",), "A customs officer described the backlog in similar "
           "terms")]),
        ("Interviews with two officials, Tashkent: K. Yusupov, personal "
         "communication, May 3, 2022; N. Alimova, personal communication, May 5, "
         "2022.",
         [(("K. Yusupov",), "Interviews with two officials, Tashkent:"),
          (("N. Alimova",), "")]),
    ],
)  # fmt: skip
def test_personal_communications_after_a_remark(
    text: str, expected: list[tuple[tuple[str, ...], str]]
) -> None:
    sources, _ = parse_footnote(text)
    assert [(s.authors, s.lead) for s in sources] == expected


def test_a_site_s_page_on_its_day_is_online_not_a_book() -> None:
    (source,), _ = parse_footnote(
        "G. Bifolchi, «Il Sahel e le migrazioni verso l'Italia», SpecialEurasia, "
        "12 marzo 2024, https://www.specialeurasia.com/2024/03/12/sahel/."
    )
    assert (source.entry_type, source.outlet, source.publisher) == (
        "online",
        "SpecialEurasia",
        "",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cfr. ivi, pp. 40-42; v. anche Lenzi, Il ritorno dell’Iran, cit., p. 166.",
         [("ivi", "Cfr.", ()), ("cit.", "v. anche", ("Lenzi",))]),
        ("Sul punto concorda anche la Commissione europea: ibid., p. 15.",
         [("ibid.", "Sul punto concorda anche la Commissione europea:", ())]),
        ("International Crisis Group, Kyrgyzstan and Tajikistan, cit., pp. 11-12.",
         [("cit.", "", ("{International Crisis Group}",))]),
    ],
)  # fmt: skip
def test_back_references_after_v_anche_a_colon_and_a_body(
    text: str, expected: list[tuple[str, str, tuple[str, ...]]]
) -> None:
    sources, _ = parse_footnote(text)
    assert [(s.back_reference, s.lead, s.authors) for s in sources] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A. Leclerc, Le Caucase du Sud, Paris, CNRS Éditions, 2023; G. Serafini, "
         "L’Iran dei pasdaran, 2a ed., Laterza 2018, pp. 144 ss.",
         [("A. Leclerc",), ("G. Serafini",)]),
    ],
)  # fmt: skip
def test_a_second_book_cited_at_its_pages_is_a_second_source(
    text: str, expected: list[tuple[str, ...]]
) -> None:
    sources, _ = parse_footnote(text)
    assert [s.authors for s in sources] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("L. Moretti, Il fattore religioso, in AA.VV., La Turchia di Erdoğan, "
         "Roma, Castelvecchi, 2019, p. 133 e ss.",
         {"editors": ("AA.VV.",), "outlet": "La Turchia di Erdoğan"}),
        ("C. Fumagalli, «Energia e sicurezza», in Id. (a cura di), Il Mediterraneo "
         "allargato, Roma, Donzelli, 2021, pp. 11-34.", {"editors": ("Id.",)}),
        ("P. Rinaldi, Tra Mosca e Pechino, il Mulino, Bologna 2024, pp. 201-205.",
         {"locator": "pp. 201-205"}),
        ("Sul tema si rinvia a T. Galli, «Il Karakalpakstan», in «Rivista di "
         "Politica», n. 2, 2023, pp. 115-129.", {"lead": "Sul tema si rinvia a"}),
    ],
)  # fmt: skip
def test_various_authors_the_same_editor_a_book_s_pages_as_written(
    text: str, expected: dict[str, object]
) -> None:
    (source,), _ = parse_footnote(text)
    assert {name: getattr(source, name) for name in expected} == expected


def test_a_place_and_year_glued_to_the_title_are_the_imprint() -> None:
    (source,), _ = parse_footnote(
        "N. Guidi, L’Azerbaigian degli Aliyev. Petrolio, potere e dinastia "
        "Milano 2021, p. 63."
    )
    assert (source.title, source.address, source.year, source.entry_type) == (
        "L’Azerbaigian degli Aliyev. Petrolio, potere e dinastia",
        "Milano",
        "2021",
        "book",
    )


@pytest.mark.parametrize(
    "words",
    ["Consiglio superiore della magistratura", "Транссибирская магистраль",
     "رساله به وزیر"],
)  # fmt: skip
def test_words_that_begin_as_a_degree_s_name_no_thesis(words: str) -> None:
    """ "magistr" (Azerbaijani, Uzbek) is a master's degree, "magistratura" a
    judiciary, "магистраль" a trunk line, "رساله" a letter as well."""
    assert thesis_kind(words) == ""
    assert thesis_kind("magistr dissertasiyası") == "mastersthesis"
