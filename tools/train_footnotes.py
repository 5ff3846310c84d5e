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
"""

from __future__ import annotations

import sys
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


def examples() -> tuple[list[tuple[str, list[str]]], list[str]]:
    """(text, labels) of every source the corpora's cases give, and the skipped."""
    found: list[tuple[str, list[str]]] = []
    skipped: list[str] = []
    for name in TRAINING:
        for case in yaml.safe_load((CORPUS / name).read_text(encoding="utf-8")):
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


def main() -> int:
    found, skipped = examples()
    trainer = pycrfsuite.Trainer(verbose=False)
    form_words: set[str] = set()
    for text, labels in found:
        tokens = tokenize(text)
        trainer.append(features(text, tokens), labels)
        form_words.update(
            t.text
            for t, label in zip(tokens, labels, strict=True)
            if label == "O" and t.text.isalpha()
        )
    trainer.set_params(PARAMETERS)
    MODEL.parent.mkdir(exist_ok=True)
    trainer.train(str(MODEL))
    FORM_WORDS.write_text("\n".join(sorted(form_words)) + "\n", encoding="utf-8")
    print(f"trained on {len(found)} sources; {len(skipped)} not aligned:")
    for text in skipped:
        print("  ", text[:100])
    return 0


if __name__ == "__main__":
    sys.exit(main())
