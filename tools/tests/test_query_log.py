"""Tests of tools/query_log.py, which chapter 1 uses to show the lost join."""

from pathlib import Path

from tools.query_log import query_log

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_query_log_prints_the_sql_of_a_request_to_this_checkout():
    log = query_log(REPO_ROOT, "/api/orders/?page_size=3")

    assert log.startswith("GET /api/orders/?page_size=3 -> 200,")
    assert 'FROM "orders_order"' in log
    assert "users_user" not in log
