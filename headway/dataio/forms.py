"""The upload forms: the file, and whether a portfolio file is a correction."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from headway.dataio import limits


class UploadForm(forms.Form):
    file = forms.FileField(
        error_messages={
            "required": "Choose the file to import",
            "empty": "The file is empty. Choose the file you filled in",
            "invalid": "Choose the file to import",
        }
    )

    def clean_file(self) -> Any:
        file = self.cleaned_data["file"]
        if not file.name.casefold().endswith((".xlsx", ".csv")):
            raise ValidationError("The file must be an Excel workbook (.xlsx) or a CSV file (.csv)")
        if file.size > limits.MAX_BYTES:
            raise ValidationError(
                f"The file is {limits.megabytes(file.size)}: it must be smaller than "
                f"{limits.megabytes(limits.MAX_BYTES)}. Split it into smaller files"
            )
        return file


class PortfolioUploadForm(UploadForm):
    correction = forms.BooleanField(required=False)
