"""HTTP API of the users app: validate input, call a service or selector, render."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from chassis.conditional import etag_of, if_match, not_modified, tagged
from chassis.fields import query_data
from chassis.idempotency.api import (
    IDEMPOTENCY_KEY,
    IDEMPOTENCY_RESPONSES,
    REPLAYED_HEADER,
    idempotent,
)
from chassis.pagination import PageNumberPagination, paginated_response
from chassis.serializers import (
    BAD_CONDITION,
    IF_MATCH,
    IF_NONE_MATCH,
    LOCATION,
    NOT_FOUND,
    NOT_MODIFIED,
    PAGE_NOT_FOUND,
    PRECONDITION_FAILED,
    ErrorDetailSerializer,
    etag_header,
    validation_error,
)
from chassis.views import ActionApi
from users.models import User
from users.selectors import user_credit, user_get, user_list
from users.serializers import (
    CreditOutputSerializer,
    UserCreateInputSerializer,
    UserFilterSerializer,
    UserOutputSerializer,
    UserUpdateInputSerializer,
)
from users.services import user_create, user_deactivate, user_update


def user_response(user: User, *, status_code: int = status.HTTP_200_OK) -> Response:
    """Render one user, with the ETag its version gives it."""
    response = Response(UserOutputSerializer(user).data, status=status_code)
    return tagged(response, etag_of(user.version))


def user_created_response(user: User, *, request: Request) -> Response:
    """Render a new user: 201, its Location and its ETag."""
    response = user_response(user, status_code=status.HTTP_201_CREATED)
    response["Location"] = reverse(
        "users:detail", kwargs={"user_id": user.pk}, request=request
    )
    return response


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
            "Create an active user at version 1. Emails are unique whatever their "
            "case. With an Idempotency-Key, a retry gets the first answer again."
        ),
        request=UserCreateInputSerializer,
        parameters=[IDEMPOTENCY_KEY, LOCATION, etag_header(201), REPLAYED_HEADER],
        responses={
            201: UserOutputSerializer,
            400: validation_error(
                {"email": ["A user with the email ann@example.com already exists."]}
            ),
            **IDEMPOTENCY_RESPONSES,
        },
    )
    def post(self, request: Request) -> Response:
        """Create a user from `{name, email}`, once per Idempotency-Key."""
        data = UserCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return idempotent(
            request,
            write=lambda record: user_create(record=record, **data.validated_data),
            respond=lambda user: user_created_response(user, request=request),
        )


class UserRetrieveUpdateApi(APIView):
    """`/api/users/{id}/`: read one user, change their name or email."""

    @extend_schema(
        operation_id="users_retrieve",
        summary="Get a user",
        description="One user by id, with an ETag made from their version.",
        parameters=[IF_NONE_MATCH, etag_header(200, 304)],
        responses={
            200: UserOutputSerializer,
            304: NOT_MODIFIED,
            400: BAD_CONDITION,
            404: NOT_FOUND,
        },
    )
    def get(self, request: Request, user_id: int) -> Response:
        """Return one user, or 304 if the client's copy is current."""
        user = user_get(user_id=user_id)
        unchanged = not_modified(request, etag=etag_of(user.version))
        return unchanged or user_response(user)

    @extend_schema(
        operation_id="users_partial_update",
        summary="Change a user",
        description=(
            "Change the name, email and/or credit limit. "
            "The version goes up by one if anything changed. With If-Match, "
            "only if the user has not changed since that tag was read."
        ),
        request=UserUpdateInputSerializer,
        parameters=[IF_MATCH, etag_header(200)],
        responses={
            200: UserOutputSerializer,
            400: validation_error({"name": ["This field may not be blank."]}),
            404: NOT_FOUND,
            409: OpenApiResponse(
                ErrorDetailSerializer,
                description=(
                    "The credit limit would go below what the user's reservations hold."
                ),
            ),
            412: PRECONDITION_FAILED,
        },
    )
    def patch(self, request: Request, user_id: int) -> Response:
        """Apply a partial update, if the client's If-Match is still current."""
        data = UserUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = user_update(
            user_id=user_id, if_match=if_match(request), **data.validated_data
        )
        return user_response(user)


class UserDeactivateApi(ActionApi):
    """`/api/users/{id}/deactivate/`: deactivate a user."""

    @extend_schema(
        operation_id="users_deactivate",
        summary="Deactivate a user",
        description=(
            "Mark the user inactive. The orders service hears of it through "
            "the users service's outbox and cancels the user's pending orders, "
            "and those awaiting credit, moments later, releasing their credit. "
            "Deactivating an inactive user changes nothing. "
            "With If-Match, only if the user has not changed since."
        ),
        request=None,
        parameters=[IF_MATCH, etag_header(200)],
        responses={
            200: UserOutputSerializer,
            400: BAD_CONDITION,
            404: NOT_FOUND,
            412: PRECONDITION_FAILED,
        },
    )
    def post(self, request: Request, user_id: int) -> Response:
        """Deactivate the user, if the client's If-Match is still current."""
        user = user_deactivate(user_id=user_id, if_match=if_match(request))
        return user_response(user)


class UserCreditApi(APIView):
    """`/api/users/{id}/credit/`: a user's credit limit, what is held, what is left."""

    @extend_schema(
        operation_id="users_credit",
        summary="Get a user's credit",
        description=(
            "The user's credit limit, the credit held for their approved, "
            "unshipped orders, and what is left. Without a limit, `credit_limit` "
            "and `available` are null. See docs/05-consistency.md."
        ),
        responses={200: CreditOutputSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, user_id: int) -> Response:
        """Return the user's credit."""
        return Response(CreditOutputSerializer(user_credit(user_id=user_id)).data)
