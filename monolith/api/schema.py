"""The edge's OpenAPI schema: the schemas of the services it forwards to, merged.

The edge has no API views of its own, so drf-spectacular sees nothing to
document; each service's own schema is kept in schemas/ (`<name>.json` for
the route `/api/<name>`, refreshed by `make schemas` and checked against the
services by tests/contracts/test_service_schemas.py) and merged in, so the
edge's /api/schema/ and /api/docs/ still describe the whole public API. See
docs/03-orders-service.md, "The schema merge".
"""

import json
from pathlib import Path
from typing import cast

from django.conf import settings
from drf_spectacular.generators import SchemaGenerator
from rest_framework.request import Request

SCHEMAS_DIR = Path(__file__).with_name("schemas")

Json = dict[str, object]


def service_schema_path(prefix: str) -> Path:
    """Return where the schema of the service behind prefix is kept."""
    return SCHEMAS_DIR / f"{prefix.rstrip('/').rsplit('/', 1)[-1]}.json"


def add_service_schemas(
    result: Json, generator: SchemaGenerator, request: Request | None, public: bool
) -> Json:
    """Merge each routed service's paths and components into the edge's schema.

    The services' components replace the edge's own (it has only the
    chassis' error shape); two services defining one name differently are
    refused, since one of them would be documented wrongly.
    """
    paths = cast(Json, result["paths"])
    merged: dict[str, Json] = {}
    for prefix in settings.EDGE_ROUTES:
        service = cast(Json, json.loads(service_schema_path(prefix).read_text()))
        under = prefix.rstrip("/") + "/"
        theirs = cast(Json, service["paths"])
        paths.update((p, item) for p, item in theirs.items() if p.startswith(under))
        components = cast(dict[str, dict[str, Json]], service["components"])
        for name, component in components["schemas"].items():
            if merged.setdefault(name, component) != component:
                raise ValueError(f"Two services define the schema {name} differently.")
    result["paths"] = dict(sorted(paths.items()))
    ours = cast(dict[str, Json], result["components"])
    ours["schemas"] = {**ours.get("schemas", {}), **merged}
    return result
