"""Train the footnote labeller (georeport.importer.labeller) from the corpora.

    python -m tools.train_footnotes

Reads the development corpora only (tests/data/footnotes/dev.yaml and
styles-dev.yaml; never heldout.yaml or styles-setaside.yaml), finds each
expected field's words in its footnote (labeller.align), trains CRFsuite and
writes src/georeport/importer/data/footnotes.crfsuite, with form-words.txt
beside it: the words the corpus leaves in no field ("vol.", "pp.", "In:"),
as written ("and", not "aND"), which the importer may drop without losing a
fact. Run it again after changing the corpora or the labeller's features,
and commit both files.

    python -m tools.train_footnotes --folds 5

cross-validates instead (writes nothing): the development cases are dealt
into five folds, a model trained on four reads the fifth, and the fields
right are printed per style (``dev.yaml``'s cases as "dev"). Features,
parameters and rules are chosen by this score, never by the set-aside one.
"""

from __future__ import annotations

import importlib
import re
import sys
import tempfile
from pathlib import Path

import pycrfsuite
import yaml

from georeport.importer.backrefs import read_back_reference
from georeport.importer.footnotes import split_lead, split_sources
from georeport.importer.identifiers import take_identifiers
from georeport.importer.labelled import FORM_WORDS
from georeport.importer.labeller import MODEL, align, features, tokenize

CORPUS = Path(__file__).parent.parent / "tests" / "data" / "footnotes"
TRAINING = ("dev.yaml", "styles-dev.yaml")
#: CRFsuite's L-BFGS with elastic-net regularisation
PARAMETERS = {"c1": 0.05, "c2": 0.01, "max_iterations": 300}


def cases() -> list[dict]:
    """The development corpora's cases, in order."""
    found: list[dict] = []
    for name in TRAINING:
        found += yaml.safe_load((CORPUS / name).read_text(encoding="utf-8"))
    return found


def examples(
    chosen: list[dict] | None = None,
) -> tuple[list[tuple[str, list[str]]], list[str]]:
    """(text, labels) of every source the cases give (all the development
    corpora's by default), and the skipped."""
    found: list[tuple[str, list[str]]] = []
    skipped: list[str] = []
    for case in cases() if chosen is None else chosen:
        parts = split_sources(case["text"])
        if len(parts) != len(case["sources"]):
            skipped.append(case["text"])
            continue
        for part, expected in zip(parts, case["sources"], strict=True):
            if read_back_reference(part) or expected.get("back_reference"):
                continue
            ids = take_identifiers(split_lead(" ".join(part.split()))[1])
            if expected.get("note") in ids.notes:  # an invalid ISBN, not words
                expected = {k: v for k, v in expected.items() if k != "note"}
            text = ids.rest
            labels = align(text, expected)
            if labels is None:
                skipped.append(part)
                continue
            found.append((text, labels))
    return found, skipped


def train(
    found: list[tuple[str, list[str]]], model: Path, form_words_file: Path
) -> None:
    """A model (and its form words) from ``found``."""
    trainer = pycrfsuite.Trainer(verbose=False)
    form_words: set[str] = set()
    for text, labels in found:
        tokens = tokenize(text)
        trainer.append(features(text, tokens), labels)
        form_words.update(
            t.text
            for t, label in zip(tokens, labels, strict=True)
            if label == "O" and re.sub(r"['\u2019-]", "", t.text).isalpha()
        )
    trainer.set_params(PARAMETERS)
    model.parent.mkdir(exist_ok=True)
    trainer.train(str(model))
    form_words_file.write_text("\n".join(sorted(form_words)) + "\n", encoding="utf-8")


def cross_validate(folds: int) -> int:
    """Fields right per style, each fold read by a model trained on the others."""
    from georeport.importer import labelled, labeller

    # the tests' own scoring, so that both count fields alike
    score = importlib.import_module("tests.test_importer_corpus").score

    every = cases()
    right: dict[str, int] = {}
    total: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as folder:
        for fold in range(folds):
            held = [c for i, c in enumerate(every) if i % folds == fold]
            kept = [c for i, c in enumerate(every) if i % folds != fold]
            model = Path(folder) / f"fold{fold}.crfsuite"
            words = Path(folder) / f"fold{fold}.txt"
            train(examples(kept)[0], model, words)
            labeller.MODEL, labelled.FORM_WORDS = model, words
            labeller._tagger.cache_clear()
            labelled._form_words.cache_clear()
            for case in held:
                style = case.get("style", "dev")
                got, counted, _errors = score([case])
                right[style] = right.get(style, 0) + got
                total[style] = total.get(style, 0) + counted
    for style in sorted(total):
        print(f"{style:10} {right[style] / total[style]:6.1%} ({total[style]})")
    whole = sum(right.values()) / sum(total.values())
    styled = [s for s in total if s != "dev"]
    styles = sum(right[s] for s in styled) / sum(total[s] for s in styled)
    print(f"{'styles':10} {styles:6.1%}\n{'all':10} {whole:6.1%}")
    return 0


def main() -> int:
    if sys.argv[1:2] == ["--folds"]:
        return cross_validate(int(sys.argv[2]))
    found, skipped = examples()
    train(found, MODEL, FORM_WORDS)
    print(f"trained on {len(found)} sources; {len(skipped)} not aligned:")
    for text in skipped:
        print("  ", text[:100])
    return 0


if __name__ == "__main__":
    sys.exit(main())
