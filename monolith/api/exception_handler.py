"""The one place where domain exceptions become HTTP responses.

Services raise the exceptions of their app's `exceptions.py`; views never catch
them one by one. This handler maps each to a DRF exception and lets DRF render it.
"""

from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from orders.exceptions import OrderError, OrderNotAllowed, OrderNotFound
from users.exceptions import UserError, UserNotFound


class Conflict(exceptions.APIException):
    """The request is valid but the resource's current state forbids it."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "The resource's current state does not allow this."
    default_code = "conflict"


def to_api_exception(exc: UserError | OrderError) -> exceptions.APIException:
    """Translate a domain exception into the DRF exception with the right status."""
    if isinstance(exc, UserNotFound | OrderNotFound):
        return exceptions.NotFound(str(exc))
    if isinstance(exc, OrderNotAllowed):
        return Conflict(str(exc))
    return exceptions.ValidationError({exc.field: [str(exc)]})


def domain_exception_handler(
    exc: Exception, context: dict[str, object]
) -> Response | None:
    """Render domain exceptions like DRF's own; leave everything else to DRF."""
    if isinstance(exc, UserError | OrderError):
        exc = to_api_exception(exc)
    return exception_handler(exc, context)
