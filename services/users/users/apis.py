"""HTTP API of the users app: validate input, call a service or selector, render."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from chassis.fields import (
    QueryBooleanField,
    QueryIdListField,
    QueryTextField,
    StrictEmailField,
    VisibleTextField,
    query_data,
)
from chassis.pagination import (
    MAX_PAGE_SIZE,
    PageNumberPagination,
    paginated_response,
)
from chassis.serializers import (
    LOCATION,
    NOT_FOUND,
    PAGE_NOT_FOUND,
    StrictInputSerializer,
    validation_error,
)
from chassis.views import ActionApi
from users.models import User, validate_email_local_part
from users.selectors import user_get, user_list
from users.services import user_create, user_deactivate, user_update


class UserOutputSerializer(serializers.ModelSerializer):
    """A user as the public API shows it."""

    class Meta:
        model = User
        fields = [
            "id",
            "name",
            "email",
            "is_active",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class UserCreateInputSerializer(StrictInputSerializer):
    """The body of a new user."""

    name = VisibleTextField(max_length=200)
    email = StrictEmailField(max_length=254, validators=[validate_email_local_part])


class UserUpdateInputSerializer(StrictInputSerializer):
    """The fields of a user that a PATCH may change."""

    name = VisibleTextField(max_length=200, required=False)
    email = StrictEmailField(
        max_length=254, required=False, validators=[validate_email_local_part]
    )


class UserFilterSerializer(serializers.Serializer):
    """Query parameters of the user list."""

    ids = QueryIdListField(
        max_length=MAX_PAGE_SIZE,
        help_text=(
            f"Only these users: up to {MAX_PAGE_SIZE} ids, as ids=1&ids=7. "
            "Ids that name no user are left out."
        ),
    )
    email = QueryTextField(help_text="Exact match, any case.")
    is_active = QueryBooleanField(required=False)


class UserListCreateApi(APIView):
    """`/api/users/`: list users, create a user."""

    # Tells drf-spectacular that the list is paginated (see paginated_response).
    pagination_class = PageNumberPagination

    @extend_schema(
        operation_id="users_list",
        summary="List users",
        description="Users in id order, paginated, optionally filtered.",
        parameters=[UserFilterSerializer],
        responses={
            200: UserOutputSerializer(many=True),
            400: validation_error({"is_active": ['Must be "true" or "false".']}),
            404: PAGE_NOT_FOUND,
        },
    )
    def get(self, request: Request) -> Response:
        """Return a page of users matching the filters."""
        filters = UserFilterSerializer(data=query_data(request, lists=["ids"]))
        filters.is_valid(raise_exception=True)
        return paginated_response(
            queryset=user_list(**filters.validated_data),
            serializer_class=UserOutputSerializer,
            request=request,
            view=self,
        )

    @extend_schema(
        operation_id="users_create",
        summary="Create a user",
        description=(
            "Create an active user at version 1. Emails are unique whatever their case."
        ),
        request=UserCreateInputSerializer,
        parameters=[LOCATION],
        responses={
            201: UserOutputSerializer,
            400: validation_error(
                {"email": ["A user with the email ann@example.com already exists."]}
            ),
        },
    )
    def post(self, request: Request) -> Response:
        """Create a user from `{name, email}`."""
        data = UserCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = user_create(**data.validated_data)
        location = reverse("users:detail", kwargs={"user_id": user.pk}, request=request)
        return Response(
            UserOutputSerializer(user).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": location},
        )


class UserRetrieveUpdateApi(APIView):
    """`/api/users/{id}/`: read one user, change their name or email."""

    @extend_schema(
        operation_id="users_retrieve",
        summary="Get a user",
        description="One user by id.",
        responses={200: UserOutputSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, user_id: int) -> Response:
        """Return one user."""
        return Response(UserOutputSerializer(user_get(user_id=user_id)).data)

    @extend_schema(
        operation_id="users_partial_update",
        summary="Change a user",
        description=(
            "Change the name and/or email. "
            "The version goes up by one if anything changed."
        ),
        request=UserUpdateInputSerializer,
        responses={
            200: UserOutputSerializer,
            400: validation_error({"name": ["This field may not be blank."]}),
            404: NOT_FOUND,
        },
    )
    def patch(self, request: Request, user_id: int) -> Response:
        """Apply a partial update."""
        data = UserUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = user_update(user_id=user_id, **data.validated_data)
        return Response(UserOutputSerializer(user).data)


class UserDeactivateApi(ActionApi):
    """`/api/users/{id}/deactivate/`: deactivate a user."""

    @extend_schema(
        operation_id="users_deactivate",
        summary="Deactivate a user",
        description=(
            "Mark the user inactive. The orders service hears of it through "
            "the users service's outbox and cancels the user's pending orders "
            "moments later. Deactivating an inactive user changes nothing."
        ),
        request=None,
        responses={200: UserOutputSerializer, 404: NOT_FOUND},
    )
    def post(self, request: Request, user_id: int) -> Response:
        """Deactivate the user."""
        return Response(UserOutputSerializer(user_deactivate(user_id=user_id)).data)
