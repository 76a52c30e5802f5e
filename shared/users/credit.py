"""The users service's credit reservations, and `HttpCreditClient`, the saga's client.

Try-confirm-cancel: `reserve` holds an amount of a user's credit under a
key the caller chooses (the orders saga uses its own id), and `confirm`,
`settle` and `release` move the reservation on. Every call is idempotent
by its key: sending one twice gives the same reservation, which is what
lets the saga repeat a step whose answer it never got. A `release` of a
key never reserved leaves a released mark, so a `reserve` that arrives
after it holds nothing. See docs/05-consistency.md, "The saga".

Like the other clients here, it takes its configuration as arguments and
reads answers strictly with msgspec.
"""

from decimal import Decimal
from typing import Literal, Protocol, runtime_checkable

import httpx
import msgspec

from shared.http import Deadline, request_within, service_http

ReservationState = Literal["held", "confirmed", "settled", "released", "refused"]
Step = Literal["confirm", "settle", "release"]


class Reservation(msgspec.Struct, frozen=True, kw_only=True):
    """A reservation as the users service holds it."""

    key: str
    user_id: int | None
    amount: Decimal
    state: ReservationState
    # Why a reservation was refused: "insufficient credit", "inactive".
    reason: str = ""


class CreditError(Exception):
    """Base of the errors a `CreditClient` raises."""


class CreditUnavailable(CreditError):
    """No answer: no connection, no answer in time, or a 5xx. Try again later."""

    def __init__(self, *, reason: str) -> None:
        """Say why the service counts as unavailable."""
        super().__init__(f"The users service's credit is unavailable: {reason}.")
        self.reason = reason


class CreditStepRefused(CreditError):
    """The users service refused the step (a 4xx): sending it again will not help."""

    def __init__(self, *, key: str, status: int, detail: str) -> None:
        """Name the reservation, the status and what the service said."""
        super().__init__(
            f"Reservation {key}: the users service answered {status}: {detail}"
        )
        self.key = key
        self.status = status
        self.detail = detail


@runtime_checkable
class CreditClient(Protocol):
    """The credit steps the orders saga sends to the users service."""

    def reserve(self, *, key: str, user_id: int, amount: Decimal) -> Reservation:
        """Hold `amount` of the user's credit under `key`, or record the refusal."""
        ...

    def advance(self, *, key: str, step: Step) -> Reservation:
        """Confirm, settle or release the reservation under `key`."""
        ...


class HttpCreditClient:
    """The credit endpoints of the users service over HTTP, with the shared secret."""

    def __init__(
        self,
        *,
        base_url: str,
        secret: str,
        deadline: float,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        """Talk to the service at base_url, each call within `deadline` seconds."""
        self.deadline = deadline
        self._http = service_http(
            base_url=base_url, deadline=deadline, transport=transport, secret=secret
        )

    def reserve(self, *, key: str, user_id: int, amount: Decimal) -> Reservation:
        """PUT the reservation: created the first time, the same one after."""
        body = msgspec.json.encode({"user_id": user_id, "amount": str(amount)})
        return self._send("PUT", f"/internal/credit/reservations/{key}/", key, body)

    def advance(self, *, key: str, step: Step) -> Reservation:
        """POST the step to the reservation."""
        return self._send("POST", f"/internal/credit/reservations/{key}/{step}/", key)

    def close(self) -> None:
        """Close the connections this client keeps open."""
        self._http.close()

    def _send(self, method: str, path: str, key: str, body: bytes = b"") -> Reservation:
        """Send once; read the reservation, or raise saying why there is none."""
        headers = {"Content-Type": "application/json"}
        try:
            response = request_within(
                self._http,
                method,
                path,
                content=body,
                headers=headers,
                deadline=Deadline(self.deadline),
            )
        except httpx.RequestError as exc:
            reason = f"no answer to {method} {path} ({type(exc).__name__})"
            raise CreditUnavailable(reason=reason) from None
        if response.is_server_error:
            raise CreditUnavailable(reason=f"it answered {response.status_code}")
        if response.is_client_error:
            detail = response.text[:200]
            raise CreditStepRefused(key=key, status=response.status_code, detail=detail)
        try:
            return msgspec.json.decode(response.content, type=Reservation)
        except msgspec.DecodeError as exc:
            reason = f"it answered something that is not a reservation ({exc})"
            raise CreditUnavailable(reason=reason) from None
