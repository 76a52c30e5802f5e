"""URL map of the monolith: the public API, its OpenAPI docs and the admin."""

from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerView,
)

from api.views import ApiRootApi, api_not_found

urlpatterns = [
    path("api/", ApiRootApi.as_view(), name="api-root"),
    path("api/users/", include("users.urls")),
    path("api/orders/", include("orders.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
    path("admin/", admin.site.urls),
    # Last: any other path under /api gets a JSON 404 rather than an HTML page,
    # /api itself and paths holding a newline (which `.` alone does not match)
    # included.
    re_path(r"^api(?:/[\s\S]*)?\Z", api_not_found, name="api-not-found"),
]
