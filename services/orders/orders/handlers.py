"""How orders reacts to what happens in other apps: one handler per event."""

from orders.services import customer_deactivate
from shared.events import UserDeactivated


def on_user_deactivated(event: UserDeactivated) -> None:
    """Remember the user is inactive and cancel their pending orders.

    Handling the same event twice, or an older one, changes nothing.
    """
    customer_deactivate(user_id=event.user_id, user_version=event.user_version)
