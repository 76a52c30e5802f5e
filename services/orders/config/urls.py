"""URL map of the orders service: its API, its OpenAPI docs and its admin."""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView

from chassis.docs import RedocView, SwaggerUiView
from chassis.views import ApiRootApi, api_not_found

FAVICON = "drf_spectacular_sidecar/swagger-ui-dist/favicon-32x32.png"

urlpatterns = [
    path(
        "api/",
        ApiRootApi.as_view(links={"orders": "orders:list"}),
        name="api-root",
    ),
    path("api/orders/", include("orders.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SwaggerUiView.as_view(url_name="schema"), name="docs"),
    path("api/redoc/", RedocView.as_view(url_name="schema"), name="redoc"),
    path("admin/", admin.site.urls),
    path("favicon.ico", RedirectView.as_view(url=static(FAVICON)), name="favicon"),
    re_path(r"^api(?:/[\s\S]*)?\Z", api_not_found, name="api-not-found"),
    re_path(r"^internal(?:/[\s\S]*)?\Z", api_not_found, name="internal-not-found"),
]
