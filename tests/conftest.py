"""Start the public stack for the cross-project tests, or use one already running.

What the stack is at this stage lives in tests/stack.py.
"""

import os
from collections.abc import Iterator

import pytest

from tests.stack import Stack, running_stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """Return the stack this test session starts and stops."""
    with running_stack(tmp_path_factory.mktemp("stack")) as started:
        yield started


@pytest.fixture(scope="session")
def base_url(request: pytest.FixtureRequest) -> str:
    """Return the public API's base URL, starting the stack unless one is given."""
    if given := os.environ.get("PUBLIC_API_URL"):
        return given.rstrip("/")
    started: Stack = request.getfixturevalue("stack")
    return started.url
