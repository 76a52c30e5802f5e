"""What the lab checks read without running a tree: tables, tool output."""

from tools.labcode import broken_contracts
from tools.labdata import table_changes

LINT_IMPORTS_OUTPUT = """
=============
Import Linter
=============

Analyzed 32 files, 33 dependencies.
-----------------------------------

users and orders do not import each other BROKEN

Contracts: 0 kept, 1 broken.


----------------
Broken contracts
----------------

users and orders do not import each other
-----------------------------------------

orders is not allowed to import users:

- orders.services -> users.models (l.20)
"""


def test_a_renamed_column_with_its_values_is_no_change():
    before = {1: {"id": 1, "user_id": 7, "status": "pending"}}
    after = {1: {"id": 1, "customer_id": 7, "status": "pending"}}

    assert table_changes("orders_order", before, after) == []


def test_a_changed_value_is_named_with_its_row_and_column():
    before = {1: {"id": 1, "status": "pending"}}
    after = {1: {"id": 1, "status": "cancelled"}}

    assert table_changes("orders_order", before, after) == [
        "orders_order id 1: status was 'pending', is 'cancelled'"
    ]


def test_a_lost_row_is_named_by_its_id():
    before = {1: {"id": 1}, 2: {"id": 2}}

    assert table_changes("orders_order", before, {1: {"id": 1}}) == [
        "orders_order: rows with these ids are gone: [2]"
    ]


def test_a_missing_table_is_named():
    assert table_changes("orders_order", {}, None) == ["the table orders_order is gone"]


def test_broken_contracts_quotes_the_contract_and_the_import_without_banner():
    quoted = broken_contracts(LINT_IMPORTS_OUTPUT).splitlines()

    assert quoted == [
        "users and orders do not import each other",
        "orders is not allowed to import users:",
        "- orders.services -> users.models (l.20)",
    ]
