"""``headway export`` writes the same files as the pages' download links."""

from __future__ import annotations

import io
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def test_it_writes_the_portfolio(ready, service, tmp_path: Path):
    InitiativeFactory.create(organisation=ready, service=service, external_reference="FIN-1")
    out = tmp_path / "portfolio.xlsx"
    call_command("export", "portfolio", "--format", "xlsx", "--out", str(out), stderr=StringIO())
    workbook = load_workbook(io.BytesIO(out.read_bytes()))
    assert workbook["Initiatives"]["A2"].value == "FIN-1"


def test_it_writes_csv_to_standard_output(ready, service, capfdbinary):
    InitiativeFactory.create(organisation=ready, service=service, external_reference="FIN-1")
    call_command("export", "portfolio", "--format", "csv")
    output = capfdbinary.readouterr().out.decode("utf-8-sig")
    assert output.splitlines()[1].startswith("FIN-1,")
