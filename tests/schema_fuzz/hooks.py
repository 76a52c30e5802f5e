"""Schemathesis hooks for `make test`: one check of the project's own.

Loaded by the schemathesis CLI through `hooks` in schemathesis.toml.
"""

import json
import re
from http import HTTPStatus

import schemathesis
from schemathesis import Case, CheckContext, Response

# A body the schema allows can still break a rule about data that no schema
# can state: an email another user already has, a user id that names no
# active user. The public API answers those with a 400 naming that one field
# (see docs/00-monolith.md, "Bad input"), so schemathesis.toml accepts a 400
# for these operations; this check makes sure that a 400 to a schema-valid
# body names nothing but the field the rule is about.
DATA_RULE_FIELDS = {
    "POST /api/users/": {"email"},
    "PATCH /api/users/{user_id}/": {"email"},
    "POST /api/orders/": {"user_id"},
}


# Since stage 5 the schema states the pattern of If-Match, If-None-Match and
# Idempotency-Key, and the server answers a value that breaks it with a 400.
# Schemathesis's coverage phase still sends such values (`If-Match: 0`) as
# "valid" ones, so schemathesis.toml accepts a 400 for the operations that
# take these headers; this check makes sure each such 400 is about a header
# that really breaks its documented pattern.
PATTERNED_HEADERS = {"if-match", "if-none-match", "idempotency-key"}


def _breaks_a_header_pattern(case: Case) -> bool:
    """Tell whether the case sends a patterned header its schema would refuse."""
    sent = {name.lower(): value for name, value in (case.headers or {}).items()}
    for parameter in case.operation.definition.raw.get("parameters", []):
        name = parameter.get("name", "").lower()
        if parameter.get("in") != "header" or name not in PATTERNED_HEADERS:
            continue
        pattern = parameter.get("schema", {}).get("pattern")
        if name in sent and pattern and not re.match(pattern, str(sent[name])):
            return True
    return False


@schemathesis.check
def valid_bodies_are_refused_only_by_data_rules(
    ctx: CheckContext, response: Response, case: Case
) -> bool | None:
    """Fail when a schema-valid request gets a 400 that no data rule explains."""
    if (
        response.status_code != HTTPStatus.BAD_REQUEST
        or case.meta is None
        or not case.meta.generation.mode.is_positive
        or _breaks_a_header_pattern(case)
    ):
        return None
    allowed = DATA_RULE_FIELDS.get(case.operation.label, set())
    fields = set(json.loads(response.content))
    if not fields <= allowed:
        raise AssertionError(
            f"A schema-valid body was refused for {sorted(fields - allowed)}, "
            f"which only a schema rule could explain: {response.content!r}"
        )
    return None
