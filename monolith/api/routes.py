"""The URL patterns of the route table: one per prefix, all to the one proxy."""

from django.conf import settings
from django.urls import URLPattern, re_path

from api.proxy import forward


def route_patterns() -> list[URLPattern]:
    """Return a pattern per settings.EDGE_ROUTES prefix, for it and all below it.

    A path holding a newline is forwarded too (which `.` alone would not
    match), and the service answers it.
    """
    return [
        re_path(
            rf"^{prefix.strip('/')}(?:/[\s\S]*)?\Z",
            forward,
            kwargs={"prefix": prefix},
            name=f"route-{prefix.strip('/').replace('/', '-')}",
        )
        for prefix in settings.EDGE_ROUTES
    ]
