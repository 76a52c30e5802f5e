"""URL map of the edge: the route table, the API root and the merged API docs."""

from django.templatetags.static import static
from django.urls import path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView

from api.routes import route_patterns
from chassis.docs import RedocView, SwaggerUiView
from chassis.views import ApiRootApi, api_not_found

FAVICON = "drf_spectacular_sidecar/swagger-ui-dist/favicon-32x32.png"

urlpatterns = [
    path(
        "api/",
        ApiRootApi.as_view(links={"users": "/api/users/", "orders": "/api/orders/"}),
        name="api-root",
    ),
    # The strangler fig: each prefix of settings.EDGE_ROUTES, to its service.
    *route_patterns(),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SwaggerUiView.as_view(url_name="schema"), name="docs"),
    path("api/redoc/", RedocView.as_view(url_name="schema"), name="redoc"),
    # Browsers ask every site for /favicon.ico; the docs' own icon answers.
    path("favicon.ico", RedirectView.as_view(url=static(FAVICON)), name="favicon"),
    # Last: any other path under /api gets a JSON 404 rather than an HTML
    # page, /api itself and paths holding a newline (which `.` alone does
    # not match) included.
    re_path(r"^api(?:/[\s\S]*)?\Z", api_not_found, name="api-not-found"),
]
