"""Fuzz the public API from its own OpenAPI schema with schemathesis.

Schemathesis generates requests from the schema, valid and invalid, sends them
to a real server and checks every answer against the schema: no 5xx, every
status and body documented, invalid input refused, valid input accepted. Its
settings, and the reason for each, are in schemathesis.toml beside this file.
"""

import os
import subprocess
import sys
from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path

import httpx
import pytest

from tests.stack import REPO_ROOT, Stack, running_stack

CONFIG = Path(__file__).with_name("schemathesis.toml")
# Generous: the run takes well under a minute on two cores.
TIMEOUT_SECONDS = 600


# A stored user whose email has an internationalised domain, as the API
# accepts and stores it: the responses that show it must match the schema too.
IDN_USER = {"name": "Zoë Bücher", "email": "zoe@bücher.example"}
BOOK = {"sku": "BOOK-1", "name": "A book", "quantity": 1, "unit_price": "10.00"}


def stored_rows_seed(base_url: str) -> None:
    """Add, through the public API, a user with an IDN email and two orders."""
    with httpx.Client(base_url=base_url, timeout=30.0) as http:
        created = http.post("/api/users/", json=IDN_USER)
        assert created.status_code == HTTPStatus.CREATED, created.text
        assert created.json()["email"] == IDN_USER["email"]
        order = {"user_id": created.json()["id"], "lines": [BOOK]}
        for _ in range(2):
            placed = http.post("/api/orders/", json=order)
            assert placed.status_code == HTTPStatus.CREATED, placed.text
        confirmed = http.post(f"/api/orders/{placed.json()['id']}/confirm/")
        assert confirmed.status_code == HTTPStatus.OK, confirmed.text


@pytest.fixture(scope="module")
def fuzzed_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """Serve the stack on databases of its own, with stored users and orders.

    The fuzzer deactivates users and cancels orders at random, so it never
    shares a database with the public-API suite. The demo data, and a user
    with an internationalised email with orders of their own, give the
    operations on one user or order ids that exist, and give every list and
    detail response stored rows to check against the schema, not only an
    empty database.
    """
    with running_stack(tmp_path_factory.mktemp("fuzz"), demo_data=True) as stack:
        stored_rows_seed(stack.url)
        yield stack


# One worker: with several threads, Python 3.11's parser can fail inside
# Hypothesis ("AST constructor recursion depth mismatch"), a CPython bug.
# Every Django project is fuzzed through its own schema: the edge, which
# forwards /api/users/ and /api/orders/, and each service behind it.
@pytest.mark.parametrize("project", ["edge", "users", "orders"])
def test_schemathesis_finds_no_failure(fuzzed_stack, tmp_path, project):
    server = getattr(fuzzed_stack, project)
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    env.pop("DJANGO_SETTINGS_MODULE", None)

    result = subprocess.run(
        [
            *(sys.executable, "-m", "schemathesis.cli"),
            *("--config-file", str(CONFIG), "run"),
            f"{server.url}/api/schema/?format=json",
            *("--checks", "all", "--workers", "1", "--no-color"),
            *("--report-dir", str(tmp_path)),
        ],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
