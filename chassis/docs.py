"""The API documentation pages, locked to this server by a Content-Security-Policy.

Swagger UI and ReDoc are served from drf-spectacular-sidecar, but the ReDoc
bundle still asks a CDN for a logo. The policy below makes the browser refuse
any request to another host, whatever the bundles contain, so the pages work
offline and tell no third party who reads them.
"""

from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        # Both UIs draw some icons and fonts as data: URLs.
        "img-src 'self' data:",
        "font-src 'self' data:",
        # Both UIs set styles at run time.
        "style-src 'self' 'unsafe-inline'",
        # ReDoc runs its search index in a worker started from a blob: URL.
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMixin(APIView):
    """Send `CONTENT_SECURITY_POLICY` with every answer of the view."""

    def finalize_response(
        self, request: Request, response: Response, *args: object, **kwargs: object
    ) -> Response:
        """Add the policy header to the finished response."""
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        return response


class SwaggerUiView(ContentSecurityPolicyMixin, SpectacularSwaggerSplitView):
    """Swagger UI, with its start-up script served as a file rather than inline."""


class RedocView(ContentSecurityPolicyMixin, SpectacularRedocView):
    """ReDoc."""
