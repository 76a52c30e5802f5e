"""`FakeCreditClient`: users' credit reservations in memory, for the saga's tests."""

from decimal import Decimal

import msgspec

from shared.users.credit import (
    CreditStepRefused,
    CreditUnavailable,
    Reservation,
    ReservationState,
    Step,
)

States = frozenset[ReservationState]
# The states each step moves on from, where it leads, and where it is done.
STEPS: dict[Step, tuple[States, ReservationState, States]] = {
    "confirm": (frozenset({"held"}), "confirmed", frozenset({"confirmed", "settled"})),
    "settle": (frozenset({"held", "confirmed"}), "settled", frozenset({"settled"})),
    "release": (
        frozenset({"held", "confirmed"}),
        "released",
        frozenset({"released", "refused"}),
    ),
}


class FakeCreditClient:
    """Reservations in a dict, as the users service keeps them; calls are recorded."""

    def __init__(self) -> None:
        """Start with no limits, no reservations and no calls."""
        self.limits: dict[int, Decimal] = {}
        self.reservations: dict[str, Reservation] = {}
        self.calls: list[tuple[str, str]] = []
        # Set to True to answer like a users service that cannot be reached.
        self.down = False
        # Set to a 4xx status to refuse every call with it.
        self.refuse_with: int | None = None

    def reserve(self, *, key: str, user_id: int, amount: Decimal) -> Reservation:
        """Hold the amount if the user's limit leaves room, as users does."""
        self._answer_if_up("reserve", key)
        if key not in self.reservations:
            room = self.limits.get(user_id, Decimal("Infinity")) - self.held(user_id)
            state: ReservationState = "held" if amount <= room else "refused"
            reason = "" if state == "held" else f"Insufficient credit: {room} left."
            self.reservations[key] = Reservation(
                key=key, user_id=user_id, amount=amount, state=state, reason=reason
            )
        return self.reservations[key]

    def advance(self, *, key: str, step: Step) -> Reservation:
        """Move the reservation on, or refuse the step as users does (409, 404)."""
        self._answer_if_up(step, key)
        reservation = self.reservations.get(key)
        if reservation is None:
            if step != "release":
                raise CreditStepRefused(key=key, status=404, detail="no such key")
            reservation = Reservation(
                key=key, user_id=None, amount=Decimal("0"), state="released"
            )
        sources, target, done = STEPS[step]
        if reservation.state not in done:
            if reservation.state not in sources:
                raise CreditStepRefused(key=key, status=409, detail=reservation.state)
            reservation = msgspec.structs.replace(reservation, state=target)
        self.reservations[key] = reservation
        return reservation

    def held(self, user_id: int) -> Decimal:
        """Return what the user's held and confirmed reservations hold together."""
        return sum(
            (
                r.amount
                for r in self.reservations.values()
                if r.user_id == user_id and r.state in {"held", "confirmed"}
            ),
            Decimal("0"),
        )

    def _answer_if_up(self, call: str, key: str) -> None:
        """Record the call; fail it if the service is down."""
        self.calls.append((call, key))
        if self.down:
            raise CreditUnavailable(reason="the fake users service is down")
        if self.refuse_with is not None:
            raise CreditStepRefused(key=key, status=self.refuse_with, detail="refused")
