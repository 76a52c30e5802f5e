"""The users service's schema that the edge serves is the service's own, unchanged.

The edge documents /api/users/ from a copy of the users service's OpenAPI
schema (monolith/api/users_service_openapi.json); `make schemas` refreshes
it. This test fails when the copy has drifted from the service.
"""

import json
import subprocess
import sys

from tests.stack import REPO_ROOT, base_env

COPY = REPO_ROOT / "monolith" / "api" / "users_service_openapi.json"


def test_the_edge_serves_the_users_services_current_schema(tmp_path):
    generated = tmp_path / "users.json"

    subprocess.run(
        [
            *(sys.executable, "services/users/manage.py", "spectacular"),
            *("--format", "openapi-json", "--file", str(generated)),
        ],
        cwd=REPO_ROOT,
        env=base_env(),
        check=True,
        capture_output=True,
    )

    assert json.loads(COPY.read_text()) == json.loads(generated.read_text()), (
        "Run `make schemas`: the users service's schema has changed."
    )
