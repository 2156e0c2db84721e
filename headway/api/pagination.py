"""Lists come a page at a time: ``?page=2&page_size=100`` (at most 200 to a page: a larger
``page_size`` gives 200).

Both are whole numbers from 1, as the document says: anything else (``page_size=null``,
``page=0``, ``page=last``) is refused with 400 rather than quietly read as the default.
"""

from __future__ import annotations

import re
from typing import Any

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

WHOLE_NUMBER = re.compile(r"[1-9][0-9]{0,17}")


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    last_page_strings = ()

    def paginate_queryset(
        self, queryset: Any, request: Request, view: Any = None
    ) -> list[Any] | None:
        errors = {
            name: ["Enter a whole number from 1."]
            for name in (self.page_query_param, self.page_size_query_param)
            if name in request.query_params
            and not WHOLE_NUMBER.fullmatch(request.query_params[name])
        }
        if errors:
            raise ValidationError(errors)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": 10**18 - 1}
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = (
                    f"How many results to a page: {self.page_size} unless you say, "
                    f"{self.max_page_size} at most (a larger number gives {self.max_page_size})."
                )
        return parameters
