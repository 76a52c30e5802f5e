"""URL map of the users service: its API and docs, its admin, its changes feed."""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView

from chassis.docs import RedocView, SwaggerUiView
from chassis.views import ApiRootApi, api_not_found
from users.feed import UserChangesApi
from users.reservations import RESERVATION_KEY, ReservationApi, ReservationStepApi

FAVICON = "drf_spectacular_sidecar/swagger-ui-dist/favicon-32x32.png"

urlpatterns = [
    path(
        "api/",
        ApiRootApi.as_view(links={"users": "users:list"}),
        name="api-root",
    ),
    path("api/users/", include("users.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SwaggerUiView.as_view(url_name="schema"), name="docs"),
    path("api/redoc/", RedocView.as_view(url_name="schema"), name="redoc"),
    path("admin/", admin.site.urls),
    # Not public: orders pulls users' changes from here (docs/04-celery-sync.md).
    path("internal/changes/", UserChangesApi.as_view(), name="internal-changes"),
    # Not public: the orders saga's credit steps (docs/05-consistency.md).
    re_path(
        rf"^internal/credit/reservations/(?P<key>{RESERVATION_KEY})/\Z",
        ReservationApi.as_view(),
        name="internal-reservation",
    ),
    re_path(
        rf"^internal/credit/reservations/(?P<key>{RESERVATION_KEY})/"
        r"(?P<step>confirm|settle|release)/\Z",
        ReservationStepApi.as_view(),
        name="internal-reservation-step",
    ),
    path("favicon.ico", RedirectView.as_view(url=static(FAVICON)), name="favicon"),
    re_path(r"^api(?:/[\s\S]*)?\Z", api_not_found, name="api-not-found"),
]
