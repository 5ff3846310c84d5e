"""The journal's licence: one setting, read and checked once (model/licence.py).

What each output makes of it is tested with that output; here, what the
setting accepts and what it refuses, at conf.py's line.
"""

from __future__ import annotations

import pytest

from georeport.model import Journal, MetadataError
from georeport.model.licence import KNOWN, licence


def journal(**settings: str) -> Journal:
    base = {
        "georeport_journal_title": "Journal",
        "georeport_issn": "2785-2598",
        "georeport_publisher": "Publisher",
    }
    return Journal.from_settings(base | settings)


@pytest.mark.parametrize("spdx", sorted(KNOWN))
def test_each_creative_commons_licence_is_known(spdx: str) -> None:
    found = journal(georeport_license=spdx).licence
    assert found is not None
    assert found.spdx == spdx
    assert found.url.startswith("https://creativecommons.org/")
    assert found.name.startswith("CC")


def test_an_identifier_in_other_case_is_the_licence() -> None:
    found = licence("cc-by-4.0")
    assert found is not None
    assert (found.spdx, found.name) == ("CC-BY-4.0", "CC BY 4.0")
    assert found.url == "https://creativecommons.org/licenses/by/4.0/"


def test_no_setting_no_licence() -> None:
    assert journal().licence is None


def test_another_licence_needs_its_address() -> None:
    with pytest.raises(MetadataError, match=r"^georeport_license: 'MIT' .*license_url"):
        journal(georeport_license="MIT")
    found = journal(
        georeport_license="LicenseRef-Journal",
        georeport_license_url="https://example.org/licence",
    ).licence
    assert found is not None
    assert (found.spdx, found.url) == (
        "LicenseRef-Journal",
        "https://example.org/licence",
    )


@pytest.mark.parametrize(
    ("settings", "setting", "says"),
    [
        ({"georeport_license": "CC BY 4.0"}, "georeport_license", "no SPDX"),
        ({"georeport_license_url": "https://x.org/l"}, "georeport_license_url", "too"),
    ],
)
def test_a_bad_setting_names_itself(
    settings: dict[str, str], setting: str, says: str
) -> None:
    with pytest.raises(MetadataError) as raised:
        journal(**settings)
    message = str(raised.value)
    assert message.startswith(f"{setting}: ") and says in message
