"""`manage.py orders_move_from_monolith`: the second database split, verified.

Copies the orders and their lines, which stage 2 left in the monolith's
database, into this service's database, keeping ids, versions and
timestamps. The
same mover as the users move, with the same guarantees: safe to run again,
`--dry-run` only reports, a conflict or a row stage 2 could not have
written stops it before anything is written, a line whose order does not
move is one, and after the commit both databases are read afresh and
compared table by table. See docs/03-orders-service.md, "One mover, two
moves".
"""

from chassis.moving.command import MoveCommand
from orders.moving import ORDERS_MOVE


class Command(MoveCommand):
    """Move orders from the monolith's database into this service's, verified."""

    help = "Move the monolith's orders into this service (idempotent, verified)."
    move = ORDERS_MOVE
    manage_py = "services/orders/manage.py"
