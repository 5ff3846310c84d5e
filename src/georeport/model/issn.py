"""ISSN parsing and check digit (ISO 3297).

An ISSN is ``NNNN-NNNC``: seven digits weighted 8 down to 2, summed, and the
check character ``C`` is ``11 - sum mod 11`` (``0`` for 11, ``X`` for 10).
No library on PyPI that the project already depends on does this, and the
rule is eight lines, so it lives here.
"""

from __future__ import annotations

import re

_FORM = re.compile(r"^(\d{4})-(\d{3})([\dX])$")


def check_digit(digits: str) -> str:
    """Return the check character for the first seven ``digits``."""
    total = sum(int(d) * w for d, w in zip(digits, range(8, 1, -1), strict=True))
    value = (11 - total % 11) % 11
    return "X" if value == 10 else str(value)


def validate_issn(value: str) -> str:
    """Return ``value`` if it is a valid ISSN, else raise :class:`ValueError`.

    The message says what is wrong and, for a bad check digit, what it
    should be, so that an editor can fix a typo without a calculator.
    """
    match = _FORM.match(value.strip())
    if match is None:
        msg = (
            f"invalid ISSN {value!r}: an ISSN is written NNNN-NNNC "
            "(eight characters, a hyphen in the middle, the last one a digit or X)"
        )
        raise ValueError(msg)
    digits = match.group(1) + match.group(2)
    expected = check_digit(digits)
    if match.group(3) != expected:
        msg = (
            f"invalid ISSN {value!r}: its check digit is {match.group(3)!r} "
            f"but should be {expected!r} ({digits[:4]}-{digits[4:]}{expected})"
            " - check the number against the journal's ISSN record"
        )
        raise ValueError(msg)
    return value.strip()
