"""The words that name a kind of work, in the languages the journal's sources
are written in: a thesis, a conference, a dataset, a treaty series.

Both readers (:mod:`.footnotes`, :mod:`.labelled`) and the plausibility score
(:mod:`.plausibility`) ask these, so that a word learnt for one of them (the
Turkish "doktora tezi", the Ukrainian "дисертація") serves all three.
"""

# The patterns hold Cyrillic and Turkish letters on purpose.
# ruff: noqa: RUF001, RUF002, RUF003

from __future__ import annotations

import re

#: a doctoral thesis: "PhD diss.", "tesi di dottorato", "doktora tezi",
#: "дис. … канд. наук" (a candidate's degree is a doctorate's first step)
_PHD = (
    r"Ph\.?\s?D\.?|doctoral|doctorate|dottorato|doctorat|doktora|"
    r"кандидатск\w*|докторск\w*|канд\.|докт\.|falsafa\s+doktori|fəlsəfə\s+doktoru|"
    r"رساله\s+دکتری|أطروحة\s+دكتوراه"
)
#: a master's thesis; "MA" and "MSc" only decide which, once a thesis is named
#: ("Cambridge, MA" is no thesis)
_MASTER_ALONE = (
    r"laurea|magistrale|Masterarbeit|Magisterarbeit|yüksek\s+lisans|"
    r"mémoire\s+de\s+(?:master|maîtrise|DEA)|магистерск\w*|магістерськ\w*|"
    # "magistr dissertasiyası", "magistrlik": not "magistratura", "магистраль"
    r"magistr(?:lik)?|магистр(?:лік|лик)?|"
    r"پایان[\u200c\s]?نامه\s+کارشناسی\s+ارشد|رسالة\s+ماجستير"
)
_MASTER = rf"{_MASTER_ALONE}|master['’]?s?|M\.?A\.?|M\.?Sc\.?|MPhil"
#: a thesis of either degree
_ANY = (
    r"thesis|dissertation|diss\.|tesi|thèse|tezi|диссертац\w*|дисертац\w*|дис\.|"
    r"dissertatsiya\w*|dissertasiya\w*|ատենախոսություն|დისერტაცია|"
    r"پایان[\u200c\s]?نامه|أطروحة|رسالة\s+ماجستير"  # not "رساله" alone, a letter too
)
#: a word of ``_ANY`` ends where a letter does not follow ("diss.,")
THESIS = re.compile(
    rf"(?<!\w)(?:{_ANY}|{_PHD}|{_MASTER_ALONE})(?!\w)",
    re.I,
)
_MASTER_WORD = re.compile(rf"(?<!\w)(?:{_MASTER})(?!\w)", re.I)
#: a degree named beside the thesis: "PhD", "tesi di laurea", "magistr"
_DEGREE = re.compile(rf"(?<!\w)(?:{_PHD}|{_MASTER})(?!\w)", re.I)


def names_a_thesis(words: str) -> bool:
    """Words that say what a thesis is ("PhD thesis", "magistr
    dissertasiyası", "yüksek lisans tezi"), not a title that holds the word
    ("The Rentier Thesis Revisited"): a degree is named, or only lower-case
    words stand before the thesis word."""
    found = THESIS.search(words)
    if found is None or len(words.split()) > 12:
        return False
    if re.search(r"[^\W\d_]{3}[.!?]\s", words[: found.start()]):
        return False  # a sentence of the title's before it
    before = words[: found.start()].split()
    return bool(_DEGREE.search(words)) or all(w[:1].islower() for w in before)


def thesis_kind(text: str) -> str:
    """``mastersthesis`` or ``phdthesis`` where the words name a thesis, else
    the empty string."""
    if not THESIS.search(text):
        return ""
    return "mastersthesis" if _MASTER_WORD.search(text) else "phdthesis"


#: a conference, its paper or its proceedings: "paper presented at",
#: "convegno", "Kongresi Bildiri Kitabı", "конференция", "colloque"
CONFERENCE = re.compile(
    r"\b(?:paper\s+presented|presented\s+at|proceedings|paper\s+presentation|"
    r"conference|convention|convegno|congress\w*|symposium|workshop|colloque|"
    r"conferenza|congresso|simposio|Tagung|Konferenz|kongre\w*|sempozyum\w*|"
    r"bildiri\w*|konferans\w*|seminario|seminar|tavola\s+rotonda|round\s*table|"
    r"konferenc\w*|doklad\s+na)\b|конф\.|конференц\w*|симпозиум\w*|конгрес\w*",
    re.I,
)
#: a dataset or a database, as each habit names it: "[Data set]", "banca
#: dati", "база данных", "veri tabanı"
DATASET = re.compile(
    r"\b(?:data\s?sets?|data\s?bases?|banca\s+dati|base\s+de\s+données|"
    r"Datensatz|Datenbank|veri\s+(?:seti|tabanı))\b|баз[аы]\s+данных|"
    r"набор\s+данных|деректер\s+қоры|база\s+даних",
    re.I,
)
#: a series that prints treaties: "173 L.N.T.S. 213", "United Nations Treaty
#: Series", "CETS No. 210"
TREATY_SERIES = re.compile(
    r"^(?:U\.?N\.?T\.?S\.?|L\.?N\.?T\.?S\.?|C?ETS|(?:United\s+Nations\s+|League\s+of\s+"
    r"Nations\s+|Council\s+of\s+Europe\s+)?Treaty\s+Series)$",
    re.I,
)
#: a press release, as each habit names it
PRESS_RELEASE = re.compile(
    r"\b(?:press\s+release|media\s+(?:note|release)|comunicato(?:\s+stampa)?|"
    r"nota\s+stampa|communiqué(?:\s+de\s+presse)?|Pressemitteilung|"
    r"basın\s+(?:açıklaması|bülteni)|matbuot\s+xabari|mətbuat\s+(?:relizi|"
    r"açıqlaması)|пресс-релиз|прес-реліз|баспасөз\s+релизі)\b|პრესრელიზი|"
    r"მედიის\s+რელიზი|մամուլի\s+հաղորդագրություն|بیانیه\s+مطبوعاتی|بيان\s+صحفي",
    re.I,
)

#: the words of a report's series in the journal's languages
REPORT_SERIES = re.compile(
    r"\b(?:reports?|papers?|briefs?|briefing|dossier|memo(?:randum)?|cable|studies|update|"
    r"series|note|analysis|analisi|rapporto|quaderni?|studi|focus|informe|"
    r"documento|étude|rapport|bericht|studie|arbeitspapier)\b|доклад|записка",
    re.I,
)
#: a legal act or a treaty, by the word that names it
LEGAL_ACT = re.compile(
    r"\b(?:law|legge|loi|gesetz|kanun\w*|decree|decreto|décret|constitution\w*|"
    r"costituzione|anayasa\w*|treaty|trattato|traité|agreement|accordo|accord|"
    r"convention|convenzione|charter|carta|code|codice|regulation|regolamento|"
    r"declaration|dichiarazione|memorandum|protocol|protocollo|resolution|"
    r"risoluzione|decision|decisione|décision|directive|direttiva|richtlinie|"
    r"verordnung)\b|закон\w*|указ\w*|конституц\w*|договор\w*|соглашени\w*|"
    r"конвенци\w*|устав\w*|кодекс\w*|декларац\w*|постановлени\w*|резолюц\w*|"
    r"решени\w*|директив\w*",
    re.I,
)
#: a book that is a conference's proceedings
PROCEEDINGS = re.compile(
    r"^(?:the\s+)?(?:proceedings|atti\b|actes\b|tagungsband|материалы|труды|"
    r"сборник\s+(?:тезисов|докладов|материалов))",
    re.I,
)
