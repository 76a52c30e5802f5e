"""Each service's schema that the edge merges is the service's own, unchanged.

The edge documents /api/users/ and /api/orders/ from copies of the services'
OpenAPI schemas (monolith/api/schemas/); `make schemas` refreshes them. This
test fails when a copy has drifted from its service.
"""

import json
import subprocess
import sys

import pytest

from tests.stack import REPO_ROOT, base_env

COPIES = REPO_ROOT / "monolith" / "api" / "schemas"


@pytest.mark.parametrize("service", ["users", "orders"])
def test_the_edge_serves_the_services_current_schema(tmp_path, service):
    generated = tmp_path / f"{service}.json"

    subprocess.run(
        [
            *(sys.executable, f"services/{service}/manage.py", "spectacular"),
            *("--format", "openapi-json", "--file", str(generated)),
        ],
        cwd=REPO_ROOT,
        env=base_env(),
        check=True,
        capture_output=True,
    )

    copy = COPIES / f"{service}.json"
    assert json.loads(copy.read_text()) == json.loads(generated.read_text()), (
        f"Run `make schemas`: the {service} service's schema has changed."
    )
