"""Schemathesis hooks for `make test`: one check of the project's own.

Loaded by the schemathesis CLI through `hooks` in schemathesis.toml.
"""

import json
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


@schemathesis.check
def valid_bodies_are_refused_only_by_data_rules(
    ctx: CheckContext, response: Response, case: Case
) -> bool | None:
    """Fail when a schema-valid body gets a 400 about anything but a data rule."""
    allowed = DATA_RULE_FIELDS.get(case.operation.label)
    if (
        allowed is None
        or response.status_code != HTTPStatus.BAD_REQUEST
        or case.meta is None
        or not case.meta.generation.mode.is_positive
    ):
        return None
    fields = set(json.loads(response.content))
    if not fields <= allowed:
        raise AssertionError(
            f"A schema-valid body was refused for {sorted(fields - allowed)}, "
            f"which only a schema rule could explain: {response.content!r}"
        )
    return None
