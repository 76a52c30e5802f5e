"""The edge's OpenAPI schema documents the users endpoints it forwards.

The monolith no longer has the users views, so drf-spectacular cannot see
them; the users service's own schema is kept beside this module
(users_service_openapi.json, refreshed by `make schemas` and checked against
the service by the tests) and merged in, so /api/schema/ and /api/docs/
still describe the whole public API.
"""

import json
from pathlib import Path
from typing import cast

from drf_spectacular.generators import SchemaGenerator
from rest_framework.request import Request

USERS_SERVICE_SCHEMA = Path(__file__).with_name("users_service_openapi.json")
FORWARDED_PREFIX = "/api/users/"

Json = dict[str, object]


def add_users_service_schema(
    result: Json, generator: SchemaGenerator, request: Request | None, public: bool
) -> Json:
    """Merge the users service's paths and components into the edge's schema."""
    users = cast(Json, json.loads(USERS_SERVICE_SCHEMA.read_text()))
    users_paths = cast(Json, users["paths"])
    paths = cast(Json, result["paths"])
    paths.update(
        (p, v) for p, v in users_paths.items() if p.startswith(FORWARDED_PREFIX)
    )
    result["paths"] = dict(sorted(paths.items()))
    ours = cast(dict[str, Json], result["components"])["schemas"]
    theirs = cast(dict[str, Json], users["components"])["schemas"]
    for name, component in theirs.items():
        if ours.setdefault(name, component) != component:
            raise ValueError(f"Both schemas define {name} differently.")
    return result
