"""The API's request parser: JSON, with text cleaned as every way into Headway cleans it."""

from __future__ import annotations

from typing import Any

from rest_framework.parsers import JSONParser

from headway.lib.text import clean_data


class CleanJSONParser(JSONParser):
    """DRF's JSON parser, then ``clean_data``: no bidirectional controls reach a serializer."""

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        return clean_data(super().parse(stream, media_type, parser_context))
