"""Consumer-driven contract: what the orders service relies on from the users service.

Pact is the field's standard for this, and runs offline. The consumer test
runs the orders service's HttpUsersClient against Pact's mock server and writes
down what it sent and the least it needs back (the pact). The provider test
replays that pact against a real users service, which must honour it. A
change to the service that would break the orders service fails here, before any
deployment.
"""

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pact import Pact, Verifier, match

from shared.users.client import UserNotFound
from shared.users.http import HttpUsersClient

CONSUMER, PROVIDER = "orders-service", "users-service"
# Only the fields the orders service reads, each matched by type, not by value.
USER = {
    "id": match.int(7),
    "name": match.str("Ann Lee"),
    "email": match.str("ann@example.com"),
    "is_active": match.bool(True),
    "version": match.int(1),
}


def users_pact() -> Pact:
    """Describe every request the orders service sends and what it needs back."""
    pact = Pact(CONSUMER, PROVIDER).with_specification("V4")
    (
        pact.upon_receiving("a request for one user")
        .given("user 7 exists")
        .with_request("GET", "/api/users/7/")
        .will_respond_with(200)
        .with_body(USER, content_type="application/json")
    )
    (
        pact.upon_receiving("a request for a user that does not exist")
        .given("user 404 does not exist")
        .with_request("GET", "/api/users/404/")
        .will_respond_with(404)
    )
    (
        pact.upon_receiving("a request for the customers of a page of orders")
        .given("users 7 and 8 exist")
        .with_request("GET", "/api/users/")
        .with_query_parameter("ids", "7")
        .with_query_parameter("ids", "8")
        .with_query_parameter("page_size", "100")
        .will_respond_with(200)
        .with_body(
            {"results": match.each_like(USER, min=2)}, content_type="application/json"
        )
    )
    return pact


@pytest.fixture(scope="module")
def pact_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run the consumer side against Pact's mock server; return the pact written.

    The mock fails the run if the client sends anything the pact does not
    describe, or leaves out a request it does.
    """
    directory = tmp_path_factory.mktemp("pacts")
    pact = users_pact()
    with pact.serve() as mock_service:
        client = HttpUsersClient(base_url=str(mock_service.url), deadline=5.0)
        client.user_get(user_id=7)
        with pytest.raises(UserNotFound):
            client.user_get(user_id=404)
        client.user_get_many(user_ids=[8, 7])
    pact.write_file(directory)
    return directory / f"{CONSUMER}-{PROVIDER}.json"


def test_the_orders_service_pact_records_the_requests_the_client_sent(pact_file):
    interactions = json.loads(pact_file.read_text())["interactions"]

    sent = sorted(
        (i["request"]["method"], i["request"]["path"], i["request"].get("query", {}))
        for i in interactions
    )

    assert sent == [
        ("GET", "/api/users/", {"ids": ["7", "8"], "page_size": ["100"]}),
        ("GET", "/api/users/404/", {}),
        ("GET", "/api/users/7/", {}),
    ]


def store_users(database: Path, *user_ids: int) -> None:
    """Put users with these ids in the running service's database."""
    now = datetime.now(UTC).isoformat()
    with sqlite3.connect(database) as connection:
        connection.executemany(
            "INSERT OR REPLACE INTO users_user "
            "(id, name, email, is_active, version, created_at, updated_at) "
            "VALUES (?, ?, ?, 1, 1, ?, ?)",
            [(i, f"User {i}", f"user{i}@example.com", now, now) for i in user_ids],
        )


def test_the_users_service_honours_the_orders_service_pact(pact_file, users_service):
    database = Path(users_service.env["USERS_DATABASE_PATH"])
    states = {
        "user 7 exists": lambda **_: store_users(database, 7),
        "users 7 and 8 exist": lambda **_: store_users(database, 7, 8),
        "user 404 does not exist": lambda **_: None,
    }
    verifier = (
        Verifier(PROVIDER, host="127.0.0.1")
        .add_transport(url=users_service.url)
        .add_source(pact_file)
        .state_handler(states)
    )

    verifier.verify()
