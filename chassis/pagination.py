"""Page-number pagination used by every list endpoint of the public API."""

import re
from collections.abc import Callable
from typing import TypeVar

from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from rest_framework import pagination, serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

M = TypeVar("M", bound=Model)

# At most 18 digits: any page number beyond is past the end of any list, and
# Python refuses to read more than 4300 digits as an int.
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,17}", re.ASCII)
MAX_PAGE_SIZE = 100


class PageNumberPagination(pagination.PageNumberPagination):
    """DRF page-number pagination with a client-chosen page size up to 100.

    A page number is a whole number from 1 written in ASCII digits; anything
    else ("0", "abc", "last", "+1") names no page and is a 404, like a page past
    the end. The page size keeps DRF's forgiving rule, which the schema states.
    """

    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    last_page_strings = ()

    def get_page_number(self, request: Request, paginator: Paginator) -> int:
        """Read the page number, refusing any spelling but plain digits."""
        raw = request.query_params.get(self.page_query_param)
        if raw is None:
            return 1
        if not PAGE_NUMBER.fullmatch(raw):
            raise NotFound(self.invalid_page_message)
        return int(raw)

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, object]]:
        """Describe `page` and `page_size` exactly as they are read."""
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "A page number from 1; a page past the end is a 404.",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": (
                    f"Results per page, from 1 to {MAX_PAGE_SIZE} (a larger number "
                    f"gives {MAX_PAGE_SIZE}). A value that is not a positive whole "
                    f"number is ignored and the default of {self.page_size} applies."
                ),
                "schema": {"type": "string", "example": str(MAX_PAGE_SIZE)},
            },
        ]


def paginated_response(
    *,
    queryset: QuerySet[M],
    serializer_class: type[serializers.BaseSerializer[M]],
    request: Request,
    view: APIView,
    context: Callable[[list[M]], dict[str, object]] | None = None,
) -> Response:
    """Render one page of a queryset as `{count, next, previous, results}`.

    `context`, given the page's items, returns the serializer context they
    need: data other apps hold, fetched once per page rather than per item.
    """
    paginator = PageNumberPagination()
    page = paginator.paginate_queryset(queryset, request, view=view) or []
    extra = context(page) if context else {}
    # The stubs type a serializer's instance as one object; many=True takes a list.
    serializer = serializer_class(page, many=True, context=extra)  # type: ignore[arg-type]
    return paginator.get_paginated_response(serializer.data)
