"""Lab 1's checks: the honest solution (stage 1) passes, each shortcut fails.

Each test builds stage 0's or stage 1's code in a temporary tree, changed
the way a shortcut would change it, and runs one check on it.
"""

import pytest

from tools.labkit import CheckFailed
from tools.tests.labtrees import change, lab_check, stage_tree

START, DONE = "stage-0-monolith", "stage-1-modular-monolith"


def test_strings_pass_at_stage_1(tmp_path):
    check = lab_check(1, "apps_do_not_name_each_other")

    check.run(stage_tree(tmp_path, DONE, "monolith"))


def test_strings_fail_at_stage_0_naming_the_foreign_key(tmp_path):
    check = lab_check(1, "apps_do_not_name_each_other")

    with pytest.raises(CheckFailed, match=r"orders/models.py:\d+: 'users.User'"):
        check.run(stage_tree(tmp_path, START, "monolith"))


def test_orders_reading_users_through_get_model_fails(tmp_path):
    tree = stage_tree(tmp_path, DONE, "monolith")
    change(
        tree,
        "monolith/orders/selectors.py",
        "def order_customers(",
        'def user_model():\n    return apps.get_model("users", "User")\n\n\n'
        "def order_customers(",
    )
    check = lab_check(1, "apps_do_not_name_each_other")

    with pytest.raises(CheckFailed, match=r"orders/selectors.py:\d+: 'users'"):
        check.run(tree)
    assert "get_model" in check.hint


def test_users_calling_orders_through_import_string_fails(tmp_path):
    tree = stage_tree(tmp_path, DONE, "monolith")
    change(
        tree,
        "monolith/users/services.py",
        "def user_deactivate(",
        "def cancel_orders(*, user_id: int) -> None:\n"
        '    import_string("orders.services.order_cancel_pending")(user_id=user_id)'
        "\n\n\ndef user_deactivate(",
    )
    check = lab_check(1, "apps_do_not_name_each_other")

    with pytest.raises(
        CheckFailed,
        match=r"users/services.py:\d+: .orders\.services\.order_cancel_pending.",
    ):
        check.run(tree)
    assert "import_string" in check.hint


def test_no_relation_passes_at_stage_1(tmp_path):
    check = lab_check(1, "no_relation_between_the_apps")

    check.run(stage_tree(tmp_path, DONE, "manage.py", "monolith", "shared"))


def test_a_foreign_key_without_its_constraint_fails(tmp_path):
    tree = stage_tree(tmp_path, DONE, "manage.py", "monolith", "shared")
    change(
        tree,
        "monolith/orders/models.py",
        "user_id = models.BigIntegerField(db_index=True)",
        'user = models.ForeignKey("users.User", models.PROTECT, db_constraint=False)',
    )
    check = lab_check(1, "no_relation_between_the_apps")

    with pytest.raises(CheckFailed, match=r"orders.Order.user -> users.User"):
        check.run(tree)
    assert "db_constraint=False" in check.hint


def test_order_list_queries_stay_flat_at_stage_1(tmp_path):
    check = lab_check(1, "order_list_queries_stay_flat")

    check.run(stage_tree(tmp_path, DONE, "manage.py", "monolith", "shared"))


def test_an_order_list_asking_for_each_customer_fails(tmp_path):
    tree = stage_tree(tmp_path, DONE, "manage.py", "monolith", "shared")
    change(
        tree,
        "monolith/orders/selectors.py",
        "customers = users_client().user_get_many(user_ids=user_ids)",
        "customers = {i: users_client().user_get(user_id=i) for i in user_ids}",
    )
    check = lab_check(1, "order_list_queries_stay_flat")

    with pytest.raises(CheckFailed, match=r"page of 1 order took \d+ queries"):
        check.run(tree)
    assert "whole page at once" in check.hint
