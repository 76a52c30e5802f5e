"""URL map of the monolith: the public API, its OpenAPI docs and the admin."""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView

from api.events import EventReceiveApi
from api.proxy import users_proxy
from api.views import ApiRootApi
from chassis.docs import RedocView, SwaggerUiView
from chassis.views import api_not_found

FAVICON = "drf_spectacular_sidecar/swagger-ui-dist/favicon-32x32.png"

urlpatterns = [
    path("api/", ApiRootApi.as_view(), name="api-root"),
    # The strangler fig: the users service answers /api/users and below.
    re_path(r"^api/users(?:/[\s\S]*)?\Z", users_proxy, name="users-proxy"),
    path("api/orders/", include("orders.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SwaggerUiView.as_view(url_name="schema"), name="docs"),
    path("api/redoc/", RedocView.as_view(url_name="schema"), name="redoc"),
    path("admin/", admin.site.urls),
    # Not public: other services push events here with the shared secret.
    path("internal/events/", EventReceiveApi.as_view(), name="internal-events"),
    # Browsers ask every site for /favicon.ico; the docs' own icon answers.
    path("favicon.ico", RedirectView.as_view(url=static(FAVICON)), name="favicon"),
    # Last: any other path under /api or /internal gets a JSON 404 rather than
    # an HTML page, /api itself and paths holding a newline (which `.` alone
    # does not match) included.
    re_path(r"^api(?:/[\s\S]*)?\Z", api_not_found, name="api-not-found"),
    re_path(r"^internal(?:/[\s\S]*)?\Z", api_not_found, name="internal-not-found"),
]
