"""Workbooks crafted to attack the server through XML entities are refused before they are
parsed, and openpyxl parses through defusedxml should anything get past that check."""

from __future__ import annotations

import io

import pytest
from defusedxml import DefusedXmlException

from headway.dataio.imports import run_import
from headway.dataio.problems import FileRefused
from headway.strategy.models import Initiative
from tests.dataio.conftest import portfolio_file
from tests.dataio.files import HEADER, replace_part, sheet_xml, xlsx

pytestmark = pytest.mark.django_db

SHEET = "xl/worksheets/sheet1.xml"
LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    )
    + "]>"
)
EXTERNAL = '<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'


def _bomb() -> bytes:
    return replace_part(xlsx([]), SHEET, sheet_xml([HEADER, ["&lol9;"]], prolog=LAUGHS))


def _external_entity() -> bytes:
    return replace_part(xlsx([]), SHEET, sheet_xml([HEADER, ["&secret;"]], prolog=EXTERNAL))


@pytest.mark.parametrize("crafted", [_bomb, _external_entity])
def test_an_entity_attack_is_refused_and_changes_nothing(ready, as_admin, crafted):
    with pytest.raises(FileRefused) as refused:
        run_import(portfolio_file(ready, crafted(), by=as_admin))
    assert "XML entity or document type declarations" in str(refused.value)
    assert not Initiative.objects.exists()


def test_openpyxl_parses_through_defusedxml():
    import openpyxl

    assert openpyxl.DEFUSEDXML, "defusedxml must be installed for openpyxl to use it"
    with pytest.raises(ValueError) as refused:
        openpyxl.load_workbook(io.BytesIO(_bomb()), read_only=True)
    # openpyxl wraps defusedxml's refusal of the entities in its own error.
    assert isinstance(refused.value.__cause__, DefusedXmlException)


def test_an_entity_attack_the_first_check_cannot_see_is_still_refused(ready, as_admin):
    # Written in UTF-16 the declaration is not the bytes the first check looks for;
    # openpyxl's parser, through defusedxml, refuses it instead.
    text = sheet_xml([HEADER, ["&lol9;"]], prolog=LAUGHS).decode()
    utf16 = text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    with pytest.raises(FileRefused) as refused:
        run_import(portfolio_file(ready, replace_part(xlsx([]), SHEET, utf16), by=as_admin))
    assert "could not be read" in str(refused.value) or "damaged" in str(refused.value)
    assert not Initiative.objects.exists()


def test_a_zip_bomb_is_refused(ready, as_admin, monkeypatch):
    from headway.dataio import limits

    monkeypatch.setattr(limits, "MAX_UNZIPPED_BYTES", 200_000)
    rows = [[f"R-{n}", "x" * 100] for n in range(2_000)]
    data = replace_part(xlsx([]), SHEET, sheet_xml([HEADER, *rows]))
    assert len(data) < 100_000
    with pytest.raises(FileRefused) as refused:
        run_import(portfolio_file(ready, data, by=as_admin))
    assert "unpacks to more than" in str(refused.value)
