"""ROR IDs (Research Organization Registry) of affiliations, checked.

A ROR ID is ``0``, six characters of Crockford's base32 and two check
digits: ``https://ror.org/01111rn36``. The check digits are ISO 7064
MOD 97-10 over the number the first seven characters write in base32
(ROR's own generator: ``98 - (n * 100 % 97)``). python-stdnum has the MOD
97-10 algorithm (used here) but no ROR module, and its MOD 97-10 reads
letters as base 36, not as Crockford's base32: the decoding is written here.
"""

from __future__ import annotations

import re

from stdnum.iso7064 import mod_97_10

from .errors import shown

#: Crockford's base32 alphabet (no I, L, O or U), in value order.
_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
#: A ROR ID, bare or as its URL (``ror.org/``, ``https://ror.org/``).
_ROR = re.compile(
    r"^(?:https?://)?(?:(?:www\.)?ror\.org/)?(0[0-9a-hjkmnp-tv-z]{6})(\d{2})/?$",
    re.IGNORECASE,
)
#: ROR's own example: the University of Bologna's, as the messages show it.
EXAMPLE = "ror: https://ror.org/01111rn36"
RESOLVER = "https://ror.org/"


def _number(base32: str) -> int:
    """The number Crockford's base32 ``base32`` writes."""
    value = 0
    for char in base32.lower():
        value = value * 32 + _CROCKFORD.index(char)
    return value


def check_digits(base: str) -> str:
    """The two check digits of the seven characters ``base`` (``01111rn``)."""
    return mod_97_10.calc_check_digits(str(_number(base)))


def normalize(value: str) -> str:
    """The ROR ID alone (``01111rn36``), lower case, of an ID written bare or
    as its URL; ValueError saying what is wrong when its form or check digits
    are not a ROR ID's."""
    text = value.strip()
    match = _ROR.match(text)
    if match is None:
        msg = (
            f"{shown(text)} is not a ROR ID: write the organisation's ID as ror.org "
            f"shows it, '0', six letters or digits and two check digits, e.g. "
            f"{EXAMPLE}"
        )
        raise ValueError(msg)
    base, digits = match.group(1).lower(), match.group(2)
    if not mod_97_10.is_valid(str(_number(base)) + digits):
        msg = (
            f"{shown(text)} has wrong check digits (a character is mistyped): "
            "copy the ID from the organisation's page on ror.org"
        )
        raise ValueError(msg)
    return base + digits


def url(ror: str) -> str:
    """``https://ror.org/01111rn36``, or ``""``."""
    return f"{RESOLVER}{ror}" if ror else ""
