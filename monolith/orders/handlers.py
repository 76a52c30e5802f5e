"""How orders reacts to what happens in other apps: one handler per event."""

from orders.services import order_cancel_pending
from shared.events import UserDeactivated


def on_user_deactivated(event: UserDeactivated) -> None:
    """Cancel the user's pending orders.

    Handling the same event twice changes nothing: the second time there is no
    pending order left, and an inactive user cannot place a new one.
    """
    order_cancel_pending(user_id=event.user_id)
