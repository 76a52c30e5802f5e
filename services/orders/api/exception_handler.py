"""The one place where the orders service's domain exceptions become HTTP responses.

Services raise the exceptions of their app's `exceptions.py`; views never catch
them one by one. This handler maps each to a DRF exception; the chassis
renders those, and everything else, in the API's error shapes.
"""

import logging

from rest_framework import exceptions
from rest_framework.response import Response

from chassis.conditional import PreconditionFailed
from chassis.errors import (
    Conflict,
    DependencyUnavailable,
    InconsistentData,
    render_exception,
)
from orders.exceptions import (
    OrderCustomerInactive,
    OrderCustomerMissing,
    OrderError,
    OrderInvalid,
    OrderNotAllowed,
    OrderNotFound,
    OrderSagaNotFound,
    OrderVersionMismatch,
)
from shared.users.client import UsersServiceUnavailable

logger = logging.getLogger(__name__)


def to_api_exception(exc: Exception) -> exceptions.APIException | None:
    """Translate a domain exception into the DRF exception with the right status."""
    if isinstance(exc, UsersServiceUnavailable):
        # The reason may name an internal address or an exception class:
        # the log is told, the client only what to do.
        logger.warning("%s", exc)
        return DependencyUnavailable(
            "The users service is unavailable. Try again shortly."
        )
    if not isinstance(exc, OrderError):
        return None
    if isinstance(exc, OrderNotFound | OrderSagaNotFound):
        return exceptions.NotFound(str(exc))
    if isinstance(exc, OrderNotAllowed | OrderCustomerInactive):
        return Conflict(str(exc))
    if isinstance(exc, OrderVersionMismatch):
        return PreconditionFailed(detail=str(exc), etag=exc.etag, version=exc.version)
    if isinstance(exc, OrderCustomerMissing):
        logger.error("Inconsistent data: %s", exc)
        return InconsistentData(str(exc))
    if isinstance(exc, OrderInvalid):
        return exceptions.ValidationError(exc.errors)
    return exceptions.ValidationError({exc.field: [str(exc)]})


def domain_exception_handler(
    exc: Exception, context: dict[str, object]
) -> Response | None:
    """Render domain exceptions like DRF's own; leave everything else to the chassis."""
    return render_exception(exc, context, translate=to_api_exception)
