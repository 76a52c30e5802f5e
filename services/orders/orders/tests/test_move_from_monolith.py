"""Tests of orders_move_from_monolith: orders and their lines, moved and verified.

What the chassis' mover does for any table, a child table's foreign key
included, is tested with the chassis (chassis/tests/test_move_*.py); these
move orders through it from a copy of a database this app's own
migrations built, as the monolith's did in stage 2.
"""

import sqlite3
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from orders.lines import NewOrderLine
from orders.models import Customer, Order, OrderLine
from orders.services import order_place

pytestmark = pytest.mark.django_db(transaction=True)

LINES = [
    NewOrderLine(sku="BOOK-1", name="Book", quantity=1, unit_price=Decimal("42.50")),
    NewOrderLine(sku="MUG-2", name="Mug", quantity=2, unit_price=Decimal("9.99")),
]
MODELS = (OrderLine, Order, Customer)


@pytest.fixture
def monolith_db(tmp_path, users):
    """Return a monolith database holding two orders.

    The rows are written here by orders' own services, the database is
    copied to a file, and the rows here are deleted: the file is what the
    monolith's database held at the end of stage 2.
    """
    ann, bob = users.add(), users.add()
    order_place(user_id=ann.id, lines=LINES)
    order_place(user_id=bob.id, lines=LINES[1:])
    path = tmp_path / "monolith.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
    copy.close()
    for model in MODELS:
        model.objects.all().delete()
    return path


def move(path, *extra):
    """Run the command; return what it printed."""
    out = StringIO()
    call_command("orders_move_from_monolith", "--from", str(path), *extra, stdout=out)
    return out.getvalue()


def read(path, query):
    """Return the rows a query reads from the monolith's file."""
    with sqlite3.connect(path) as source:
        found = source.execute(query).fetchall()
    source.close()
    return found


def test_move_keeps_orders_lines_and_their_ids(monolith_db):
    move(monolith_db)

    orders = Order.objects.order_by("id")
    assert [(o.pk, o.user_id, o.status, o.version) for o in orders] == read(
        monolith_db, "SELECT id, user_id, status, version FROM orders_order ORDER BY id"
    )
    assert [o.total for o in orders] == [Decimal("62.48"), Decimal("19.98")]
    assert list(OrderLine.objects.order_by("id").values_list("id", "order_id")) == read(
        monolith_db, "SELECT id, order_id FROM orders_orderline ORDER BY id"
    )


def test_move_leaves_the_customers_to_the_backfill(monolith_db):
    move(monolith_db)

    assert Customer.objects.count() == 0


def test_move_says_every_table_agrees(monolith_db):
    output = move(monolith_db)

    assert "Moved 2 orders and 3 order lines" in output
    assert "both sides agree" in output


def test_move_run_again_moves_nothing(monolith_db):
    move(monolith_db)

    output = move(monolith_db)

    assert Order.objects.count() == 2
    assert "Moved" not in output


def test_new_orders_take_ids_after_the_moved_ones(monolith_db, users):
    move(monolith_db)

    placed = order_place(user_id=users.add().id, lines=LINES).order

    assert placed.pk > read(monolith_db, "SELECT max(id) FROM orders_order")[0][0]


def test_a_dry_run_writes_nothing(monolith_db):
    move(monolith_db, "--dry-run")

    assert Order.objects.count() == 0
