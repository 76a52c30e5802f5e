"""`albums_move_from_monolith`: the chassis' mover as a service's command uses it."""

from chassis.moving.command import MoveCommand
from chassis.tests.albums.moving import ALBUMS_MOVE


class Command(MoveCommand):
    """Move albums and their tracks from a monolith's database, verified."""

    help = "Move the albums and their tracks (idempotent, verified)."
    move = ALBUMS_MOVE
    manage_py = "albums/manage.py"
