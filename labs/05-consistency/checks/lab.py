"""Lab 5's checker: versions, idempotency keys and a credit saga, seen through the edge.

Each check starts the attendee's tree with `make run`, on ports, databases
and a Redis of the checker's (see the lab's README), and looks at it from
the outside: a stale If-Match is refused and one of ten racers wins
(versions.py), a key places one order however often and however fast it
is sent (keys.py), and a burst of placements never reserves more credit
than a user's limit (credit.py).
"""

from tools.labkit import Check

from .credit import APPROVED_IN_BURST, BURST, LIMIT, credit_invariant_after_a_burst
from .keys import RACERS, one_order_per_idempotency_key
from .versions import ROUNDS, WRITERS, stale_if_match_is_refused

TITLE = "Consistency: versions, idempotency keys and a credit saga"
START = "stage-4-celery-sync"
DONE = "stage-5-consistency"

CHECKS = [
    Check(
        "users and orders carry an ETag; a stale If-Match is a 412 that changes "
        f"nothing; of {WRITERS} writers sending one tag at once, exactly one wins "
        f"(in each of {ROUNDS} rounds)",
        "Answer each GET of a user or an order with an ETag built from its "
        "version, and compare If-Match in the write's transaction once the row "
        "is locked: a tag compared before the lock lets several writers through.",
        stale_if_match_is_refused,
    ),
    Check(
        "an Idempotency-Key replays its first answer, also after a restart; "
        f"{RACERS} placements sent at once with one key place one order; "
        "another body with the key is a 422",
        "Claim the key in the service's database in a transaction of its own "
        "before the write (a duplicate meanwhile is a 409), and store the answer "
        "in the write's transaction; a key kept in a process's memory is lost "
        "with the process and unseen by the others.",
        one_order_per_idempotency_key,
    ),
    Check(
        f"of {BURST} parallel placements of 10.00 for a user with a limit of "
        f"{LIMIT}, exactly {APPROVED_IN_BURST} are approved; after cancellations, "
        "a shipment and more placements, users' reserved credit equals the "
        "user's pending and confirmed orders, never above the limit",
        "Give users a credit_limit and reservations of their own; place a "
        "limited user's order awaiting_credit and let a saga ask users to "
        "reserve its total (approve or reject), release it on cancel and settle "
        "it on ship. Users checks the limit under the user's lock, never orders.",
        credit_invariant_after_a_burst,
    ),
]
