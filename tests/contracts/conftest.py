"""A users service of its own for the contract tests: no worker, no Redis."""

from collections.abc import Iterator

import pytest

from tests.stack import Server, build_stack


@pytest.fixture(scope="module")
def users_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Start the users service alone on a fresh database; stop it after the module."""
    server = build_stack(tmp_path_factory.mktemp("contracts")).users
    server.run("migrate", "--noinput")
    server.start()
    yield server
    server.stop()
