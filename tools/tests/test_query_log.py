"""Tests of tools/query_log.py, which chapter 1 uses to show the lost join."""

from pathlib import Path

from tools.query_log import query_log

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_query_log_shows_the_order_list_without_a_join():
    log = query_log(REPO_ROOT, "/api/orders/?page_size=3")

    assert log.startswith("GET /api/orders/?page_size=3 -> 200, 4 queries")
    assert "JOIN" not in log
    assert 'FROM "users_user"' in log
