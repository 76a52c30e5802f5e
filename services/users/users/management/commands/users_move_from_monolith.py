"""`manage.py users_move_from_monolith`: the database split, verified.

Copies the users that stage 1 left in the monolith's database into this
service's database, keeping ids, emails, versions and timestamps. It is
safe to run again: users already here are left alone, including those
changed here since an earlier move (same id and creation time, a later
version). `--dry-run` only reports. Any other user here with a monolith
user's id or email, or a monolith row that stage 1 could not have written,
stops it before anything is written. Planning and copying happen in one
transaction. Once it has committed, both databases are read afresh and the
copied users compared, count, checksum and id by id; a mismatch is refused
with the differing ids, and since the copy stays committed, the refusal says
how to recover. See docs/02-users-service.md, "The database split, verified";
since stage 3 the mover is the chassis' (chassis/moving/).
"""

from chassis.moving.command import MoveCommand
from users.moving import USERS_MOVE


class Command(MoveCommand):
    """Move users from the monolith's database into this service's, verified."""

    help = "Move the monolith's users into this service (idempotent, verified)."
    move = USERS_MOVE
    manage_py = "services/users/manage.py"
