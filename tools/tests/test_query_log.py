"""Tests of tools/query_log.py, which chapter 1 uses to show the lost join."""

from tools.query_log import query_log
from tools.tests.labtrees import stage_tree


def test_query_log_prints_the_sql_of_a_request_to_a_stage_1_checkout(tmp_path):
    tree = stage_tree(
        tmp_path, "stage-1-modular-monolith", "manage.py", "monolith", "shared"
    )

    log = query_log(tree.path, "/api/orders/?page_size=3")

    assert log.startswith("GET /api/orders/?page_size=3 -> 200,")
    assert 'FROM "orders_order"' in log
    assert 'JOIN "users_user"' not in log
