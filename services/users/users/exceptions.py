"""Domain errors raised by the users app's services and selectors."""

from collections.abc import Mapping


class UserError(Exception):
    """Base of the users app's errors; `field` names the input at fault."""

    field = "non_field_errors"


class UserNotFound(UserError):
    """No user has the requested id."""

    def __init__(self, *, user_id: int) -> None:
        super().__init__(f"User {user_id} does not exist.")
        self.user_id = user_id


class UserEmailTaken(UserError):
    """Another user already has this email, compared case-insensitively."""

    field = "email"

    def __init__(self, *, email: str) -> None:
        super().__init__(f"A user with the email {email} already exists.")
        self.email = email


class UserEmailInvalid(UserError):
    """The email cannot be put in canonical form, so it cannot be stored."""

    field = "email"

    def __init__(self, *, email: str, reason: str) -> None:
        super().__init__(f"The email {email} is not valid: {reason}.")
        self.email = email
        self.reason = reason


class UserInvalid(UserError):
    """Fields of a user break the rules its model keeps; `errors` lists them."""

    def __init__(self, *, errors: Mapping[str, list[str]]) -> None:
        summary = "; ".join(f"{field}: {' '.join(m)}" for field, m in errors.items())
        super().__init__(summary)
        self.errors = dict(errors)


class UserVersionMismatch(UserError):
    """The user has changed since the client read them: If-Match names another tag."""

    def __init__(self, *, user_id: int, version: int, weak: bool = False) -> None:
        """Name the user and version; `weak`: the tag sent was W/ the current one."""
        if weak:
            message = (
                f"User {user_id} is at version {version}, but If-Match sent its "
                f'tag as weak (W/"{version}"), which never matches. Send "{version}".'
            )
        else:
            message = (
                f"User {user_id} has changed: it is at version {version}, which "
                "If-Match does not name. Read it again and retry."
            )
        super().__init__(message)
        self.user_id = user_id
        self.version = version


class UserCreditBelowReserved(UserError):
    """A credit limit may not go below what the user's reservations hold."""

    field = "credit_limit"

    def __init__(self, *, user_id: int, reserved: object) -> None:
        super().__init__(
            f"User {user_id} has {reserved} of credit reserved for orders; the "
            "limit cannot go below it."
        )
        self.user_id = user_id


class CreditReservationNotFound(UserError):
    """No reservation has this key."""

    def __init__(self, *, key: str) -> None:
        super().__init__(f"No credit reservation has the key {key}.")
        self.key = key


class CreditStepNotAllowed(UserError):
    """The reservation's state does not allow this step: a settled one stays settled."""

    def __init__(self, *, key: str, step: str, state: str) -> None:
        super().__init__(f"Cannot {step} reservation {key}: it is {state}.")
        self.key = key
        self.step = step
        self.state = state


class CreditKeyReused(UserError):
    """A reservation key was sent again for another user or amount."""

    def __init__(self, *, key: str) -> None:
        super().__init__(
            f"Reservation {key} was made for another user or amount; use a new key."
        )
        self.key = key
