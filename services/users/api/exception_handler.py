"""The one place where the users service's domain exceptions become HTTP responses.

Services raise the exceptions of users' `exceptions.py`; views never catch
them one by one. This handler maps each to a DRF exception; the chassis
renders it, and everything else, in the API's error shapes.
"""

from rest_framework import exceptions
from rest_framework.response import Response

from chassis.conditional import PreconditionFailed, etag_of
from chassis.errors import Conflict, render_exception
from users.exceptions import (
    CreditKeyReused,
    CreditReservationNotFound,
    CreditStepNotAllowed,
    UserCreditBelowReserved,
    UserError,
    UserInvalid,
    UserNotFound,
    UserVersionMismatch,
)


def to_api_exception(exc: Exception) -> exceptions.APIException | None:
    """Translate a domain exception into the DRF exception with the right status."""
    if not isinstance(exc, UserError):
        return None
    if isinstance(exc, UserNotFound | CreditReservationNotFound):
        return exceptions.NotFound(str(exc))
    if isinstance(
        exc, UserCreditBelowReserved | CreditStepNotAllowed | CreditKeyReused
    ):
        return Conflict(str(exc))
    if isinstance(exc, UserVersionMismatch):
        etag = etag_of(exc.version)
        return PreconditionFailed(detail=str(exc), etag=etag, version=exc.version)
    if isinstance(exc, UserInvalid):
        return exceptions.ValidationError(exc.errors)
    return exceptions.ValidationError({exc.field: [str(exc)]})


def domain_exception_handler(
    exc: Exception, context: dict[str, object]
) -> Response | None:
    """Render domain exceptions like DRF's own; leave everything else to the chassis."""
    return render_exception(exc, context, translate=to_api_exception)
