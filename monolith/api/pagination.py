"""Page-number pagination used by every list endpoint of the public API."""

from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """DRF page-number pagination with a client-chosen page size up to 100."""

    page_size_query_param = "page_size"
    max_page_size = 100
