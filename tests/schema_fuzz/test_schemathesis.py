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
from pathlib import Path

import pytest

from tests.stack import REPO_ROOT, Stack, running_stack

CONFIG = Path(__file__).with_name("schemathesis.toml")
# Generous: the run takes well under a minute on two cores.
TIMEOUT_SECONDS = 600


@pytest.fixture(scope="module")
def fuzzed_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """Serve the stack on databases of its own, with the demo data in them.

    The fuzzer deactivates users and cancels orders at random, so it never
    shares a database with the public-API suite. The demo data gives the
    operations on one user or order ids that exist.
    """
    with running_stack(tmp_path_factory.mktemp("fuzz"), demo_data=True) as stack:
        yield stack


# One worker: with several threads, Python 3.11's parser can fail inside
# Hypothesis ("AST constructor recursion depth mismatch"), a CPython bug.
# Every Django project is fuzzed through its own schema: the edge, which
# forwards /api/users/, and the users service behind it.
@pytest.mark.parametrize("project", ["edge", "users"])
def test_schemathesis_finds_no_failure(fuzzed_stack, tmp_path, project):
    server = fuzzed_stack.edge if project == "edge" else fuzzed_stack.users
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
