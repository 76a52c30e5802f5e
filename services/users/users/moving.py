"""What moves from the monolith's database into this service's: its users table.

The chassis' mover (chassis/moving/) plans, copies and verifies; this says
what the table holds, and the rules a user row must meet that stage 1's
code always met. See users_move_from_monolith for the command.
"""

from chassis.moving.spec import Move, Table, Unique
from users.models import User


def _is_name(value: object) -> bool:
    """Tell whether a value is a name stage 1 could have stored: text, not blank."""
    return isinstance(value, str) and bool(value.strip())


def _is_email(value: object) -> bool:
    """Tell whether a value is an email stage 1 could have stored."""
    return isinstance(value, str) and "@" in value


USERS_MOVE = Move(
    tables=(
        Table(
            source="users_user",
            model=User,
            columns=(
                "id",
                "name",
                "email",
                "is_active",
                "version",
                "created_at",
                "updated_at",
            ),
            timestamps=("created_at", "updated_at"),
            booleans=("is_active",),
            version="version",
            created="created_at",
            # Emails are unique whatever their case.
            unique=(Unique("email", ignore_case=True),),
            checks={"name": _is_name, "email": _is_email},
            # Since stage 5; the monolith's users never had one.
            added=("credit_limit",),
        ),
    )
)
