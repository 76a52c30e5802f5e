"""Page-number pagination used by every list endpoint of the public API."""

from typing import TypeVar

from django.db.models import Model, QuerySet
from rest_framework import pagination, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

M = TypeVar("M", bound=Model)


class PageNumberPagination(pagination.PageNumberPagination):
    """DRF page-number pagination with a client-chosen page size up to 100."""

    page_size_query_param = "page_size"
    max_page_size = 100


def paginated_response(
    *,
    queryset: QuerySet[M],
    serializer_class: type[serializers.BaseSerializer[M]],
    request: Request,
    view: APIView,
) -> Response:
    """Render one page of a queryset as `{count, next, previous, results}`."""
    paginator = PageNumberPagination()
    page = paginator.paginate_queryset(queryset, request, view=view)
    # The stubs type a serializer's instance as one object; many=True takes a list.
    serializer = serializer_class(page, many=True)  # type: ignore[arg-type]
    return paginator.get_paginated_response(serializer.data)
