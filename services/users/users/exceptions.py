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

    def __init__(self, *, user_id: int, version: int) -> None:
        super().__init__(
            f"User {user_id} has changed: it is at version {version}, which "
            "If-Match does not name. Read it again and retry."
        )
        self.user_id = user_id
        self.version = version
