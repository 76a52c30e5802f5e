"""Domain errors raised by the orders app's services and selectors."""

from collections.abc import Collection, Mapping

# Messages per field of each line at fault, by the line's position: "0", "1"...
LineErrors = Mapping[str, Mapping[str, list[str]]]


class OrderError(Exception):
    """Base of the orders app's errors; `field` names the input at fault."""

    field = "non_field_errors"


class OrderNotFound(OrderError):
    """No order has the requested id."""

    def __init__(self, *, order_id: int) -> None:
        super().__init__(f"Order {order_id} does not exist.")
        self.order_id = order_id


class OrderSagaNotFound(OrderError):
    """The order has no credit saga: its customer had no limit when it was placed."""

    def __init__(self, *, order_id: int) -> None:
        super().__init__(
            f"Order {order_id} has no credit saga: its customer had no credit "
            "limit when it was placed."
        )
        self.order_id = order_id


class OrderNotAllowed(OrderError):
    """The order's current status does not allow the requested transition."""

    def __init__(self, *, order_id: int, action: str, status: str) -> None:
        super().__init__(f"Cannot {action} order {order_id}: it is {status}.")
        self.order_id = order_id
        self.action = action
        self.status = status


class OrderVersionMismatch(OrderError):
    """The order has changed since the client read it: If-Match names another tag.

    An order's tag names its version and its customer's, as its
    representation shows both; `etag` is the current one.
    """

    def __init__(
        self, *, order_id: int, version: int, etag: str, weak: bool = False
    ) -> None:
        """Name the order, its version and tag; `weak`: the tag sent was W/ that one."""
        if weak:
            message = (
                f"Order {order_id} is at version {version}, but If-Match sent "
                f"its tag as weak (W/{etag}), which never matches. Send {etag}."
            )
        else:
            message = (
                f"Order {order_id} has changed: it is at version {version} (tag "
                f"{etag}), which If-Match does not name. Read it again and retry."
            )
        super().__init__(message)
        self.order_id = order_id
        self.version = version
        self.etag = etag


class OrderCustomerInactive(OrderError):
    """The order's customer is inactive: the order may be cancelled, nothing else."""

    def __init__(self, *, order_id: int, action: str, user_id: int) -> None:
        super().__init__(
            f"Cannot {action} order {order_id}: its customer, user {user_id}, "
            "is inactive."
        )
        self.order_id = order_id
        self.action = action
        self.user_id = user_id


class OrderCustomerInvalid(OrderError):
    """The user an order is placed for does not exist or is inactive."""

    field = "user_id"

    def __init__(self, *, user_id: int, reason: str) -> None:
        super().__init__(f"User {user_id} {reason}.")
        self.user_id = user_id
        self.reason = reason


class OrderLinesMissing(OrderError):
    """An order must have at least one line."""

    field = "lines"

    def __init__(self) -> None:
        super().__init__("An order needs at least one line.")


class OrderInvalid(OrderError):
    """Fields of an order break the rules its models keep; `errors` lists them.

    The errors have the API's shape: `{"lines": {"0": {"sku": [...]}}}` names
    the first line's SKU.
    """

    def __init__(self, *, errors: Mapping[str, list[str] | LineErrors]) -> None:
        super().__init__(f"The order is not valid: {errors}")
        self.errors = dict(errors)


class OrderCustomerMissing(OrderError):
    """Orders name users the UsersClient does not know: the data is inconsistent.

    Users are never deleted, so this cannot happen through the API; without a
    foreign key, though, only the code keeps it true. See
    docs/01-modular-monolith.md, "The foreign key becomes an id".
    """

    def __init__(self, *, user_ids: Collection[int]) -> None:
        listed = ", ".join(map(str, sorted(user_ids)))
        super().__init__(f"Orders name users that do not exist: {listed}.")
        self.user_ids = sorted(user_ids)
