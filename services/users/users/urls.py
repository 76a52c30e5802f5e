"""URLs of the users API, mounted at /api/users/."""

from django.urls import path

from users.apis import (
    UserCreditApi,
    UserDeactivateApi,
    UserListCreateApi,
    UserRetrieveUpdateApi,
)

app_name = "users"

urlpatterns = [
    path("", UserListCreateApi.as_view(), name="list"),
    path("<int:user_id>/", UserRetrieveUpdateApi.as_view(), name="detail"),
    path("<int:user_id>/deactivate/", UserDeactivateApi.as_view(), name="deactivate"),
    path("<int:user_id>/credit/", UserCreditApi.as_view(), name="credit"),
]
