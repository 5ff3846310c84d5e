"""Authors as footnotes write them: people, organisations, and lists of both.

A footnote names people as "Giuliano Bifolchi", "G. Bifolchi", "V.V. Evseev",
"Bifolchi, G.", "Olcott, Martha Brill" or "И.И. Петров", joined by ",", "&",
"and", "e", "и" (and a few other languages' "and"), and ends a long list with
"et al." or "и др.". Names are kept exactly as written: pybtex reads all these
forms. An organisation is kept whole and written in braces (``{World Bank}``),
BibTeX's way of saying "one name, no given name", so that no tool splits it.

Telling an organisation from a person is done by signals, strongest first:

1. the name's form: initials or "Surname, Given" make a person; one word, an
   acronym, a digit or slash, a lower-case word that is no name particle (per
   nameparser's list), or more than four words make an organisation;
2. the footnote itself: a name that is also the source's outlet or publisher,
   or whose words or initials are the URL's domain (``hrw.org``), is an
   organisation;
3. a given name that probablepeople's name data knows ("Martha", "Rose")
   makes a person;
4. probablepeople's CRF, trained to tell people from corporations, weighed
   with how English the words are (lingua): its model knows US names and
   English corporate words, and calls most Central Asian names corporations,
   so it decides only for names that read as English words.

No hand-made list of organisations is used: it would miss the next one.
"""

# The patterns hold Cyrillic letters, dashes and typographic quotes on purpose.
# ruff: noqa: RUF001, RUF002, RUF003

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import urlsplit

import probablepeople
from nameparser.config import CONSTANTS
from probablepeople.gender import gender_names
from probablepeople.ratios import ratios

from georeport.importer.languages import english_likeness

#: "et al." and its equivalents closing a list of authors: BibTeX ``others``
ET_AL = re.compile(
    r"[,;]?\s*\[?(?:et\s*al(?:ii|\.)?|и\s+др\.?|e\s+altri|et\s+autres|u\.\s*a\.|"
    r"і\s+ін\.?|та\s+ін\.?)\.?\]?\.?\s*$",
    re.I,
)
#: what separates names, and the words that join the last two
_SEPARATOR = re.compile(r"\s*(?:,|&)\s*")
_CONJUNCTIONS = "and|e|и|et|und|y|і|та|және"
_INITIALS = re.compile(r"^(?:[^\W\d_]{1,2}\.-?)+$")
#: "AA.VV.", "AA. VV.": the Italian habit's "various authors"; "Id.", "Ead.":
#: the author named before
_VARIOUS = re.compile(r"AA\.\s?VV\.?|Id\.|Idem|Ead\.|Eadem|Iid\.|Eaed\.")
_WORD = re.compile(r"^[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*\.?$")
_ACRONYM = re.compile(r"^[^\W\d_]*[A-ZА-ЯЁ][^\W\d_]*$")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
#: the endings of Russian, Ukrainian, Kazakh and Azerbaijani patronymics
_PATRONYMIC = re.compile(
    r"(?:ич|овна|евна|ична|инична|івна|ївна|ұлы|улы|қызы|кызы|оглы)$",
    re.I,
)
#: probablepeople labels that say "part of a corporation's name"
_CORPORATE = ("Corporation", "ShortForm")
#: a person's name has at most this many words besides particles
_LONGEST_NAME = 4
#: surnames' endings in the region's naming traditions (Russian, Ukrainian,
#: Kazakh, Kyrgyz, Uzbek, Azerbaijani, Turkish, Persian, Armenian, Georgian),
#: in Latin letters: "Shaikhutdinov", "Nazarbayeva", "Tokayev", "Aliyev",
#: "Kuchma"'s "-enko" kin, "Pashinyan", "Mikeladze", "Saakashvili", "Zadeh"
_REGIONAL_SURNAME = re.compile(
    r"(?:[^\W\d_]{2}(?:ov|ova|ev|eva|yev|yeva|ovich|evich|ovna|evna|sky|skiy|"
    r"skaya|enko|yan|dze|shvili|uly|kyzy|oglu|oğlu|zade|zadeh|bekov|bayev))$"
)
#: scripts without capital letters (Georgian, Armenian's are rare in
#: footnotes, Arabic, Hebrew, CJK): the form of a name cannot be read there
_CASELESS = re.compile(r"^[\u10a0-\u10ff\u0600-\u06ff\u0590-\u05ff\u3400-\u9fff\s]+$")
#: a person's surname in Georgian (-ძე, -შვილი, -ია, -ავა, -ანი, -ური, -ელი),
#: and a Chinese name's two or three signs without an organisation's word
_GEORGIAN_SURNAME = re.compile(r"(?:ძე|შვილი|ია|ავა|ანი|ური|ული|ელი)$")
_CHINESE_NAME = re.compile(r"^[\u3400-\u9fff]{2,3}$")
#: the words that name a body in Arabic and Persian (centre, institute,
#: ministry, university, council, agency, bank, company, party, organisation)
_ARABIC_BODY_WORDS = frozenset((
    "مرکز", "مركز", "موسسه", "مؤسسه", "وزارت", "وزارة", "دانشگاه", "جامعة", "شورای",
    "مجلس", "سازمان", "منظمة", "خبرگزاری", "وكالة", "بنیاد", "انجمن", "اداره", "دفتر",
    "بانک", "بنك", "شرکت", "شركة", "حزب", "هيئة", "الأمم", "ایرنا", "جمهوری",
))  # fmt: skip
_CHINESE_BODY = re.compile(r"[社部院会局署厅委所报台网司行府盟处]$|中心|大学|组织|银行")


def split_authors(text: str, *, named: bool = False) -> tuple[str, ...]:
    """The names of an author list, "et al." as a final ``others``; ``()`` if none.

    ``()`` when any piece is not a name: the text is then something else
    (a title). The Turkic, Georgian and Armenian "and" joins people's names
    where the words are known to be names (``named``: the labeller's) or
    where each piece is a person's full name ("Mitat Çelikpala ve Cavid
    Veliyev", not "Orta Asya ve Kafkasya" nor "Enerji ve Tabii Kaynaklar
    Bakanlığı").
    """
    text = text.strip(" ,;:")
    others = ET_AL.search(text)
    if others:
        text = text[: others.start()].strip(" ,")
    names = _names(text, _TOKENS)
    joined = _names(text, _NAMED_TOKENS)
    people = not any(is_organisation(name) for name in joined)
    if len(joined) > max(len(names), 1) and ((named and people) or _full_names(joined)):
        names = joined
    if not names:
        return ()
    if len(names) > 1 and _one_body(names):
        # "United Nations, General Assembly", "Committee on Economic, Social
        # and Cultural Rights": one body's name, cut at its own commas
        names = [text]
    return (*names, "others") if others else tuple(names)


def _one_body(pieces: list[str]) -> bool:
    """No piece is a person's name, and one is a body's of several words not
    all in capitals (a list of surnames alone, "Sanovich, Stukal, and
    Tucker", is people)."""
    return all(is_organisation(piece) for piece in pieces) and any(
        len(piece.split()) >= 2 and not piece.isupper() for piece in pieces
    )  # "JONES LUONG and WEINTHAL": ISO 690's surnames, not an acronym's body


def _names(text: str, tokens: re.Pattern[str]) -> list[str]:
    """The pieces between separators, or none if any is not a name."""
    split = tokens.split(text)
    pieces, separators = split[::2], [t.strip() for t in split[1::2]]
    pieces, separators = _pair_surname_first(pieces, separators)
    names = _join_organisations(pieces, separators)
    return names if all(is_name(name) for name in names) else []


def _full_names(names: list[str]) -> bool:
    """Each a given name and a surname at least, in a person's form, one of
    them known as such (a title's capitalised words have a person's form too)."""
    return all(
        len(name.split()) >= 2 and is_person_form(name) and not is_organisation(name)
        for name in names
    ) and any(
        _known_given_name(name.split()[0]) or _REGIONAL_SURNAME.search(name.split()[-1])
        for name in names
    )


#: a separator between names, kept by ``split`` (not Turkish "ve": titles
#: hold it far more often than pairs of authors do)
_TOKENS = re.compile(rf"(\s*[,&]\s*|\s+(?:{_CONJUNCTIONS})\s+)")
#: and, between words known to be names, Turkish, Azerbaijani, Uzbek,
#: Tajik, Georgian and Armenian "and" as well
_NAMED_TOKENS = re.compile(
    rf"(\s*[,&]\s*|\s+(?:{_CONJUNCTIONS}|ve|və|va|ва|და|և|եւ)\s+)"
)


def _pair_surname_first(
    pieces: list[str], separators: list[str]
) -> tuple[list[str], list[str]]:
    """Join "Bifolchi", "G." into "Bifolchi, G." (the surname-first form)."""
    names: list[str] = []
    joins: list[str] = []
    index = 0
    while index < len(pieces):
        piece = pieces[index].strip()
        following = pieces[index + 1].strip() if index + 1 < len(pieces) else ""
        if (
            following
            and separators[index] == ","
            and (
                (_surname_like(piece) and _given_like(following))
                # ISO 690's "CARRÈRE D’ENCAUSSE, Hélène": a surname in capitals
                or (_capital_surname_words(piece) and _given_like(following))
                # "Tafuro Ambrosetti, E.": two surnames, then initials only
                or (_double_surname(piece) and _initials_only(following))
            )
        ):
            names.append(f"{piece}, {following}")
            index += 2
        else:
            names.append(piece)
            index += 1
        if index - 1 < len(separators) and index <= len(separators):
            joins.append(separators[index - 1])
    return names, joins[: max(len(names) - 1, 0)]


def _join_organisations(pieces: list[str], separators: list[str]) -> list[str]:
    """Rejoin an organisation cut at its own "and" ("Institute for War and Peace").

    A piece with a lower-case word (no particle) is no person's name: joined
    to its neighbour by a word ("and", "e"), the two are one organisation;
    so is one that goes on an institution's name in lower case ("della").
    """
    names: list[str] = []
    for index, piece in enumerate(pieces):
        word_join = index > 0 and separators[index - 1] not in {",", "&"}
        if (
            names
            and word_join
            and (
                _has_lower_word(names[-1])
                or _has_lower_word(piece)
                # "Ministero degli Affari Esteri e della Cooperazione": no name
                # starts with "della" after an institution's
                or (starts_as_institution(names[-1]) and piece[:1].islower())
            )
        ):
            names[-1] = f"{names[-1]} {separators[index - 1]} {piece}"
        else:
            names.append(piece)
    return [name for name in names if name]


def _surname_like(piece: str) -> bool:
    words = piece.split()
    full = [w for w in words if not _particle(w) or _joined_particle(w)]
    return len(full) == 1 and _capitalised(full[0]) and not _INITIALS.match(full[0])


def _capital_surname_words(piece: str) -> bool:
    """ "SCHULZE WESSEL", "JONES LUONG": a surname of one to three words in
    capitals, as ISO 690 writes it before the given name."""
    words = [w for w in piece.split() if not _particle(w)]
    return 1 <= len(words) <= 3 and all(
        len(w) > 1 and w.isupper() and not _INITIALS.match(w) for w in words
    )


def _joined_particle(word: str) -> bool:
    """ "Al-Khalidi", "El-Said": a particle joined to the surname it begins."""
    _head, dash, rest = word.partition("-")
    return bool(dash) and rest[:1].isupper() and len(rest) > 1


def _double_surname(piece: str) -> bool:
    full = [w for w in piece.split() if not _particle(w)]
    return len(full) == 2 and all(
        _capitalised(w) and not _INITIALS.match(w) for w in full
    )


def _initials_only(piece: str) -> bool:
    words = piece.split()
    return bool(words) and all(_INITIALS.match(w) for w in words)


def _given_like(piece: str) -> bool:
    """Initials ("G.", "V.V.") or given names ("Martha Brill") after a surname."""
    words = piece.split()
    if words and all(_INITIALS.match(w) for w in words):
        return True
    given = [w for w in words if not _particle(w)]  # "Marie-Carin von"
    return 1 <= len(given) <= 2 and all(_capitalised(w) for w in given)


def is_name(name: str) -> bool:
    """A person's name or an organisation's: capitalised words, no sentence."""
    if name.startswith("{") and name.endswith("}"):
        return True
    words = name.replace(",", " ").split()
    if not words or len(words) > 10 or name.endswith(("?", "!", ":")):
        return False
    if any(w.endswith(":") or w in {"-", "–", "—"} for w in words):
        return False
    if is_person_form(name):
        return True
    if _INITIALS.match(words[0]) and ends_as_institution(name):
        return True  # "T.C. Dışişleri Bakanlığı": the state's initials first
    return _capitalised(words[0]) and not re.search(r"[.?!]\s", name)


def is_person_form(name: str) -> bool:
    """Initials, particles and capitalised words, two to four of them; the
    Italian "AA.VV." (various authors) stands for persons too."""
    if _VARIOUS.fullmatch(name.strip()):
        return True
    words = name.split()
    if 2 <= len(words) <= 3 and _INITIALS.match(words[0]) and _caseless(words[-1]):
        return True  # "ნ. ბერიძე", "م. کریمی": an initial tells the name
    surname, comma, given = name.partition(",")
    if comma:
        if _double_surname(surname) and _initials_only(given):
            return True
        if _capital_surname_words(surname) and given.strip():
            return _given_like(given.strip())  # ISO 690's "SCHULZE WESSEL, Martin"
        return _surname_like(surname) and all(
            _INITIALS.match(w) or _capitalised(w) for w in given.split()
        )
    words = name.split()
    full = [w for w in words if not _particle(w) and not _INITIALS.match(w)]
    if not full or not 2 <= len(words) <= _LONGEST_NAME + 2:
        return False
    if len(full) > _LONGEST_NAME or (len(words) == len(full) and len(words) < 2):
        return False
    if all(_capitalised(w) and not _is_acronym(w) for w in full):
        return True
    return len(words) >= 2 and _capital_surname(full)


def _capital_surname(full: list[str]) -> bool:
    """ISO 690's "Abel POLESE", "P. SANTORO": the surname in capitals after
    given names or initials (an acronym leads a body's name: "NATO Summit")."""
    capitals = [w for w in full if _is_acronym(w)]
    if len(capitals) != 1 or len(capitals[0].strip(".")) < 3:
        return False
    if capitals[0] != full[-1]:
        return False
    return all(_capitalised(w) for w in full) and not _known_acronym(capitals[0])


def _known_acronym(word: str) -> bool:
    """A word in capitals that no surname has: vowels missing or too few."""
    letters = word.strip(".")
    vowels = sum(c in "AEIOUYАЕЁИОУЫЭЮЯÄÖÜÉÈ" for c in letters.upper())
    return vowels == 0 or (len(letters) <= 3 and vowels < 2)


def _capitalised(word: str) -> bool:
    return bool(_WORD.match(word)) and word[0].isupper()


def _caseless(word: str) -> bool:
    """A word of a script without capitals to tell a name by (Georgian's
    Mkhedruli, Arabic, Persian, Hebrew)."""
    first = word[:1]
    return (
        bool(_WORD.match(word))
        and not first.isascii()
        and (first.lower() == first.upper() or "\u10d0" <= first <= "\u10ff")
    )


def _particle(word: str) -> bool:
    """von, de, al-: nameparser's list of surname prefixes."""
    return word in CONSTANTS.prefixes or word.split("-")[0] in CONSTANTS.prefixes


def is_particle(word: str) -> bool:
    """A surname's particle (von, de, al-), for the other modules."""
    return _particle(word)


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _has_lower_word(name: str) -> bool:
    return any(
        w[0].islower() and not _particle(w) for w in name.split() if w[0].isalpha()
    )


#: the first words of institutions' names in the journal's languages, which
#: no person's name starts with ("Ministero delle Imprese" has a person's form)
_INSTITUTION_HEADS = frozenset((
    "ministry", "ministero", "ministère", "ministerio", "ministerium", "министерство",
    "council", "consiglio", "conseil", "consejo", "совет", "institute", "istituto",
    "institut", "instituto", "институт", "university", "università", "université",
    "universidad", "universität", "университет", "bank", "banca", "banque", "banco",
    "банк", "agency", "agenzia", "agence", "agencia", "агентство", "commission",
    "commissione", "комиссия", "foundation", "fondazione", "fondation", "fundación",
    "stiftung", "фонд", "committee", "comitato", "comité", "комитет", "government",
    "governo", "gouvernement", "gobierno", "правительство", "parliament", "parlamento",
    "parlement", "парламент", "senate", "senato", "sénat", "assembly", "assemblea",
    "assemblée", "asamblea", "ассамблея", "organisation", "organization",
    "organizzazione", "организация", "centre", "center", "centro", "центр",
    "observatory", "osservatorio", "observatoire", "association", "associazione",
    "ассоциация", "department", "dipartimento", "département", "departamento",
    "департамент", "embassy", "ambasciata", "ambassade", "embajada", "посольство",
    "secretariat", "segretariato", "secrétariat", "секретариат", "presidenza",
    "présidence", "presidency", "office", "ufficio", "bureau", "бюро", "federazione",
    "federation", "fédération", "федерация"
))  # fmt: skip


#: the words that end an institution's name where its head noun comes last
#: ("Russian Federation", "Кыргызская Республика", "Auswärtiges Amt", "V-Dem
#: Institute"), and the Turkic possessive heads ("Dışişleri Bakanlığı",
#: "Türkiye İstatistik Kurumu", "Millet Meclisi", "Ұлттық банкі")
_INSTITUTION_TAILS = frozenset((
    *_INSTITUTION_HEADS, "republic", "repubblica", "république", "república",
    "republik", "республика", "республикасы", "amt", "ministerium", "bundesamt",
    "cumhuriyeti", "union", "unione", "союз",
))  # fmt: skip
_TURKIC_HEAD = re.compile(
    r"(?:lığı|liği|luğu|lüğü|kurumu|meclisi|üniversitesi|vakfı|derneği|merkezi|"
    r"enstitüsü|bankası|ajansı|odası|komitesi|лігі|лығы|комитеті|орталығы|"
    r"университеті|банкі)$",
    re.I,
)


#: a headline has this many words at least
_HEADLINE_WORDS = 5


def is_headline(text: str) -> bool:
    """A headline or a sentence, not anybody's name: five words or more, two
    of them lower-case and no particle, no institution's head noun first or
    last ("Лидеры стран ОДКБ собрались в Ереване", "Why Tashkent is courting
    the Gulf monarchies")."""
    words = text.strip("{}").split()
    lower = [w for w in words if w[:1].islower() and not _particle(w)]
    return (
        len(words) >= _HEADLINE_WORDS
        and len(lower) >= 2
        and not (starts_as_institution(text) or ends_as_institution(text))
    )


def ends_as_institution(name: str) -> bool:
    """ "Russian Federation", "T.C. Dışişleri Bakanlığı": an institution's
    head noun last, which no person's name ends with."""
    words = name.strip("{}").split()
    if len(words) < 2:
        return False
    last = words[-1].strip(".,")
    return last.casefold() in _INSTITUTION_TAILS or bool(_TURKIC_HEAD.search(last))


def starts_as_institution(name: str) -> bool:
    """ "Ministero delle Imprese", "Council of Europe": an institution's word first."""
    words = name.strip("{}").split()
    return bool(words) and words[0].casefold() in _INSTITUTION_HEADS


def is_organisation(name: str, context: str = "", url: str = "") -> bool:
    """True when ``name`` names an organisation rather than a person.

    ``context`` is the rest of the source (outlet, publisher), ``url`` its URL.
    """
    bare = name.strip("{}")
    words = bare.split()
    if starts_as_institution(bare) or ends_as_institution(bare):
        return True  # "Ministero delle Imprese", "Russian Federation"
    if "," in bare and is_person_form(bare):
        return False
    if any(_INITIALS.match(w) for w in words) and is_person_form(bare):
        return False
    if _CASELESS.match(bare):
        return not _caseless_person(words)
    if len(words) < 2 or not is_person_form(bare):
        return True  # one word, an acronym, "of", digits, five words and more
    if _named_again(bare, context, url):
        return True
    if _CYRILLIC.search(bare):
        # the libraries below know Latin-script names only; a Russian or
        # Kazakh person named in three words or more has a patronymic
        # ("Иван Иванович Петров"), an institution has none ("Правительство
        # Российской Федерации")
        full = [w for w in words if not _INITIALS.match(w)]
        return len(full) >= 3 and not any(_PATRONYMIC.search(w) for w in full)
    if _known_given_name(words[0]) or _REGIONAL_SURNAME.search(words[-1]):
        return False
    english = english_likeness(bare)
    if _corporate_probability(bare) >= _CORPORATE_LEAD and english >= _ENGLISH:
        return True
    return len(words) >= 3 and english >= _VERY_ENGLISH


def may_be_caseless_name(text: str) -> bool:
    """Two or three words of a script without capitals ("محمدرضا دهقانی",
    "ნიკა ბერიძე"): a name or a short title, which only the form can tell."""
    return bool(_CASELESS.match(text)) and 2 <= len(text.split()) <= 3


def _caseless_person(words: list[str]) -> bool:
    """A person's name in a script without capitals: a Georgian given name and
    surname, a Chinese name of two or three signs that names no body."""
    if len(words) == 1:
        return bool(_CHINESE_NAME.match(words[0])) and not _CHINESE_BODY.search(
            words[0]
        )
    if 2 <= len(words) <= 3 and re.match(r"[\u0600-\u06ff]", words[0]):
        return not any(w in _ARABIC_BODY_WORDS for w in words)
    return 2 <= len(words) <= 3 and bool(_GEORGIAN_SURNAME.search(words[-1]))


#: probablepeople's CRF calls "World Bank" 0.86 corporate, but also "Sergey
#: Lavrov" 0.89: its verdict counts only for words that read as English to
#: lingua ("World Bank" 0.43, "Sergey Lavrov" 0.34, "Giuliano Bifolchi" 0.03)
_CORPORATE_LEAD = 0.5
_ENGLISH = 0.4
#: three English words without a known given name ("Human Rights Watch" 0.59,
#: "Reporters Without Borders" 0.92), which the CRF takes for a person's
_VERY_ENGLISH = 0.55


def _named_again(name: str, context: str, url: str) -> bool:
    """The name stands again as outlet or publisher, or is the URL's domain."""
    if context and _fold(name) in _fold(context):
        return True
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    labels = [label for label in host.split(".")[:-1] if label != "www"]
    if not labels:
        return False
    words = [_fold(w) for w in re.split(r"[\s/\-]+", name) if w]
    initials = "".join(w[0] for w in words if w)
    joined = "".join(words)
    return any(
        label in {initials, joined} or (len(label) > 4 and label in joined)
        for label in labels
    )


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in plain if c.isalnum() or c == " ").strip()


def _known_given_name(word: str) -> bool:
    """probablepeople's name data: mostly used as a first name."""
    upper = word.upper()
    return ratios.get(upper, 0) >= 0.5 or (
        word.lower() in gender_names and ratios.get(upper) is None
    )


@functools.cache
def _corporate_probability(name: str) -> float:
    """probablepeople's CRF: mean probability that the words are a corporation's."""
    tokens = probablepeople.tokenize(name)
    if not tokens:
        return 0.0
    tagger = probablepeople.TAGGER
    tagger.set(probablepeople.tokens2features(tokens))
    labels = [label for label in tagger.labels() if label.startswith(_CORPORATE)]
    total: float = sum(  # probablepeople (its CRF tagger) is untyped
        tagger.marginal(label, index)
        for index in range(len(tokens))
        for label in labels
    )
    return total / len(tokens)


def protect(name: str) -> str:
    """An organisation in braces, a person as written."""
    return name if name.startswith("{") else f"{{{name}}}"


def family_name(name: str) -> str:
    """The surname of a person (as pybtex reads it), an organisation whole.

    For matching "Bifolchi, op. cit." to "Giuliano Bifolchi".
    """
    if name.startswith("{") and name.endswith("}"):
        return name[1:-1]
    surname, comma, given = name.partition(",")
    if comma and all(_INITIALS.match(w) for w in surname.split()):
        return given.strip()  # "К.Л., Сыроежкин": pybtex's order of "Сыроежкин К.Л."
    if comma:
        return surname.strip()
    words = [w for w in name.split() if not _INITIALS.match(w)]
    if not words:
        return name.strip()
    last = [words[-1]]
    for word in reversed(words[:-1]):
        if not _particle(word):
            break
        last.insert(0, word)
    return " ".join(last)
