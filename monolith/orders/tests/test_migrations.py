"""The migration that drops the foreign key keeps every row, both ways."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

WITH_FOREIGN_KEY = [("orders", "0002_visible_names"), ("users", "0002_visible_names")]
WITHOUT_FOREIGN_KEY = [("orders", "0003_user_id_without_foreign_key")]
LONG_AGO = datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)

pytestmark = pytest.mark.django_db(transaction=True)


def migrate_to(targets):
    """Migrate the test database to targets and return the apps as they were then."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def order_rows(apps):
    """Return every order and line as plain tuples, in id order."""
    orders = apps.get_model("orders", "Order").objects.order_by("id")
    lines = apps.get_model("orders", "OrderLine").objects.order_by("id")
    return (
        list(orders.values_list("id", "user_id", "status", "version", "created_at")),
        list(lines.values_list("id", "order_id", "sku", "quantity", "unit_price")),
    )


def foreign_keys_of_orders():
    """Return the tables orders_order has a foreign key into."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "orders_order")
    return {c["foreign_key"][0] for c in constraints.values() if c["foreign_key"]}


@pytest.fixture
def stage_0_rows():
    """Migrate back to the foreign key, store users and orders, and return them."""
    apps = migrate_to(WITH_FOREIGN_KEY)
    user_model = apps.get_model("users", "User")
    order_model = apps.get_model("orders", "Order")
    line_model = apps.get_model("orders", "OrderLine")
    ann = user_model.objects.create(id=7, name="Ann", email="ann@example.com")
    bo = user_model.objects.create(id=42, name="Bo", email="bo@example.com")
    for order_id, user, status in [(3, ann, "pending"), (9, bo, "shipped")]:
        order = order_model.objects.create(id=order_id, user=user, status=status)
        line_model.objects.create(
            order=order, sku="MUG-1", name="Mug", quantity=2, unit_price=Decimal("9.99")
        )
    order_model.objects.update(created_at=LONG_AGO)
    yield order_rows(apps)
    migrate_to(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_migration_keeps_every_order_line_and_user_id(stage_0_rows):
    apps = migrate_to(WITHOUT_FOREIGN_KEY)

    assert order_rows(apps) == stage_0_rows


def test_migration_drops_the_foreign_key_into_users(stage_0_rows):
    assert "users_user" in foreign_keys_of_orders()

    migrate_to(WITHOUT_FOREIGN_KEY)

    assert "users_user" not in foreign_keys_of_orders()


def test_migration_back_restores_the_foreign_key_and_keeps_the_rows(stage_0_rows):
    migrate_to(WITHOUT_FOREIGN_KEY)

    apps = migrate_to(WITH_FOREIGN_KEY)

    assert order_rows(apps) == stage_0_rows
    assert "users_user" in foreign_keys_of_orders()
